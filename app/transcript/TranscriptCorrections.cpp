#include "transcript/TranscriptCorrections.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"
#include "core/Files.h"
#include "store/TranscriptEdit.h"

namespace Earmark {

TranscriptCorrections::TranscriptCorrections(Cache& cache)
    : m_cache(cache)
{ }

namespace {
QString turns(qsizetype n)
{
    return n == 1 ? QObject::tr("1 turn") : QObject::tr("%1 turns").arg(n);
}

Result<Transcript> parsed(QByteArray json, const QString& callId)
{
    auto t = Transcript::parse(json, callId);
    Files::wipe(json);
    return t;
}

Status checkBase(const TranscriptHistory& h, int baseRevision)
{
    if (h.revision == baseRevision) {
        return {};
    }
    const CallDocument& newest = h.revisions.last();
    return makeError(QObject::tr("The transcript was changed by %1 (revision %2) after you began: your change was not "
                                 "saved. Open the call again to see the newest transcript, then make the change there.")
                         .arg(newest.byUser)
                         .arg(newest.revision));
}

Result<int> save(Cache& cache, const QString& callId, const Transcript& t, const QString& summary)
{
    auto found = cache.calls().get(callId);
    if (!found) {
        return found.error();
    }
    const CallRecord& call = found.value();
    QByteArray json = t.toJson();
    if (auto check = Transcript::parse(json, call.callId); !check) {
        Files::wipe(json);
        return makeError(QObject::tr("The corrected transcript is not valid: %1").arg(check.errorMessage()));
    }
    auto revision = CallDocuments(cache.database(), cache.calls())
                        .appendAudited(cache.audit(), call, CallDocuments::Transcript, json, summary,
                            QStringLiteral("transcript.revise"), [&]() -> Status {
                                // The new text is what search finds, and the call now has a transcript.
                                if (auto st = TranscriptIndex(cache.database()).index(call.id, json); !st) {
                                    return st;
                                }
                                auto flag = cache.database().prepare(
                                    QStringLiteral("UPDATE calls SET has_transcript = 1 WHERE id = ?"));
                                if (!flag) {
                                    return flag.error();
                                }
                                flag->bind(1, call.id);
                                return flag->run();
                            });
    Files::wipe(json);
    return revision;
}
} // namespace

Result<TranscriptHistory> TranscriptCorrections::load(const QString& callId)
{
    if (auto st = m_cache.roles().require(Permission::PlayOriginal); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto call = m_cache.calls().get(callId);
    if (!call) {
        return call.error();
    }
    TranscriptHistory h;
    h.callId = callId;
    h.durationS = call->durationS;
    CallDocuments docs(m_cache.database(), m_cache.calls());
    auto revisions = docs.history(call.value(), CallDocuments::Transcript);
    if (!revisions) {
        return revisions.error();
    }
    h.revisions = revisions.value();
    if (auto provider = m_cache.calls().providerTranscript(call.value())) {
        auto t = parsed(std::move(provider.value()), callId);
        if (!t) {
            return makeError(
                QObject::tr("The provider's transcript of call %1 is not valid: %2").arg(callId, t.errorMessage()));
        }
        h.provider = std::move(t.value());
    }
    h.current = h.provider;
    if (!h.revisions.isEmpty()) {
        auto doc = docs.latest(call.value(), CallDocuments::Transcript);
        if (!doc || !doc.value()) {
            return makeError(doc ? QObject::tr("The newest revision is missing.") : doc.errorMessage());
        }
        auto t = parsed(std::move(doc.value()->content), callId);
        if (!t) {
            return t.error();
        }
        h.current = std::move(t.value());
        h.revision = doc.value()->revision;
    }
    return h;
}

namespace {
// The history, provided nobody saved a revision since baseRevision (which the change was made on).
Result<TranscriptHistory> loadAt(Cache& cache, const QString& callId, int baseRevision)
{
    auto h = TranscriptCorrections(cache).load(callId);
    if (h) {
        if (auto st = checkBase(h.value(), baseRevision); !st) {
            return st.error();
        }
    }
    return h;
}
} // namespace

Result<Transcript> TranscriptCorrections::at(const QString& callId, int revision)
{
    if (auto st = m_cache.roles().require(Permission::PlayOriginal); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto call = m_cache.calls().get(callId);
    if (!call) {
        return call.error();
    }
    if (revision == 0) {
        auto provider = m_cache.calls().providerTranscript(call.value());
        if (!provider) {
            return provider.error();
        }
        return parsed(std::move(provider.value()), callId);
    }
    auto doc = CallDocuments(m_cache.database(), m_cache.calls())
                   .revision(call.value(), CallDocuments::Transcript, revision);
    if (!doc) {
        return doc.error();
    }
    return parsed(std::move(doc->content), callId);
}

Result<int> TranscriptCorrections::correctSegment(
    const QString& callId, int baseRevision, int segment, const QString& speaker, const QString& text)
{
    if (auto st = m_cache.roles().require(Permission::CorrectTranscripts); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto h = loadAt(m_cache, callId, baseRevision);
    if (!h) {
        return h.error();
    }
    if (!h->current || segment < 0 || segment >= h->current->segments.size()) {
        return makeError(QObject::tr("Call %1 has no turn %2 to correct.").arg(callId).arg(segment + 1));
    }
    if (text.simplified().isEmpty()) {
        return makeError(QObject::tr("A turn cannot be left empty: type what was said, or [inaudible]."));
    }
    Transcript t = std::move(*h->current);
    const TranscriptSegment before = t.segments[segment];
    TranscriptSegment after = TranscriptEdit::retext(before, text);
    after.speaker = speaker;
    if (after.text == before.text && after.speaker == before.speaker) {
        return makeError(QObject::tr("Nothing was changed in turn %1.").arg(segment + 1));
    }
    t.segments[segment] = after;
    return save(m_cache, callId, t, TranscriptEdit::summary(before, after, segment));
}

Result<int> TranscriptCorrections::saveTyped(const QString& callId, int baseRevision, const QString& typed)
{
    if (auto st = m_cache.roles().require(Permission::CorrectTranscripts); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto h = loadAt(m_cache, callId, baseRevision);
    if (!h) {
        return h.error();
    }
    if (h->provider) {
        return makeError(QObject::tr("Call %1 has the provider's transcript: correct its turns instead of typing it "
                                     "again.")
                             .arg(callId));
    }
    auto t = TranscriptEdit::parseTyped(typed, callId, h->durationS);
    if (!t) {
        return t.error();
    }
    return save(m_cache, callId, t.value(), QObject::tr("Typed transcript: %1").arg(turns(t->segments.size())));
}

Result<int> TranscriptCorrections::saveWhole(const QString& callId, int baseRevision, const QByteArray& json)
{
    if (auto st = m_cache.roles().require(Permission::CorrectTranscripts); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto h = loadAt(m_cache, callId, baseRevision);
    if (!h) {
        return h.error();
    }
    auto t = Transcript::parse(json, callId);
    if (!t) {
        return makeError(QObject::tr("The transcript to import is not valid: %1").arg(t.errorMessage()));
    }
    if (t->segments.isEmpty()) {
        return makeError(QObject::tr("The transcript to import has no turns."));
    }
    return save(m_cache, callId, t.value(),
        QObject::tr("Whole transcript imported (%1): %2")
            .arg(t->engine.isEmpty() ? QObject::tr("no engine named") : t->engine, turns(t->segments.size())));
}

} // namespace Earmark

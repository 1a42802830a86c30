#include "redaction/RedactionReviews.h"

#include "anonymise/Anonymiser.h"
#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "core/Files.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark {

RedactionReviews::RedactionReviews(Cache& cache)
    : m_cache(cache)
{ }

using Anonymise::Span;
using Decision = ReviewSpan::Decision;

namespace {
QJsonArray spansJson(const QList<Span>& spans)
{
    QJsonArray out;
    for (const Span& s : spans) {
        out.append(QJsonObject {{QStringLiteral("first"), s.first}, {QStringLiteral("last"), s.last},
            {QStringLiteral("type"), Anonymise::entityName(s.type)}});
    }
    return out;
}

Result<QList<Span>> spansOf(const QJsonValue& v)
{
    QList<Span> out;
    for (const QJsonValue& item : v.toArray()) {
        const QJsonObject o = item.toObject();
        const auto type = Anonymise::entityFromName(o.value(QStringLiteral("type")).toString());
        const int first = o.value(QStringLiteral("first")).toInt(-1);
        const int last = o.value(QStringLiteral("last")).toInt(-1);
        if (!type || first < 0 || last < first) {
            return makeError(QObject::tr("A saved redaction span is malformed."));
        }
        out.append(Span {first, last, *type, {}});
    }
    return out;
}

const QString ReviewRequiredSetting = QStringLiteral("redaction_review_required");

bool sameTokens(const Span& a, const Span& b)
{
    return a.first == b.first && a.last == b.last;
}

} // namespace

bool RedactionReviews::reviewRequired()
{
    return m_cache.setting(ReviewRequiredSetting) == QLatin1String("1");
}

Status RedactionReviews::setReviewRequired(bool required)
{
    if (auto st = m_cache.roles().require(Permission::ManageKeys); !st) {
        return st;
    }
    if (reviewRequired() == required) {
        return {};
    }
    if (auto st = m_cache.setSetting(ReviewRequiredSetting, required ? QStringLiteral("1") : QStringLiteral("0"));
        !st) {
        return st;
    }
    return m_cache.audit().append(QStringLiteral("redaction.policy"), {},
        required ? QStringLiteral("review required before export")
                 : QStringLiteral("unreviewed export on confirmation"));
}

QByteArray RedactionReviews::toJson(const Anonymise::Review& review)
{
    QList<int> segments = review.keys();
    std::sort(segments.begin(), segments.end());
    QJsonArray out;
    for (int si : segments) {
        const Anonymise::SegmentReview& r = review.value(si);
        out.append(QJsonObject {{QStringLiteral("segment"), si}, {QStringLiteral("text"), r.text},
            {QStringLiteral("accepted"), spansJson(r.accepted)}, {QStringLiteral("rejected"), spansJson(r.rejected)},
            {QStringLiteral("added"), spansJson(r.added)}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("schema"), QStringLiteral("earmark.redaction-review/1")},
                             {QStringLiteral("segments"), out}})
        .toJson(QJsonDocument::Compact);
}

Result<Anonymise::Review> RedactionReviews::fromJson(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.value(QStringLiteral("schema")).toString() != QLatin1String("earmark.redaction-review/1")) {
        return makeError(QObject::tr("The saved redaction review is not in a format this version reads."));
    }
    Anonymise::Review review;
    for (const QJsonValue& v : o.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject so = v.toObject();
        Anonymise::SegmentReview r;
        r.text = so.value(QStringLiteral("text")).toString();
        auto accepted = spansOf(so.value(QStringLiteral("accepted")));
        auto rejected = spansOf(so.value(QStringLiteral("rejected")));
        auto added = spansOf(so.value(QStringLiteral("added")));
        if (!accepted || !rejected || !added) {
            return makeError(QObject::tr("The saved redaction review is damaged: review the call again."));
        }
        r.accepted = accepted.value();
        r.rejected = rejected.value();
        r.added = added.value();
        review.insert(so.value(QStringLiteral("segment")).toInt(), r);
    }
    return review;
}

Result<Anonymise::Options> RedactionReviews::anonymiseOptions(const CallRecord& call)
{
    Anonymise::Options options;
    if (auto personal = m_cache.calls().personal(call); personal && !personal->respondentName.isEmpty()) {
        options.knownNames << personal->respondentName;
    }
    if (!call.agentName.isEmpty()) {
        options.agentNames << call.agentName;
    }
    auto saved = CallDocuments(m_cache.database(), m_cache.calls()).latest(call, CallDocuments::Redactions);
    if (!saved) {
        return saved.error();
    }
    if (saved.value()) {
        auto review = fromJson(saved.value()->content);
        Files::wipe(saved.value()->content);
        if (!review) {
            return review.error();
        }
        options.review = std::move(review.value());
    }
    return options;
}

int RedactionReviews::staleSegments(const Anonymise::Review& review, const Transcript& transcript)
{
    int stale = 0;
    for (auto r = review.cbegin(); r != review.cend(); ++r) {
        stale += r.key() >= transcript.segments.size() || transcript.segments.at(r.key()).text != r->text ? 1 : 0;
    }
    return stale;
}

Result<RedactionReviewState> RedactionReviews::load(const QString& callId)
{
    if (auto st = m_cache.roles().require(Permission::ReviewRedactions); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto call = m_cache.calls().get(callId);
    if (!call) {
        return call.error();
    }
    auto json = m_cache.calls().transcript(call.value());
    if (!json) {
        return makeError(QObject::tr("Call %1 has no transcript to review: type one first (Transcript → Type the "
                                     "transcript).")
                             .arg(callId));
    }
    auto transcript = Transcript::parse(json.value(), callId);
    Files::wipe(json.value());
    if (!transcript) {
        return transcript.error();
    }
    auto options = anonymiseOptions(call.value());
    if (!options) {
        return options.error();
    }
    RedactionReviewState state;
    state.callId = callId;
    state.transcript = std::move(transcript.value());
    const Anonymise::Review review = std::exchange(options->review, {});
    state.staleSegments = staleSegments(review, state.transcript);
    const QList<QList<Span>> detected = Anonymise::Anonymiser(options.value()).detect(state.transcript);
    for (int si = 0; si < detected.size(); ++si) {
        const auto r = review.constFind(si);
        const bool current = r != review.cend() && r->text == state.transcript.segments[si].text;
        QList<ReviewSpan> spans;
        for (const Span& s : detected[si]) {
            Decision d = Decision::Pending;
            if (current) {
                const auto match = [&](const Span& x) { return sameTokens(x, s); };
                d = std::any_of(r->rejected.cbegin(), r->rejected.cend(), match)   ? Decision::Rejected
                    : std::any_of(r->accepted.cbegin(), r->accepted.cend(), match) ? Decision::Accepted
                                                                                   : Decision::Pending;
            }
            spans.append({si, s, d, true});
        }
        if (current) {
            for (const QList<Span>* more : {&r->accepted, &r->added}) {
                for (const Span& s : *more) {
                    const bool known = std::any_of(
                        spans.cbegin(), spans.cend(), [&](const ReviewSpan& x) { return sameTokens(x.span, s); });
                    if (!known) {
                        // Accepted once but no longer detected, or added by hand: the reviewer's span either way.
                        spans.append({si, s, more == &r->added ? Decision::Added : Decision::Accepted, false});
                    }
                }
            }
        }
        std::sort(spans.begin(), spans.end(),
            [](const ReviewSpan& a, const ReviewSpan& b) { return a.span.first < b.span.first; });
        state.spans += spans;
    }
    auto history = CallDocuments(m_cache.database(), m_cache.calls()).history(call.value(), CallDocuments::Redactions);
    if (history && !history->isEmpty()) {
        state.last = history->last();
        auto names = CacheSettings(m_cache).reviewerNames();
        state.lastBy = reviewerLabel(names ? names.value() : QHash<QString, QString>(), state.last->byUser);
    }
    return state;
}

Result<int> RedactionReviews::save(const QString& callId, const Transcript& seen, const QList<ReviewSpan>& spans)
{
    if (auto st = m_cache.roles().require(Permission::ReviewRedactions); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto state = load(callId);
    if (!state) {
        return state.error();
    }
    const QList<TranscriptSegment>& segments = state->transcript.segments;
    const bool same = segments.size() == seen.segments.size()
        && std::equal(segments.cbegin(), segments.cend(), seen.segments.cbegin(),
            [](const TranscriptSegment& a, const TranscriptSegment& b) { return a.text == b.text; });
    if (!same) {
        return makeError(QObject::tr("The transcript of %1 was corrected while you reviewed it, so your decisions "
                                     "were not saved: open the review again to decide on the corrected words.")
                             .arg(callId));
    }
    Anonymise::Review review;
    int counts[4] = {0, 0, 0, 0};
    for (const ReviewSpan& s : spans) {
        if (s.segment < 0 || s.segment >= segments.size()) {
            return makeError(QObject::tr("A span is in turn %1, which the transcript does not have: open the review "
                                         "again.")
                                 .arg(s.segment + 1));
        }
        Anonymise::SegmentReview& r = review[s.segment];
        r.text = segments[s.segment].text;
        ++counts[int(s.decision)];
        switch (s.decision) {
        case Decision::Pending:
            break;
        case Decision::Accepted:
            r.accepted << s.span;
            break;
        case Decision::Rejected:
            r.rejected << s.span;
            break;
        case Decision::Added:
            r.added << s.span;
            break;
        }
    }
    auto call = m_cache.calls().get(callId);
    if (!call) {
        return call.error();
    }
    QByteArray json = toJson(review);
    const QString summary = QObject::tr("%1 accepted, %2 rejected, %3 added, %4 not looked at")
                                .arg(counts[int(Decision::Accepted)])
                                .arg(counts[int(Decision::Rejected)])
                                .arg(counts[int(Decision::Added)])
                                .arg(counts[int(Decision::Pending)]);
    auto revision = CallDocuments(m_cache.database(), m_cache.calls())
                        .appendAudited(m_cache.audit(), call.value(), CallDocuments::Redactions, json, summary,
                            QStringLiteral("redactions.review"));
    Files::wipe(json);
    return revision;
}

} // namespace Earmark

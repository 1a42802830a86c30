#include "cases/EvidencePack.h"

#include "archive/BagWriter.h"
#include "browse/CallMediaLoader.h"
#include "cache/AudioBlobReader.h"
#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "cases/Cases.h"
#include "core/Files.h"
#include "core/TimeText.h"
#include "crypto/Minisign.h"
#include "quality/EvaluationRepository.h"
#include "transcript/TranscriptCorrections.h"
#include "transcript/TranscriptText.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark {

namespace {
QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

// The call as its sidecar described it when it was synced (earmark.call/1 fields), with the sidecar's SHA-256.
QJsonObject metadata(const CallRecord& c, const CallPersonal& p)
{
    QJsonObject o {{QStringLiteral("schema"), QStringLiteral("earmark.call/1")}, {QStringLiteral("call_id"), c.callId},
        {QStringLiteral("start_utc"), utcText(c.startUtc)}, {QStringLiteral("duration_s"), c.durationS},
        {QStringLiteral("direction"), c.direction},
        {QStringLiteral("respondent"),
            QJsonObject {{QStringLiteral("phone_e164"), p.phoneE164}, {QStringLiteral("name"), p.respondentName}}},
        {QStringLiteral("agent"),
            QJsonObject {{QStringLiteral("id"), c.agentId}, {QStringLiteral("name"), c.agentName}}},
        {QStringLiteral("client"), c.client}, {QStringLiteral("campaign"), c.campaign},
        {QStringLiteral("disposition"), QJsonObject {{QStringLiteral("code"), c.disposition}}},
        {QStringLiteral("audio"),
            QJsonObject {{QStringLiteral("file"), c.audioFile}, {QStringLiteral("sha256"), c.audioSha256},
                {QStringLiteral("size_bytes"), c.audioSize}, {QStringLiteral("codec"), c.audioCodec}}},
        {QStringLiteral("tags"), QJsonArray::fromStringList(c.tags)},
        {QStringLiteral("source"), QJsonObject {{QStringLiteral("raw"), p.sourceRaw}}},
        {QStringLiteral("synced_sidecar_sha256"), QString::fromLatin1(c.sidecarSha256.toHex())}};
    if (c.consentRecorded) {
        o.insert(QStringLiteral("consent"), QJsonObject {{QStringLiteral("recorded"), *c.consentRecorded}});
    }
    return o;
}

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) {
        return s;
    }
    return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QJsonObject evaluationJson(const Evaluation& e)
{
    QJsonArray comments;
    for (const TimedComment& c : e.comments) {
        comments << QJsonObject {{QStringLiteral("at_s"), c.atS}, {QStringLiteral("text"), c.text},
            {QStringLiteral("by"), c.byUser}, {QStringLiteral("at_utc"), utcText(c.createdUtc)}};
    }
    return QJsonObject {{QStringLiteral("evaluation_id"), e.id}, {QStringLiteral("scorecard"), e.scorecardId},
        {QStringLiteral("scorecard_version"), e.scorecardVersion}, {QStringLiteral("reviewer"), e.reviewer},
        {QStringLiteral("state"), stateName(e.state)}, {QStringLiteral("revision"), e.revision},
        {QStringLiteral("score"), e.score ? QJsonValue(*e.score) : QJsonValue()}, {QStringLiteral("passed"), e.passed},
        {QStringLiteral("auto_fail"), e.autoFail},
        {QStringLiteral("submitted_utc"), e.submittedUtc ? utcText(e.submittedUtc) : QString()},
        {QStringLiteral("answers"), e.answers}, {QStringLiteral("timed_comments"), comments}};
}
// The custody record's steps for VERIFY.txt.
QString custodySteps(const QString& publicKey)
{
    return QStringLiteral(
        "4. The custody record, data/custody/. audit.csv is the part of the sender's audit log about this case:\n"
        "   the case, its calls, its hold and this export, oldest first. seq is an entry's place in the whole log\n"
        "   (the gaps are entries about other calls, left out); hash chains each entry to the one before it.\n"
        "   checkpoint.txt records how many entries the log had (size) and its newest hash (head) as the pack was\n"
        "   made, signed with the same key:\n\n"
        "   minisign -Vm data/custody/checkpoint.txt -P %1\n\n"
        "   It must print \"Signature and comment signature verified\". On their own records the sender shows\n"
        "   that these entries are in the log that checkpoint signs (earmark-cli audit verify).\n\n"
        "case.txt is the case as a person reads it (notes, flagged moments); case.json holds the same for tools.\n")
        .arg(publicKey);
}

QString when(qint64 utc)
{
    return QDateTime::fromSecsSinceEpoch(utc, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

// The case as a person reads it: what case.json holds, in words.
QByteArray caseText(const CaseRecord& c, const QStringList& included, const QStringList& destroyed)
{
    QString t = QStringLiteral("Case %1 (%2), %3\n").arg(c.reference, c.caseId, c.type);
    t += QString(t.size() - 1, QLatin1Char('=')) + QLatin1Char('\n');
    t += QStringLiteral("Opened %1 by %2; owner %3.\n").arg(when(c.openedUtc), c.openedBy, c.owner);
    t += c.isOpen() ? QStringLiteral("Open: its calls are held.\n")
                    : QStringLiteral("Closed %1 by %2: %3\n").arg(when(c.closedUtc), c.closedBy, c.closeReason);
    if (!c.phoneHint.isEmpty()) {
        t += QStringLiteral("Respondent's number: ending %1 (in full in each call's metadata.json).\n")
                 .arg(c.phoneHint.right(3));
    }
    t += QStringLiteral("\nCalls in this pack (%1): %2\n")
             .arg(included.size())
             .arg(included.isEmpty() ? QStringLiteral("none") : included.join(QStringLiteral(", ")));
    if (!destroyed.isEmpty()) {
        t += QStringLiteral("Calls of the case no longer kept (destroyed): %1\n")
                 .arg(destroyed.join(QStringLiteral(", ")));
    }
    for (const CaseSetAside& a : c.setAside) {
        t += QStringLiteral("Not the case's: %1, %2 (%3, %4)\n").arg(a.callId, a.reason, a.by, when(a.atUtc));
    }
    t += QStringLiteral("\nFlagged moments (%1)\n").arg(c.flags.size());
    for (const SafetyFlag& f : c.flags) {
        t += QStringLiteral("- %1 at %2: %3%4 (flagged by %5, %6%7)\n")
                 .arg(f.callId, clockText(f.atMs / 1000.0), f.kind,
                     f.note.isEmpty() ? QString() : QStringLiteral(", \"") + f.note + QLatin1Char('"'), f.flaggedBy,
                     when(f.flaggedUtc),
                     f.caseId.isEmpty() || f.caseId == c.caseId
                         ? QString()
                         : QStringLiteral("; safety case %1 (%2)").arg(f.caseReference, f.caseId));
    }
    t += QStringLiteral("\nNotes (%1)\n").arg(c.notes.size());
    for (const CaseNote& n : c.notes) {
        t += QStringLiteral("- %1, %2:\n  %3\n")
                 .arg(n.author, when(n.atUtc), QString(n.text).replace(QLatin1Char('\n'), QStringLiteral("\n  ")));
    }
    return t.toUtf8();
}
} // namespace

EvidencePack::EvidencePack(Cache& cache)
    : m_cache(cache)
{ }

Result<EvidenceSummary> EvidencePack::write(
    const QString& caseIdOrReference, const QString& zipPath, Progress* progress)
{
    if (auto st = m_cache.roles().require(Permission::ExportEvidence); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto found = Cases(m_cache).get(caseIdOrReference);
    if (!found) {
        return found.error();
    }
    const CaseRecord c = found.value();
    if (!zipPath.endsWith(QLatin1String(".zip"))) {
        return makeError(QStringLiteral("An evidence pack is one zip file: give a name ending in .zip."));
    }
    BagInfo info;
    info.kind = QStringLiteral("evidence");
    info.reference = c.reference;
    const QString store = CacheSettings(m_cache).storeName();
    info.organisation = store.isEmpty() ? QStringLiteral("Earmark") : store;
    info.baggingDate = QDate::currentDate();
    info.version = QStringLiteral(EARMARK_VERSION);
    info.moreSteps = custodySteps(Minisign::publicKeyText(m_cache.signingKey()));
    BagWriter bag(info);
    EvidenceSummary summary;
    summary.zipPath = zipPath;
    summary.reference = c.reference;

    QList<QByteArray> wipeLater;
    const auto cleanup = [&wipeLater] {
        for (QByteArray& b : wipeLater) {
            Files::wipe(b);
        }
    };
    QStringList included;
    for (qsizetype n = 0; n < c.callIds.size(); ++n) {
        const QString& callId = c.callIds[n];
        if (progress) {
            if (progress->cancelled()) {
                cleanup();
                return makeError(Progress::cancelledMessage(QStringLiteral("the evidence pack was not written")));
            }
            progress->report(n, c.callIds.size());
        }
        auto call = m_cache.calls().find(callId);
        if (!call) {
            cleanup();
            return call.error();
        }
        if (!call.value()) {
            summary.destroyedCalls << callId;
            continue;
        }
        const CallRecord& record = *call.value();
        if (auto st = CallMediaLoader(m_cache).prefetch(callId); !st) {
            cleanup();
            return makeError(
                QStringLiteral("The audio of %1 is unavailable for the pack: %2").arg(callId, st.errorMessage()));
        }
        auto refreshed = m_cache.calls().get(callId);
        if (!refreshed) {
            cleanup();
            return refreshed.error();
        }
        auto audio = AudioBlobReader(m_cache).read(refreshed.value());
        if (!audio) {
            cleanup();
            return audio.error();
        }
        wipeLater << audio.value();
        const QString dir = QStringLiteral("calls/%1/").arg(callId);
        QString ext = QFileInfo(record.audioFile).suffix().toLower();
        if (!BagWriter::isSafePath(ext) || ext.isEmpty()) {
            ext = QStringLiteral("bin");
        }
        auto personal = m_cache.calls().personal(record);
        if (!personal) {
            cleanup();
            return personal.error();
        }
        Status st = bag.add(dir + QStringLiteral("audio.") + ext, audio.value());
        if (st) {
            st = bag.add(dir + QStringLiteral("metadata.json"), json(metadata(record, personal.value())));
        }
        auto history = TranscriptCorrections(m_cache).load(callId);
        if (st && history && history->current) {
            st = bag.add(dir + QStringLiteral("transcript.txt"),
                TranscriptText::readable(*history->current,
                    history->revision == 0
                        ? QStringLiteral("Transcript of call %1 (the provider's transcript)").arg(callId)
                        : QStringLiteral("Transcript of call %1 (corrected, revision %2)")
                              .arg(callId)
                              .arg(history->revision)));
            if (st) {
                st = bag.add(dir + QStringLiteral("transcript.json"), history->current->toJson());
            }
            if (st && history->revision > 0 && history->provider) {
                st = bag.add(dir + QStringLiteral("transcript.provider.txt"),
                    TranscriptText::readable(*history->provider,
                        QStringLiteral("Transcript of call %1 (the provider's transcript)").arg(callId)));
                if (st) {
                    st = bag.add(dir + QStringLiteral("transcript.provider.json"), history->provider->toJson());
                }
            }
        } else if (st && !history) {
            st = history.error();
        }
        auto evaluations = EvaluationRepository(m_cache).forCall(callId);
        if (st && evaluations && !evaluations->isEmpty()) {
            QJsonArray list;
            for (const Evaluation& e : evaluations.value()) {
                list << evaluationJson(e);
            }
            st = bag.add(dir + QStringLiteral("evaluations.json"), QJsonDocument(list).toJson(QJsonDocument::Indented));
        } else if (st && !evaluations) {
            st = evaluations.error();
        }
        if (!st) {
            cleanup();
            return st.error();
        }
        included << callId;
    }

    // This export is itself in the excerpt, and the checkpoint covers it.
    // The folder inside the zip is named after the case (its reference is checked to be a safe name), never after
    // the file name the user chose: that may hold a space, a name, or nothing at all.
    const QString packName
        = QStringLiteral("evidence-") + QString(c.reference).replace(QLatin1Char('/'), QLatin1Char('-'));
    if (auto st = m_cache.audit().append(
            QStringLiteral("evidence.export"), c.caseId, QStringLiteral("%1 call(s)").arg(included.size()));
        !st) {
        cleanup();
        return st.error();
    }
    QStringList subjects = c.callIds;
    subjects << c.caseId;
    if (!c.holdId.isEmpty()) {
        subjects << c.holdId;
    }
    QString csv = QStringLiteral("seq,at_utc,actor,action,subject,detail,hash\n");
    auto entries = m_cache.audit().entries(AuditFilter {});
    if (!entries) {
        cleanup();
        return entries.error();
    }
    for (const AuditEntry& e : entries.value()) {
        if (!subjects.contains(e.subject) && !(e.subject.isEmpty() && e.detail.contains(c.caseId))) {
            continue;
        }
        csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                   .arg(e.seq)
                   .arg(utcText(e.atUtc), csvField(e.actor), csvField(e.action), csvField(e.subject),
                       csvField(e.detail), QString::fromLatin1(e.hash.toHex()));
    }
    auto checkpoint = m_cache.audit().latestCheckpoint();
    if (!checkpoint || !checkpoint.value()) {
        cleanup();
        return checkpoint ? makeError(QStringLiteral("The audit log has no checkpoint: run earmark-cli audit verify."))
                          : checkpoint.error();
    }
    const QByteArray keyId = m_cache.signingKey().keyId();
    Status st = bag.add(QStringLiteral("custody/audit.csv"), csv.toUtf8());
    if (st) {
        st = bag.add(QStringLiteral("custody/checkpoint.txt"), checkpoint.value()->text(keyId));
    }
    if (st) {
        st = bag.add(QStringLiteral("custody/checkpoint.txt.minisig"), checkpoint.value()->signature);
    }

    QJsonObject record = Cases::toJson(c);
    record.insert(QStringLiteral("calls"), QJsonArray::fromStringList(included));
    record.insert(QStringLiteral("calls_destroyed"), QJsonArray::fromStringList(summary.destroyedCalls));
    record.insert(QStringLiteral("exported_by"), AuditLog::currentActor());
    record.insert(QStringLiteral("exported_utc"), utcText(QDateTime::currentSecsSinceEpoch()));
    if (st) {
        st = bag.add(QStringLiteral("case.json"), json(record));
    }
    if (st) {
        st = bag.add(QStringLiteral("case.txt"), caseText(c, included, summary.destroyedCalls));
    }
    if (st && progress && progress->cancelled()) {
        cleanup();
        return makeError(Progress::cancelledMessage(QStringLiteral("the evidence pack was not written")));
    }
    if (st) {
        st = bag.writeZip(zipPath, packName, m_cache.signingKey());
    }
    cleanup();
    if (!st) {
        (void)m_cache.audit().append(QStringLiteral("evidence.export-failed"), c.caseId, {});
        return st.error();
    }
    summary.calls = included.size();
    summary.files = bag.payloadCount();
    summary.bytes = QFileInfo(zipPath).size();
    summary.keyId = Minisign::keyIdText(keyId);
    return summary;
}

EvidencePack::SigningKeyText EvidencePack::signingKey() const
{
    return {Minisign::publicKeyText(m_cache.signingKey()), Minisign::keyIdText(m_cache.signingKey().keyId())};
}

} // namespace Earmark

#include "requests/DsarPack.h"

#include "anonymise/AudioRedaction.h"
#include "archive/BagWriter.h"
#include "audio/AudioDecoder.h"
#include "browse/CallMediaLoader.h"
#include "cache/AudioBlobReader.h"
#include "cache/AuditLog.h"
#include "cache/Cache.h"
#include "cache/CacheSettings.h"
#include "core/Files.h"
#include "core/TimeText.h"
#include "crypto/Minisign.h"
#include "requests/CoverLetter.h"
#include "requests/RequestCalls.h"
#include "requests/Requests.h"
#include "retention/Retention.h"
#include "transcript/TranscriptCorrections.h"
#include "transcript/TranscriptText.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark {

namespace {
const QString StaffSetting = QStringLiteral("dsar_staff_names");

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QString agentNameFor(const QString& name, StaffNames policy)
{
    if (policy == StaffNames::Keep) {
        return name;
    }
    if (policy == StaffNames::Remove) {
        return {};
    }
    return name.section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
}

// The call's details as the requester may see them: theirs in full, the agent's name by the staff policy, nothing
// of the provider's raw fields (they can carry anything).
QJsonObject metadata(const CallRecord& c, const CallPersonal& p, StaffNames policy, bool audio)
{
    QJsonObject o {{QStringLiteral("schema"), QStringLiteral("earmark.call/1")}, {QStringLiteral("call_id"), c.callId},
        {QStringLiteral("start_utc"), utcText(c.startUtc)}, {QStringLiteral("duration_s"), c.durationS},
        {QStringLiteral("direction"), c.direction},
        {QStringLiteral("respondent"),
            QJsonObject {{QStringLiteral("phone_e164"), p.phoneE164}, {QStringLiteral("name"), p.respondentName}}},
        {QStringLiteral("agent"), QJsonObject {{QStringLiteral("name"), agentNameFor(c.agentName, policy)}}},
        {QStringLiteral("client"), c.client}, {QStringLiteral("campaign"), c.campaign},
        {QStringLiteral("disposition"), QJsonObject {{QStringLiteral("code"), c.disposition}}},
        {QStringLiteral("tags"), QJsonArray::fromStringList(c.tags)},
        {QStringLiteral("audio"),
            QJsonObject {{QStringLiteral("included"), audio}, {QStringLiteral("codec"), c.audioCodec},
                {QStringLiteral("original_sha256"), c.audioSha256}}}};
    if (c.consentRecorded) {
        o.insert(QStringLiteral("consent"), QJsonObject {{QStringLiteral("recorded"), *c.consentRecorded}});
    }
    return o;
}

QString csvLine(const QString& callId, const RedactionDecision& d)
{
    return QStringLiteral("%1,%2,%3,%4,%5,%6\n")
        .arg(callId)
        .arg(d.segment)
        .arg(TranscriptText::clock(d.atS), d.type, d.redacted ? QStringLiteral("removed") : QStringLiteral("kept"),
            QLatin1Char('"') + d.reason + QLatin1Char('"'));
}

// The call's recording with the redacted passages bleeped, as 16-bit WAV.
Result<QByteArray> redactedAudio(Cache& cache, const QString& callId, const QList<Anonymise::Redaction>& redactions)
{
    if (auto st = CallMediaLoader(cache).prefetch(callId); !st) {
        return makeError(
            QStringLiteral("The recording of %1 is unavailable for the pack: %2").arg(callId, st.errorMessage()));
    }
    auto record = cache.calls().get(callId);
    if (!record) {
        return record.error();
    }
    auto original = AudioBlobReader(cache).read(record.value());
    if (!original) {
        return original.error();
    }
    auto decoded = AudioDecoder::decode(original.value(), DurationBound {record->durationS});
    Files::wipe(original.value());
    if (!decoded) {
        return decoded.error();
    }
    Anonymise::redactAudio(decoded->samples, decoded->channels, decoded->sampleRate, redactions, /*silence=*/false);
    auto wav = AudioDecoder::encodeWav(decoded.value());
    decoded->samples.fill(0);
    return wav;
}
} // namespace

DsarPack::DsarPack(Cache& cache)
    : m_cache(cache)
{ }

StaffNames DsarPack::staffPolicy()
{
    return staffNamesFromText(m_cache.setting(StaffSetting)).value_or(StaffNames::FirstName);
}

Status DsarPack::setStaffPolicy(StaffNames policy)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st;
    }
    if (auto st = m_cache.setSetting(StaffSetting, staffNamesText(policy)); !st) {
        return st;
    }
    return m_cache.audit().append(QStringLiteral("policy.staff-names"), {}, staffNamesText(policy));
}

Result<DsarPackSummary> DsarPack::write(
    const QString& requestIdOrReference, const QString& zipPath, const DsarPackOptions& options, Progress* progress)
{
    if (auto st = m_cache.roles().require(Permission::SubjectRequests); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto found = Requests(m_cache).get(requestIdOrReference);
    if (!found) {
        return found.error();
    }
    const SubjectRequest r = found.value();
    if (!zipPath.endsWith(QLatin1String(".zip"))) {
        return makeError(QStringLiteral("A subject access pack is one zip file: give a name ending in .zip."));
    }
    if (!r.deadline.isValid()) {
        return makeError(QStringLiteral("Request %1 waits for the requester's identity: confirm it first (earmark-cli "
                                        "dsar confirm %1 --date YYYY-MM-DD).")
                             .arg(r.requestId));
    }
    // A shared number: the calls that name someone else wait for the handler's decision, so that nobody's call goes
    // to another person.
    if (const QString problem = RequestCalls::doubtfulProblem(r); !problem.isEmpty()) {
        return makeError(QStringLiteral("No pack was written: ") + problem);
    }
    const StaffNames policy = options.staffNames.value_or(staffPolicy());
    auto retention = Retention(m_cache).policy();
    if (!retention) {
        return retention.error();
    }
    const QString reference = r.reference.isEmpty() ? r.requestId : r.reference;
    BagInfo info;
    info.kind = QStringLiteral("dsar");
    info.reference = reference;
    const QString store = CacheSettings(m_cache).storeName();
    info.organisation = store.isEmpty() ? QStringLiteral("Earmark") : store;
    info.baggingDate = QDate::currentDate();
    info.version = QStringLiteral(EARMARK_VERSION);
    BagWriter bag(info);

    CoverLetterContent letter;
    letter.organisation = info.organisation;
    letter.reference = reference;
    letter.received = r.received;
    letter.deadline = r.deadline;
    letter.written = QDate::currentDate();
    letter.retentionDays = retention->days;
    letter.staffNames = staffNamesText(policy);
    letter.audioAsked = options.audio;
    letter.requesterName = r.requesterName.trimmed();

    DsarPackSummary summary;
    summary.zipPath = zipPath;
    summary.reference = reference;
    QString log = QStringLiteral("call,segment,at,type,decision,reason\n");
    for (const QString& callId : r.callIds) {
        if (progress) {
            if (progress->cancelled()) {
                return makeError(Progress::cancelledMessage(QStringLiteral("the pack was not written")));
            }
            progress->report(letter.calls.size(), r.callIds.size());
        }
        auto record = m_cache.calls().get(callId);
        if (!record) {
            return record.error();
        }
        const CallRecord& call = record.value();
        auto personal = m_cache.calls().personal(call);
        if (!personal) {
            return personal.error();
        }
        if (letter.requesterName.isEmpty()) {
            letter.requesterName = personal->respondentName;
        }
        CoverLetterCall entry {callId, call.startUtc, call.durationS, false, false,
            QDateTime::fromSecsSinceEpoch(call.startUtc, Qt::UTC).date().addDays(retention->days)};
        const QString dir = QStringLiteral("calls/%1/").arg(callId);
        auto history = TranscriptCorrections(m_cache).load(callId);
        if (!history) {
            return history.error();
        }
        QList<Anonymise::Redaction> redactions;
        if (history->current) {
            auto redacted = redactForRequester(
                *history->current, CallParties {personal->respondentName, personal->phoneE164, call.agentName}, policy);
            if (!redacted) {
                return redacted.error();
            }
            const QByteArray transcriptJson = QJsonDocument(redacted->transcript).toJson(QJsonDocument::Indented);
            auto readable = Transcript::parse(transcriptJson, callId);
            if (!readable) {
                return readable.error();
            }
            Status st = bag.add(dir + QStringLiteral("transcript.txt"),
                TranscriptText::readable(readable.value(),
                    QStringLiteral("Transcript of call %1, other people's names and numbers removed").arg(callId)));
            if (st) {
                st = bag.add(dir + QStringLiteral("transcript.json"), transcriptJson);
            }
            if (!st) {
                return st.error();
            }
            for (const RedactionDecision& d : redacted->decisions) {
                log += csvLine(callId, d);
                summary.redacted += d.redacted ? 1 : 0;
            }
            redactions = redacted->redactions;
            entry.transcript = true;
        }
        if (options.audio && !history->current) {
            log += QStringLiteral("%1,,,,recording not included,\"no transcript to find other people's data in the "
                                  "recording; it is reviewed by hand and sent separately\"\n")
                       .arg(callId);
        } else if (options.audio) {
            auto wav = redactedAudio(m_cache, callId, redactions);
            if (!wav) {
                return wav.error();
            }
            const Status st = bag.add(dir + QStringLiteral("recording.wav"), wav.value());
            if (!st) {
                return st.error();
            }
            entry.audio = true;
        }
        if (auto st = bag.add(
                dir + QStringLiteral("metadata.json"), json(metadata(call, personal.value(), policy, entry.audio)));
            !st) {
            return st.error();
        }
        letter.calls << entry;
    }
    letter.redacted = summary.redacted;
    auto pdf = CoverLetter::pdf(letter);
    if (!pdf) {
        return pdf.error();
    }
    QJsonObject request {{QStringLiteral("request_id"), r.requestId}, {QStringLiteral("reference"), r.reference},
        {QStringLiteral("received"), r.received.toString(Qt::ISODate)}, {QStringLiteral("channel"), r.channel},
        {QStringLiteral("deadline"), r.deadline.toString(Qt::ISODate)}, {QStringLiteral("status"), r.status},
        {QStringLiteral("extension_reason"), r.extensionReason},
        {QStringLiteral("calls"), QJsonArray::fromStringList(r.callIds)},
        {QStringLiteral("recordings_included"), options.audio}, {QStringLiteral("staff_names"), staffNamesText(policy)},
        {QStringLiteral("prepared_utc"), utcText(QDateTime::currentSecsSinceEpoch())}};
    Status st = bag.add(QStringLiteral("request.json"), json(request));
    if (st) {
        st = bag.add(QStringLiteral("redaction-log.csv"), log.toUtf8());
    }
    if (st) {
        st = bag.add(QStringLiteral("cover-letter.pdf"), pdf.value());
    }
    if (st) {
        st = m_cache.audit().append(QStringLiteral("dsar.pack"), r.requestId,
            QStringLiteral("%1 call(s), %2%3")
                .arg(r.callIds.size())
                .arg(options.audio ? QStringLiteral("with recordings") : QStringLiteral("no recordings"),
                    options.identityUnconfirmed
                        ? QStringLiteral(", identity not confirmed: built on the user's confirmation")
                        : QString()));
    }
    // The folder inside the zip: the reference, with anything outside BagIt's safe characters as '-'.
    QString packName = QStringLiteral("dsar-") + reference;
    for (QChar& ch : packName) {
        if (!(ch.isLetterOrNumber() && ch.unicode() < 128) && ch != QLatin1Char('.') && ch != QLatin1Char('_')
            && ch != QLatin1Char('-')) {
            ch = QLatin1Char('-');
        }
    }
    if (st && progress && progress->cancelled()) {
        return makeError(Progress::cancelledMessage(QStringLiteral("the pack was not written")));
    }
    if (st) {
        st = bag.writeZip(zipPath, packName, m_cache.signingKey());
    }
    if (!st) {
        (void)m_cache.audit().append(QStringLiteral("dsar.pack-failed"), r.requestId, {});
        return st.error();
    }
    summary.calls = letter.calls.size();
    summary.files = bag.payloadCount();
    summary.bytes = QFileInfo(zipPath).size();
    summary.keyId = Minisign::keyIdText(m_cache.signingKey().keyId());
    return summary;
}

} // namespace Earmark

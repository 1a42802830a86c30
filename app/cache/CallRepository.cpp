#include "cache/CallRepository.h"

#include "cache/BlobFiles.h"
#include "cache/CallDocuments.h"
#include "cache/Database.h"
#include "cache/Statement.h"
#include "cache/TranscriptIndex.h"
#include "core/Files.h"
#include "crypto/Blob.h"
#include "crypto/KeyHierarchy.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark {

namespace {
const QString SelectColumns = QStringLiteral(
    "c.id, c.call_id, c.store_key, c.start_utc, c.duration_s, c.direction, c.agent_id, a.name, c.client, c.campaign, "
    "c.disposition, c.consent_recorded, c.consent_at_s, c.tags, c.sidecar_sha256, c.sidecar_size, "
    "c.sidecar_mtime_ns, c.audio_file, c.audio_sha256, c.audio_size, c.audio_codec, c.channel_layout, "
    "c.audio_state, c.audio_error, c.audio_rate, c.audio_channels, c.audio_frames, c.has_transcript");

CallRecord readRecord(const Statement& s)
{
    CallRecord c;
    c.id = s.int64(0);
    c.callId = s.text(1);
    c.storeKey = s.text(2);
    c.startUtc = s.int64(3);
    c.durationS = s.real(4);
    c.direction = s.text(5);
    c.agentId = s.text(6);
    c.agentName = s.text(7);
    c.client = s.text(8);
    c.campaign = s.text(9);
    c.disposition = s.text(10);
    if (!s.isNull(11)) {
        c.consentRecorded = s.int64(11) != 0;
    }
    if (!s.isNull(12)) {
        c.consentAtS = s.real(12);
    }
    for (const auto& v : QJsonDocument::fromJson(s.text(13).toUtf8()).array()) {
        c.tags << v.toString();
    }
    c.sidecarSha256 = s.blob(14);
    c.sidecarSize = s.int64(15);
    c.sidecarMtimeNs = s.int64(16);
    c.audioFile = s.text(17);
    c.audioSha256 = s.text(18);
    c.audioSize = s.int64(19);
    c.audioCodec = s.text(20);
    c.channelLayout = s.text(21);
    c.audioState = static_cast<AudioState>(s.int64(22));
    c.audioError = s.text(23);
    c.audioRate = static_cast<int>(s.int64(24));
    c.audioChannels = static_cast<int>(s.int64(25));
    c.audioFrames = s.int64(26);
    c.hasTranscript = s.int64(27) != 0;
    return c;
}

QByteArray personalJson(const CallPersonal& p)
{
    QJsonObject o;
    o.insert(QStringLiteral("phone_e164"), p.phoneE164);
    o.insert(QStringLiteral("name"), p.respondentName);
    o.insert(QStringLiteral("raw"), p.sourceRaw);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

CallRepository::CallRepository(Database& db, const KeyHierarchy& keys, BlobFiles& blobs)
    : m_db(db)
    , m_keys(keys)
    , m_blobs(blobs)
{ }

QByteArray CallRepository::binding(const QString& callId, const char* purpose)
{
    return QByteArrayLiteral("earmark-call:") + callId.toUtf8() + ':' + purpose;
}

Result<QHash<QString, CallSyncState>> CallRepository::syncStates()
{
    auto s = m_db.prepare(QStringLiteral("SELECT call_id, id, store_key, sidecar_sha256, sidecar_size, "
                                         "sidecar_mtime_ns, audio_sha256, audio_state, audio_blob_sha256 FROM calls"));
    if (!s) {
        return s.error();
    }
    QHash<QString, CallSyncState> out;
    auto rows = s->forEachRow([&]() -> Status {
        CallSyncState st;
        st.id = s->int64(1);
        st.storeKey = s->text(2);
        st.sidecarSha256 = s->blob(3);
        st.sidecarSize = s->int64(4);
        st.sidecarMtimeNs = s->int64(5);
        st.audioSha256 = s->text(6);
        st.audioState = static_cast<AudioState>(s->int64(7));
        st.audioBlobSha256 = s->text(8);
        out.insert(s->text(0), st);
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    return out;
}

Result<SecretKey> CallRepository::dataKey(qint64 id, const QString& callId)
{
    auto sLease = m_db.cached(QStringLiteral("SELECT wrapped FROM call_keys WHERE call = ?"));
    if (!sLease) {
        return sLease.error();
    }
    Statement* s = &*sLease.value();
    s->bind(1, id);
    auto wrapped = s->requiredRow(
        [&] { return s->blob(0); }, QStringLiteral("Call %1 has no key in the cache: it was destroyed.").arg(callId));
    if (!wrapped) {
        return wrapped.error();
    }
    return m_keys.unwrapDataKey(wrapped.value(), callId);
}

Status CallRepository::touchSidecar(qint64 id, qint64 size, qint64 mtimeNs)
{
    auto sLease = m_db.cached(QStringLiteral("UPDATE calls SET sidecar_size=?, sidecar_mtime_ns=? WHERE id=?"));
    if (!sLease) {
        return sLease.error();
    }
    Statement* s = &*sLease.value();
    s->bind(1, size).bind(2, mtimeNs).bind(3, id);
    return s->run();
}

Result<qint64> CallRepository::save(
    const CallRecord& call, const std::optional<TranscriptData>& transcript, TranscriptAction action)
{
    auto existing = find(call.callId);
    if (!existing) {
        return existing.error();
    }
    if (existing.value()) {
        auto key = dataKey(existing.value()->id, call.callId);
        if (!key) {
            return key.error();
        }
        return insertOrUpdate(call, transcript, key.value(), existing.value()->id, action);
    }
    return insertOrUpdate(call, transcript, SecretKey::random(), 0, TranscriptAction::Replace);
}

Result<qint64> CallRepository::saveWithKey(
    const CallRecord& call, const std::optional<TranscriptData>& transcript, const SecretKey& dataKey)
{
    return insertOrUpdate(call, transcript, dataKey, 0, TranscriptAction::Replace);
}

Result<qint64> CallRepository::insertOrUpdate(const CallRecord& c, const std::optional<TranscriptData>& transcript,
    const SecretKey& dataKey, qint64 existingId, TranscriptAction action)
{
    const QString sql = existingId == 0
        ? QStringLiteral(
            "INSERT INTO calls(call_id, store_key, start_utc, duration_s, direction, agent_id, client, "
            "campaign, disposition, consent_recorded, consent_at_s, tags, phone_index, pii, "
            "sidecar_sha256, sidecar_size, sidecar_mtime_ns, audio_file, audio_sha256, audio_size, "
            "audio_codec, channel_layout, has_transcript, synced_utc, phone_tail_index) "
            "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?27)")
        : QStringLiteral("UPDATE calls SET call_id=?1, store_key=?2, start_utc=?3, duration_s=?4, direction=?5, "
                         "agent_id=?6, client=?7, campaign=?8, disposition=?9, consent_recorded=?10, consent_at_s=?11, "
                         "tags=?12, phone_index=?13, pii=?14, sidecar_sha256=?15, sidecar_size=?16, "
                         "sidecar_mtime_ns=?17, audio_file=?18, audio_sha256=?19, audio_size=?20, audio_codec=?21, "
                         "channel_layout=?22, has_transcript=CASE WHEN ?26 THEN (?23 OR EXISTS (SELECT 1 FROM "
                         "call_documents WHERE call = ?25 AND kind = 'transcript')) ELSE has_transcript END, "
                         "synced_utc=?24, phone_tail_index=?27 WHERE id=?25");
    auto sLease = m_db.cached(sql);
    if (!sLease) {
        return sLease.error();
    }
    Statement* s = &*sLease.value();
    s->bind(1, c.callId).bind(2, c.storeKey).bind(3, c.startUtc).bind(4, c.durationS).bind(5, c.direction);
    s->bind(6, c.agentId).bind(7, c.client).bind(8, c.campaign).bind(9, c.disposition);
    if (c.consentRecorded) {
        s->bind(10, qint64(*c.consentRecorded ? 1 : 0));
    }
    if (c.consentAtS) {
        s->bind(11, *c.consentAtS);
    }
    s->bind(12, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(c.tags)).toJson(QJsonDocument::Compact)));
    if (!c.personal.phoneE164.isEmpty()) {
        s->bind(13, m_keys.phoneIndex(c.personal.phoneE164));
        s->bind(27, m_keys.phoneTailIndex(c.personal.phoneE164));
    }
    QByteArray pii = personalJson(c.personal);
    s->bind(14, Blob::seal(dataKey, binding(c.callId, "personal"), Blob::Kind::Personal, pii));
    Files::wipe(pii);
    s->bind(15, c.sidecarSha256).bind(16, c.sidecarSize).bind(17, c.sidecarMtimeNs);
    s->bind(18, c.audioFile).bind(19, c.audioSha256).bind(20, c.audioSize).bind(21, c.audioCodec);
    s->bind(22, c.channelLayout).bind(23, qint64(transcript ? 1 : 0)).bind(24, QDateTime::currentSecsSinceEpoch());
    if (existingId != 0) {
        s->bind(25, existingId).bind(26, qint64(action == TranscriptAction::Replace ? 1 : 0));
    }
    if (auto st = s->run(); !st) {
        return st.error();
    }
    const qint64 id = existingId != 0 ? existingId : m_db.lastInsertId();
    if (existingId == 0) {
        auto kLease = m_db.cached(QStringLiteral("INSERT INTO call_keys(call, wrapped) VALUES (?, ?)"));
        if (!kLease) {
            return kLease.error();
        }
        Statement* k = &*kLease.value();
        k->bind(1, id).bind(2, m_keys.wrapDataKey(dataKey, c.callId));
        if (auto st = k->run(); !st) {
            return st.error();
        }
    }
    auto agentLease = m_db.cached(QStringLiteral("INSERT OR REPLACE INTO agents(agent_id, name) VALUES (?, ?)"));
    if (!agentLease) {
        return agentLease.error();
    }
    Statement* agent = &*agentLease.value();
    agent->bind(1, c.agentId).bind(2, c.agentName);
    if (auto st = agent->run(); !st) {
        return st.error();
    }
    if (action == TranscriptAction::Keep) {
        return id;
    }
    // A transcript corrected (or typed) in Earmark stays the one shown and searched; the provider's is kept under it.
    bool corrected = false;
    if (existingId != 0) {
        auto has = m_db.cached(
            QStringLiteral("SELECT 1 FROM call_documents WHERE call = ? AND kind = 'transcript' LIMIT 1"));
        if (!has) {
            return has.error();
        }
        has.value()->bind(1, id);
        auto row = has.value()->step();
        if (!row) {
            return row.error();
        }
        corrected = row.value();
    }
    auto delLease = m_db.cached(QStringLiteral("DELETE FROM transcripts WHERE call = ?"));
    if (!delLease) {
        return delLease.error();
    }
    Statement* del = &*delLease.value();
    del->bind(1, id);
    if (auto st = del->run(); !st) {
        return st.error();
    }
    if (transcript) {
        auto tLease = m_db.cached(
            QStringLiteral("INSERT INTO transcripts(call, sealed, sha256, segments, words) VALUES (?,?,?,?,?)"));
        if (!tLease) {
            return tLease.error();
        }
        Statement* t = &*tLease.value();
        t->bind(1, id).bind(
            2, Blob::seal(dataKey, binding(c.callId, "transcript"), Blob::Kind::Transcript, transcript->json));
        t->bind(3, transcript->sha256).bind(4, qint64(transcript->segments)).bind(5, qint64(transcript->words));
        if (auto st = t->run(); !st) {
            return st.error();
        }
        if (corrected) {
            return id;
        }
        if (auto st = TranscriptIndex(m_db).index(id, transcript->json); !st) {
            return st.error();
        }
    } else if (corrected) {
        return id;
    } else if (auto st = TranscriptIndex(m_db).remove(id); !st) {
        return st.error();
    }
    return id;
}

Status CallRepository::setAudio(qint64 id, const QString& blobName, const QString& storeSha256, const AudioFacts& facts)
{
    auto old = audioBlob(id);
    auto s = m_db.prepare(QStringLiteral("UPDATE calls SET audio_state=1, audio_error=NULL, audio_blob=?, "
                                         "audio_blob_sha256=?, audio_rate=?, audio_channels=?, audio_frames=? "
                                         "WHERE id=?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, blobName).bind(2, storeSha256).bind(3, qint64(facts.sampleRate)).bind(4, qint64(facts.channels));
    s->bind(5, facts.frames).bind(6, id);
    if (auto st = s->run(); !st) {
        return st;
    }
    if (old && !old.value().isEmpty() && old.value() != blobName) {
        m_blobs.remove(old.value());
    }
    return {};
}

Status CallRepository::setAudioUnavailable(qint64 id, const QString& reason)
{
    // The earlier good copy, if any, is kept: only calls without one become "unavailable".
    auto s = m_db.prepare(QStringLiteral("UPDATE calls SET audio_error=?, audio_state = CASE WHEN audio_blob IS NULL "
                                         "THEN 2 ELSE audio_state END WHERE id=?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, reason).bind(2, id);
    return s->run();
}

Result<QString> CallRepository::audioBlob(qint64 id)
{
    auto s = m_db.prepare(QStringLiteral("SELECT audio_blob FROM calls WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return row.value() ? s->text(0) : QString();
}

Result<QSet<QString>> CallRepository::referencedBlobs()
{
    auto s = m_db.prepare(QStringLiteral("SELECT audio_blob FROM calls WHERE audio_blob IS NOT NULL"));
    if (!s) {
        return s.error();
    }
    QSet<QString> out;
    if (auto st = s->forEachRow([&] { out.insert(s->text(0)); }); !st) {
        return st.error();
    }
    return out;
}

Result<std::optional<CallRecord>> CallRepository::find(const QString& callId)
{
    auto s = m_db.prepare(QStringLiteral("SELECT ") + SelectColumns
        + QStringLiteral(" FROM calls c LEFT JOIN agents a ON a.agent_id = c.agent_id "
                         "WHERE c.call_id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, callId);
    return s->firstRow([&] { return readRecord(s.value()); });
}

Result<QList<CallRecord>> CallRepository::query(const CallQuery& q)
{
    QString sql = QStringLiteral("SELECT ") + SelectColumns
        + QStringLiteral(" FROM calls c LEFT JOIN agents a ON a.agent_id = c.agent_id WHERE 1=1");
    if (!q.phoneE164.isEmpty()) {
        sql += QStringLiteral(" AND c.phone_index = :phone");
    }
    if (!q.agentId.isEmpty()) {
        sql += QStringLiteral(" AND c.agent_id = :agent");
    }
    if (q.fromUtc > 0) {
        sql += QStringLiteral(" AND c.start_utc >= :from");
    }
    if (q.toUtc > 0) {
        sql += QStringLiteral(" AND c.start_utc < :to");
    }
    sql += QStringLiteral(" ORDER BY c.start_utc DESC, c.call_id DESC LIMIT :limit");
    auto s = m_db.prepare(sql);
    if (!s) {
        return s.error();
    }
    int pos = 1;
    if (!q.phoneE164.isEmpty()) {
        s->bind(pos++, m_keys.phoneIndex(q.phoneE164));
    }
    if (!q.agentId.isEmpty()) {
        s->bind(pos++, q.agentId);
    }
    if (q.fromUtc > 0) {
        s->bind(pos++, q.fromUtc);
    }
    if (q.toUtc > 0) {
        s->bind(pos++, q.toUtc);
    }
    s->bind(pos, qint64(q.limit));
    QList<CallRecord> out;
    auto rows1 = s->forEachRow([&]() -> Status {
        out << readRecord(s.value());
        return {};
    });
    if (!rows1) {
        return rows1.error();
    }
    return out;
}

Result<QByteArray> CallRepository::openSealed(
    const CallRecord& call, const QString& sql, const char* purpose, const QString& missing)
{
    auto s = m_db.prepare(sql);
    if (!s) {
        return s.error();
    }
    s->bind(1, call.id);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (!row.value()) {
        return makeError(missing);
    }
    const QByteArray sealed = s->blob(0);
    auto key = dataKey(call.id, call.callId);
    if (!key) {
        return key.error();
    }
    return Blob::open(key.value(), binding(call.callId, purpose), sealed);
}

Result<CallRecord> CallRepository::get(const QString& callId)
{
    auto found = find(callId);
    if (!found) {
        return found.error();
    }
    if (!found.value()) {
        return makeError(QObject::tr("Call %1 is no longer in the cache.").arg(callId));
    }
    return std::move(*found.value());
}

Result<CallPersonal> CallRepository::personal(const CallRecord& call)
{
    auto plain = openSealed(call, QStringLiteral("SELECT pii FROM calls WHERE id = ?"), "personal",
        QStringLiteral("Call %1 is not in the cache.").arg(call.callId));
    if (!plain) {
        return plain.error();
    }
    const QJsonObject o = QJsonDocument::fromJson(plain.value()).object();
    Files::wipe(plain.value());
    return CallPersonal {o.value(QStringLiteral("phone_e164")).toString(), o.value(QStringLiteral("name")).toString(),
        o.value(QStringLiteral("raw")).toObject()};
}

qint64 CallRepository::count()
{
    auto s = m_db.prepare(QStringLiteral("SELECT count(*) FROM calls"));
    if (!s || !s->step()) {
        return -1;
    }
    return s->int64(0);
}

// Transcripts: the corrected one first, and indexing them for search.

Result<QByteArray> CallRepository::transcript(const CallRecord& call)
{
    auto corrected = CallDocuments(m_db, *this).latest(call, CallDocuments::Transcript);
    if (!corrected) {
        return corrected.error();
    }
    if (corrected.value()) {
        return std::move(corrected.value()->content);
    }
    return providerTranscript(call);
}

Result<QByteArray> CallRepository::providerTranscript(const CallRecord& call)
{
    return openSealed(call, QStringLiteral("SELECT sealed FROM transcripts WHERE call = ?"), "transcript",
        QStringLiteral("Call %1 has no transcript.").arg(call.callId));
}

Result<int> CallRepository::fillPhoneTails()
{
    QStringList ids;
    {
        auto s = m_db.prepare(
            QStringLiteral("SELECT call_id FROM calls WHERE phone_index IS NOT NULL AND phone_tail_index IS NULL"));
        if (!s) {
            return s.error();
        }
        if (auto st = s->forEachRow([&] { ids << s->text(0); }); !st) {
            return st.error();
        }
    }
    auto upd = m_db.prepare(QStringLiteral("UPDATE calls SET phone_tail_index = ? WHERE call_id = ?"));
    if (!upd) {
        return upd.error();
    }
    for (const QString& id : ids) {
        auto call = get(id);
        if (!call) {
            return call.error();
        }
        auto personal = this->personal(call.value());
        if (!personal) {
            return personal.error();
        }
        upd->bind(1, m_keys.phoneTailIndex(personal->phoneE164)).bind(2, id);
        if (auto st = upd->run(); !st) {
            return st.error();
        }
        upd->reset();
    }
    return int(ids.size());
}

Result<int> CallRepository::reindexTranscripts()
{
    auto s = m_db.prepare(QStringLiteral("SELECT call_id FROM calls WHERE has_transcript = 1 ORDER BY id"));
    if (!s) {
        return s.error();
    }
    QStringList ids;
    if (auto st = s->forEachRow([&] { ids << s->text(0); }); !st) {
        return st.error();
    }
    int n = 0;
    for (const QString& callId : ids) {
        auto call = find(callId);
        if (!call || !call.value()) {
            continue;
        }
        auto json = transcript(*call.value());
        if (!json) {
            continue; // reported by verify; the rest are still indexed
        }
        if (auto st = TranscriptIndex(m_db).index(call.value()->id, json.value()); !st) {
            return st.error();
        }
        ++n;
    }
    return n;
}

} // namespace Earmark

#include "retention/DestructionCertificate.h"

#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/Files.h"
#include "crypto/Minisign.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

namespace Earmark {

namespace {
QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}
} // namespace

QString DestructionCertificate::pathOf(Cache& cache, const QString& runId)
{
    return cache.folder().certificatesPath() + QLatin1Char('/') + runId + QStringLiteral(".json");
}

Result<QString> DestructionCertificate::writeFiles(
    Cache& cache, const QString& runId, const QByteArray& json, const QByteArray& signature)
{
    if (auto st = Files::ensurePrivateDir(cache.folder().certificatesPath()); !st) {
        return st.error();
    }
    const QString path = pathOf(cache, runId);
    if (auto st = Files::writeAtomically(path + QStringLiteral(".minisig"), signature); !st) {
        return st.error();
    }
    if (auto st = Files::writeAtomically(path, json); !st) {
        return st.error();
    }
    return path;
}

Result<QList<CertificateInfo>> DestructionCertificate::list(Cache& cache)
{
    auto s = cache.database().prepare(QStringLiteral("SELECT run_id, at_utc, rule, by_user, destroyed, held FROM "
                                                     "destruction_runs ORDER BY at_utc DESC, rowid DESC"));
    if (!s) {
        return s.error();
    }
    QList<CertificateInfo> out;
    auto rows = s->forEachRow([&] {
        out << CertificateInfo {s->text(0), s->int64(1), s->text(2), s->text(3), int(s->int64(4)), int(s->int64(5)),
            pathOf(cache, s->text(0))};
    });
    if (!rows) {
        return rows.error();
    }
    return out;
}

Result<QString> DestructionCertificate::exportTo(Cache& cache, const QString& runId, const QString& folder)
{
    auto s = cache.database().prepare(
        QStringLiteral("SELECT certificate, signature FROM destruction_runs WHERE run_id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, runId);
    auto row = s->requiredRow([&] { return qMakePair(s->blob(0), s->blob(1)); },
        QStringLiteral("There is no certificate of run %1: earmark-cli certificate list shows them.").arg(runId));
    if (!row) {
        return row.error();
    }
    if (!QDir().mkpath(folder)) {
        return makeError(QStringLiteral("Cannot create the folder %1: choose a folder you can write to.").arg(folder));
    }
    const QString path = QDir(folder).filePath(runId + QStringLiteral(".json"));
    if (auto st = Files::writeAtomically(path + QStringLiteral(".minisig"), row->second); !st) {
        return st.error();
    }
    if (auto st = Files::writeAtomically(path, row->first); !st) {
        return st.error();
    }
    if (auto st = cache.audit().append(QStringLiteral("certificate.export"), runId, {}); !st) {
        return st.error();
    }
    return path;
}

QString DestructionCertificate::method()
{
    return QStringLiteral(
        "Cryptographic erase (NIST SP 800-88 Rev. 1, 'Purge' by cryptographic erase): each call's audio, transcript, "
        "personal fields and documents were sealed with the call's own random 256-bit key (XChaCha20-Poly1305), and "
        "that key was deleted. Plus deletion: the call's database rows, full-text index entries (index merged), "
        "training scenarios and encrypted audio file were deleted, freed database pages zeroed (secure_delete) and "
        "the write-ahead log truncated. In keychain mode the cache's master key and database key are then replaced, "
        "so copies of the cache made before this run cannot be opened with the keys the machine keeps.");
}

Result<QString> DestructionCertificate::issue(
    Cache& cache, const QString& runId, const QJsonObject& body, int destroyed, int held)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Indented);
    const QByteArray signature = Minisign::sign(cache.signingKey(), json,
        QStringLiteral("earmark destruction certificate %1: %2 calls destroyed").arg(runId).arg(destroyed));
    Database& db = cache.database();
    Transaction tx(db);
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    auto ins = db.prepare(QStringLiteral("INSERT INTO destruction_runs(run_id, at_utc, rule, by_user, destroyed, "
                                         "held, certificate, signature) VALUES (?,?,?,?,?,?,?,?)"));
    if (!ins) {
        return ins.error();
    }
    ins->bind(1, runId)
        .bind(2, QDateTime::currentSecsSinceEpoch())
        .bind(3, body.value(QStringLiteral("rule")).toString());
    ins->bind(4, AuditLog::currentActor()).bind(5, destroyed).bind(6, held).bind(7, json).bind(8, signature);
    if (auto st = ins->run(); !st) {
        return st.error();
    }
    if (auto st = cache.audit().append(QStringLiteral("destruction.certificate"), runId, sha256Hex(json)); !st) {
        return st.error();
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    if (auto st = cache.audit().checkpoint(); !st) {
        return st.error();
    }
    return writeFiles(cache, runId, json, signature);
}

Result<int> DestructionCertificate::restoreFiles(Cache& cache)
{
    auto s = cache.database().prepare(QStringLiteral("SELECT run_id, certificate, signature FROM destruction_runs"));
    if (!s) {
        return s.error();
    }
    int restored = 0;
    Status failed;
    auto rows = s->forEachRow([&]() -> Status {
        const QString runId = s->text(0);
        if (!QFile::exists(pathOf(cache, runId)) || !QFile::exists(pathOf(cache, runId) + QStringLiteral(".minisig"))) {
            auto written = writeFiles(cache, runId, s->blob(1), s->blob(2));
            if (!written) {
                return written.error();
            }
            ++restored;
        }
        return {};
    });
    if (!rows) {
        return rows.error();
    }
    return restored;
}

Result<QString> DestructionCertificate::verify(Cache& cache, const QString& givenPath)
{
    QString path = givenPath;
    if (path.endsWith(QLatin1String(".minisig"))) {
        path.chop(8);
    }
    const QString native = QDir::toNativeSeparators(path);
    auto json = Files::readAll(path, 64 * 1024 * 1024);
    if (!json) {
        return makeError(
            QStringLiteral("Cannot read the certificate %1: give the path of a certificate .json file.").arg(native));
    }
    auto signature = Files::readAll(path + QStringLiteral(".minisig"), 64 * 1024);
    if (!signature) {
        return makeError(QStringLiteral("The certificate's signature %1.minisig is missing: keep it beside the "
                                        "certificate.")
                             .arg(native));
    }
    const SigningKey& key = cache.signingKey();
    if (auto st = Minisign::verify({key.keyId(), key.publicKey()}, json.value(), signature.value()); !st) {
        return makeError(
            QStringLiteral("Certificate %1 does not verify with this cache's key: %2").arg(native, st.errorMessage()));
    }
    const QString runId = QJsonDocument::fromJson(json.value()).object().value(QStringLiteral("run_id")).toString();
    AuditFilter filter;
    filter.subjects = {runId};
    auto entries = cache.audit().entries(filter);
    if (!entries) {
        return entries.error();
    }
    const QString hash = sha256Hex(json.value());
    for (const AuditEntry& e : entries.value()) {
        if (e.action == QLatin1String("destruction.certificate") && e.detail == hash) {
            return runId;
        }
    }
    return makeError(QStringLiteral("Certificate %1 is signed, but this cache's audit log has no record of issuing it "
                                    "(run %2): it was not issued by this cache, or its log was altered.")
                         .arg(native, runId.isEmpty() ? QStringLiteral("unnamed") : runId));
}

} // namespace Earmark

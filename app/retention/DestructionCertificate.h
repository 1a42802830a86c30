#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace Earmark {

class Cache;

// One issued certificate, as the cache keeps it.
struct CertificateInfo
{
    QString runId;
    qint64 atUtc = 0;
    QString rule;
    QString byUser;
    int destroyed = 0;
    int held = 0;
    QString path; // certificates/<run id>.json
};

// A signed destruction certificate: one JSON file (schema earmark.destruction-certificate/1) with the rule, the due
// dates, the destroyed call ids and their audio SHA-256, the holds that kept calls, the method, who and when, and
// beside it FILE.minisig, its minisign signature by the cache's Ed25519 key. The certificate's SHA-256 is recorded in
// the audit log, so a certificate that was never issued, or was swapped, fails verify() even with a valid signature.
class DestructionCertificate
{
public:
    // The method, as the certificate states it.
    static QString method();

    // Signs body, keeps it in the cache (destruction_runs) and writes it to certificates/<run id>.json(.minisig);
    // audits the issue. Returns the file's path.
    static Result<QString> issue(Cache& cache, const QString& runId, const QJsonObject& body, int destroyed, int held);
    // Writes again the files of certificates the cache keeps whose files are missing (a process killed between the
    // commit and the file writes); returns how many.
    static Result<int> restoreFiles(Cache& cache);
    // Checks a certificate file (or its .minisig) against this cache: the signature, and its entry in the audit log.
    // Returns the run id.
    static Result<QString> verify(Cache& cache, const QString& path);

    static QString pathOf(Cache& cache, const QString& runId);

    // Every certificate the cache has issued, newest first.
    static Result<QList<CertificateInfo>> list(Cache& cache);
    // Writes a certificate and its signature, from the cache's own copy, into folder (for an auditor or a client);
    // returns the JSON file's path.
    static Result<QString> exportTo(Cache& cache, const QString& runId, const QString& folder);

private:
    static Result<QString> writeFiles(
        Cache& cache, const QString& runId, const QByteArray& json, const QByteArray& signature);
};

} // namespace Earmark

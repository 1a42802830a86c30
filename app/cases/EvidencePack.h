#pragma once

#include "core/Progress.h"
#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace Earmark {

class Cache;

struct EvidenceSummary
{
    QString zipPath;
    QString reference;
    int calls = 0;
    int files = 0;
    qint64 bytes = 0;
    QString keyId; // the signer's key id, as minisign prints it
    QStringList destroyedCalls; // calls of the case no longer in the cache (listed in case.json)
};

// A case's evidence pack (../shared/spec/evidence-pack.md, kind "evidence"): for every call its original audio
// (byte-identical to the store's file, fetched first when not cached), metadata as synced, transcript as text and
// JSON (the corrected revision, and the provider's original when they differ) and its evaluations; the case record
// with notes and safety flags; the audit-log entries of these calls and this case, including this export, with the
// signed checkpoint that covers them. Signed with the cache's key; written whole or not at all.
class EvidencePack
{
public:
    explicit EvidencePack(Cache& cache);

    // progress (when given) counts the calls done and is checked before each: cancelled, nothing is written.
    Result<EvidenceSummary> write(
        const QString& caseIdOrReference, const QString& zipPath, Progress* progress = nullptr);

    // The key that signs this cache's packs, as `minisign -P` takes it, and its id as minisign prints it: what a
    // recipient is given (by another channel than the pack) to check one.
    struct SigningKeyText
    {
        QString publicKey;
        QString keyId;
    };
    SigningKeyText signingKey() const;

private:
    Cache& m_cache;
};

} // namespace Earmark

#pragma once

#include "core/Progress.h"
#include "core/Result.h"
#include "requests/DsarRedaction.h"

#include <QString>

namespace Earmark {

class Cache;

struct DsarPackOptions
{
    bool audio = false; // the recordings too (other people's names and numbers bleeped)
    std::optional<StaffNames> staffNames; // none: the cache's policy (DsarPack::staffPolicy)
    // Built for a requester whose identity nobody confirmed, on the user's word: the audit record says so.
    bool identityUnconfirmed = false;
};

struct DsarPackSummary
{
    QString zipPath;
    QString reference;
    int calls = 0;
    int redacted = 0;
    int files = 0;
    qint64 bytes = 0;
    QString keyId;
};

// A subject-access request's pack (../shared/spec/evidence-pack.md, kind "dsar"): for every call of the requester's
// number its details, the transcript with other people's data removed (text and JSON) and, when asked, the recording
// with the same passages bleeped; the request record; redaction-log.csv (every decision, never a value); the cover
// letter as a PDF with the Art. 15 information. Signed with the cache's key; written whole or not at all; audited.
class DsarPack
{
public:
    explicit DsarPack(Cache& cache);

    // progress (when given) counts the calls done and is checked before each: cancelled, nothing is written.
    Result<DsarPackSummary> write(const QString& requestIdOrReference, const QString& zipPath,
        const DsarPackOptions& options = {}, Progress* progress = nullptr);

    // The policy for staff names in packs (a cache setting; default: first names only).
    StaffNames staffPolicy();
    Status setStaffPolicy(StaffNames policy);

private:
    Cache& m_cache;
};

} // namespace Earmark

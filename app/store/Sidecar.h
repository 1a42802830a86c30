#pragma once

#include "core/Result.h"
#include "store/CallRecord.h"

namespace Earmark {

// A validated sidecar (earmark.call/1).
struct Sidecar
{
    CallRecord call; // store bookkeeping fields (sidecar hash, size...) are filled by the caller
    QString transcriptFile;
    QString transcriptSha256;
    std::optional<int> declaredChannels;

    static constexpr qint64 MaxBytes = 1024 * 1024;

    // Validates bytes against the contract. fileCallId is the call id from the file name; the sidecar's own
    // call_id must match it. Errors name the field and what is expected.
    static Result<Sidecar> parse(const QByteArray& bytes, const QString& fileCallId);
};

bool isSha256Hex(const QString& text);
bool isBareFileName(const QString& text);
// RFC 3339 UTC ("2026-03-14T10:21:07Z", fractions allowed) to seconds since the epoch.
std::optional<qint64> parseUtc(const QString& text);

} // namespace Earmark

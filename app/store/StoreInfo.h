#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace Earmark {

// The store's optional v1/store.json: {"name": "...", "retention_days": 730} (recording-store.md). Earmark keeps
// calls retention_days after their start_utc, then destroys them.
struct StoreInfo
{
    static constexpr int DefaultRetentionDays = 730;
    static constexpr int MaxRetentionDays = 36500;

    QString name;
    int retentionDays = DefaultRetentionDays;
    bool retentionGiven = false; // false: the file has no retention_days (or there is no file): the default applies

    static QString key() { return QStringLiteral("v1/store.json"); }
    // Parses the file; an error names the field and the fix.
    static Result<StoreInfo> parse(const QByteArray& bytes);
};

} // namespace Earmark

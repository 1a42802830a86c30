#pragma once

#include "core/Result.h"

#include <QIODevice>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <memory>

namespace Earmark {

// One object in the store, named by its key relative to the store root (e.g. "v1/2026/03/14/C-1.json").
struct StoreEntry
{
    QString key;
    qint64 size = 0;
    qint64 mtimeNs = 0; // a change marker: modification time (folder) or ETag hash (S3)
};

// The provider's recording store (shared/spec/recording-store.md). A folder today; an S3-compatible bucket
// implements the same interface for the same sync engine.
class RecordingStore
{
public:
    virtual ~RecordingStore() = default;

    virtual QString description() const = 0;
    // Every committed call's sidecar (v1/YYYY/MM/DD/<name>.json), sorted by key. Hidden files, uploads in
    // progress (.part) and files that are not sidecars are left out.
    virtual Result<QList<StoreEntry>> listSidecars() = 0;
    virtual Result<QList<StoreEntry>> listErasures() = 0;
    // Size and change marker of one object; fails with a reason when it is missing or leaves the store.
    virtual Result<StoreEntry> stat(const QString& key) = 0;
    // Reads a whole object; refuses objects larger than maxBytes.
    virtual Result<QByteArray> read(const QString& key, qint64 maxBytes) = 0;

    // The call id in a sidecar key ("v1/2026/03/14/C-1.json" -> "C-1").
    static QString callIdOfKey(const QString& key);
    // The key of a file named in a sidecar (same folder).
    static QString siblingKey(const QString& sidecarKey, const QString& fileName);
    static bool isValidCallId(const QString& id);
};

// Opens a store from a path or URL. Only folders are supported in this version.
Result<std::unique_ptr<RecordingStore>> openStore(const QString& pathOrUrl);

} // namespace Earmark

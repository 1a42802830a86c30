#pragma once

#include "store/RecordingStore.h"

#include <QHash>

namespace Earmark {

// A recording store in a local or mounted folder. Symbolic links are followed only while they stay inside it.
class FolderStore : public RecordingStore
{
public:
    explicit FolderStore(const QString& root);

    QString description() const override { return m_root; }
    Result<QList<StoreEntry>> listSidecars() override;
    Result<QList<StoreEntry>> listErasures() override;
    Result<StoreEntry> stat(const QString& key) override;
    Result<QByteArray> read(const QString& key, qint64 maxBytes) override;

private:
    // The file's real path when it exists and stays inside the store.
    Result<QString> resolve(const QString& key) const;

    QString m_root;
    QString m_canonicalRoot;
    mutable QHash<QString, QString> m_canonicalDirs; // folder -> real path (folders are checked once)
};

} // namespace Earmark

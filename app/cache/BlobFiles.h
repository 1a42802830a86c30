#pragma once

#include "core/Result.h"
#include "crypto/Blob.h"

#include <QSet>
#include <QString>
#include <memory>

class QFile;

namespace Earmark {

// Encrypted blob files under blobs/, with random names. A blob is written to a temporary file and renamed
// into place only when complete and flushed, so a crash never leaves a half-written blob under a real name.
class BlobFiles
{
public:
    explicit BlobFiles(QString dir);

    // A blob being written: write through writer(), then BlobFiles::commit().
    struct Pending
    {
        QString name;
        QString tempPath;
        std::unique_ptr<QFile> file;
        std::unique_ptr<Blob::Writer> writer;
        ~Pending();
    };

    Result<std::unique_ptr<Pending>> create(const SecretKey& dataKey, const QByteArray& binding, Blob::Kind kind);
    Status commit(Pending& pending);

    QString pathOf(const QString& name) const;
    bool contains(const QString& name) const;
    void remove(const QString& name);
    // Every blob name present on disk.
    QSet<QString> names() const;
    // Deletes temporary files and blobs no database row refers to (left by a crash): they are unreadable anyway.
    int collectGarbage(const QSet<QString>& referenced);

private:
    QString m_dir;
};

} // namespace Earmark

#include "cache/BlobFiles.h"

#include "core/Files.h"
#include "core/Logging.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <sodium.h>
#include <unistd.h>

namespace Earmark {

namespace {
QString randomName()
{
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(bytes), sizeof bytes).toHex());
}
} // namespace

BlobFiles::Pending::~Pending()
{
    writer.reset();
    if (file) {
        file->close();
        QFile::remove(tempPath); // no-op after a successful commit
    }
}

BlobFiles::BlobFiles(QString dir)
    : m_dir(std::move(dir))
{ }

QString BlobFiles::pathOf(const QString& name) const
{
    return m_dir + QLatin1Char('/') + name.left(2) + QLatin1Char('/') + name;
}

bool BlobFiles::contains(const QString& name) const
{
    return !name.isEmpty() && QFile::exists(pathOf(name));
}

Result<std::unique_ptr<BlobFiles::Pending>> BlobFiles::create(
    const SecretKey& dataKey, const QByteArray& binding, Blob::Kind kind)
{
    ensureSodium();
    auto p = std::make_unique<Pending>();
    p->name = randomName();
    const QString sub = m_dir + QLatin1Char('/') + p->name.left(2);
    if (auto st = Files::ensurePrivateDir(sub); !st) {
        return st.error();
    }
    p->tempPath = sub + QStringLiteral("/.tmp-") + p->name;
    p->file = std::make_unique<QFile>(p->tempPath);
    if (!p->file->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return makeError(QStringLiteral("Cannot write to the cache folder %1: %2.")
                             .arg(QDir::toNativeSeparators(sub), p->file->errorString()));
    }
    p->file->setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    p->writer = std::make_unique<Blob::Writer>(dataKey, binding, kind, p->file.get());
    return p;
}

Status BlobFiles::commit(Pending& p)
{
    if (auto st = p.writer->finish(); !st) {
        return st;
    }
    if (!p.file->flush() || ::fsync(p.file->handle()) != 0) {
        return makeError(QStringLiteral("Cannot write to the cache folder: %1. Check the free disk space.")
                             .arg(p.file->errorString()));
    }
    p.file->close();
    const QString final = pathOf(p.name);
    if (!QFile::rename(p.tempPath, final)) {
        return makeError(QStringLiteral("Cannot move an encrypted file into place in the cache folder %1.")
                             .arg(QDir::toNativeSeparators(m_dir)));
    }
    Files::syncDir(QFileInfo(final).absolutePath());
    p.file.reset();
    return {};
}

void BlobFiles::remove(const QString& name)
{
    if (!name.isEmpty()) {
        QFile::remove(pathOf(name));
    }
}

QSet<QString> BlobFiles::names() const
{
    QSet<QString> out;
    QDirIterator it(m_dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        out.insert(it.fileName());
    }
    return out;
}

int BlobFiles::collectGarbage(const QSet<QString>& referenced)
{
    int removed = 0;
    QDirIterator it(m_dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!referenced.contains(it.fileName())) {
            QFile::remove(path);
            ++removed;
        }
    }
    if (removed > 0) {
        qCInfo(lcCache) << "removed" << removed << "unreferenced blob files";
    }
    return removed;
}

} // namespace Earmark

#include "core/Files.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace Earmark::Files {

Status ensurePrivateDir(const QString& path)
{
    QDir dir(path);
    if (!dir.exists() && !QDir().mkpath(path)) {
        return makeError(QStringLiteral("Cannot create the folder %1: check that its parent exists and is writable.")
                             .arg(QDir::toNativeSeparators(path)));
    }
    if (!QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        return makeError(QStringLiteral("Cannot make the folder %1 private (mode 0700): check that you own it.")
                             .arg(QDir::toNativeSeparators(path)));
    }
    return {};
}

Status writeAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return makeError(
            QStringLiteral("Cannot write %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.flush() || ::fsync(file.handle()) != 0 || !file.commit()) {
        return makeError(QStringLiteral("Cannot write %1: %2. Check the free disk space.")
                             .arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    syncDir(QFileInfo(path).absolutePath());
    return {};
}

Result<QByteArray> readAll(const QString& path, qint64 maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("Cannot read %1: %2.").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
    if (file.size() > maxBytes) {
        return makeError(QStringLiteral("%1 is %2 bytes, over the limit of %3 bytes.")
                             .arg(QDir::toNativeSeparators(path))
                             .arg(file.size())
                             .arg(maxBytes));
    }
    return file.readAll();
}

void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        bytes.clear(); // shared copy: the other owner wipes its own
        return;
    }
    if (!bytes.isEmpty()) {
        volatile char* p = bytes.data();
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            p[i] = 0;
        }
    }
    bytes.clear();
}

void wipe(QString& text)
{
    // A shared copy leaves the characters to the other owner, which wipes them when it is done; text that is not
    // owned (a literal) cannot be written to.
    if (!text.isEmpty() && text.isDetached() && text.data_ptr().isMutable()) {
        volatile char16_t* p = reinterpret_cast<char16_t*>(text.data());
        for (qsizetype i = 0; i < text.size(); ++i) {
            p[i] = 0;
        }
    }
    text.clear();
}

void syncDir(const QString& dirPath)
{
    const int fd = ::open(QFile::encodeName(dirPath).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace Earmark::Files

#include <sys/stat.h>

namespace Earmark::Files {
void restrictUmask()
{
    ::umask(077);
}
} // namespace Earmark::Files

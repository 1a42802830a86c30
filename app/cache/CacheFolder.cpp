#include "cache/CacheFolder.h"

#include "core/Files.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Earmark {

CacheFolder::CacheFolder(QString root)
    : m_root(QDir::cleanPath(QDir(root).absolutePath()))
{ }

QString CacheFolder::resolve(const QString& given)
{
    if (!given.isEmpty()) {
        return given;
    }
    const QString env = qEnvironmentVariable("EARMARK_CACHE");
    if (!env.isEmpty()) {
        return env;
    }
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/cache");
}

QString CacheFolder::databasePath() const
{
    return m_root + QStringLiteral("/earmark.db");
}

QString CacheFolder::keyInfoPath() const
{
    return m_root + QStringLiteral("/keyinfo.json");
}

QString CacheFolder::certificatesPath() const
{
    return m_root + QStringLiteral("/certificates");
}

QString CacheFolder::anchorPath() const
{
    return m_root + QStringLiteral("/audit.anchor");
}

QString CacheFolder::blobsPath() const
{
    return m_root + QStringLiteral("/blobs");
}

bool CacheFolder::exists() const
{
    return QFile::exists(databasePath()) || QFile::exists(keyInfoPath());
}

Status CacheFolder::prepare() const
{
    Files::restrictUmask();
    if (auto st = Files::ensurePrivateDir(m_root); !st) {
        return st;
    }
    if (auto st = Files::ensurePrivateDir(blobsPath()); !st) {
        return st;
    }
    const QString tag = m_root + QStringLiteral("/CACHEDIR.TAG");
    if (!QFile::exists(tag)) {
        if (auto st = Files::writeAtomically(tag,
                QByteArrayLiteral("Signature: 8a477f597d28d172789f06886806bc55\n"
                                  "# This folder is an Earmark encrypted cache.\n"));
            !st) {
            return st;
        }
    }
    const QDir dir(m_root);
    for (const QString& name : dir.entryList(QDir::Files | QDir::Hidden)) {
        QFile::setPermissions(dir.filePath(name), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }
    return {};
}

} // namespace Earmark

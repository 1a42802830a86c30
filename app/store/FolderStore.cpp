#include "store/FolderStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimeZone>
#include <algorithm>

namespace Earmark {

namespace {
bool isIgnoredName(const QString& name)
{
    return name.startsWith(QLatin1Char('.')) || name.endsWith(QLatin1String(".part"));
}

bool isNumberedDir(const QString& name, int digits)
{
    return name.size() == digits && std::all_of(name.begin(), name.end(), [](QChar c) { return c.isDigit(); });
}

StoreEntry entryOf(const QString& key, const QFileInfo& info)
{
    const QDateTime m = info.lastModified();
    return StoreEntry {key, info.size(), m.toMSecsSinceEpoch() * 1000000};
}
} // namespace

FolderStore::FolderStore(const QString& root)
    : m_root(QDir::cleanPath(root))
    , m_canonicalRoot(QFileInfo(root).canonicalFilePath())
{ }

Result<QList<StoreEntry>> FolderStore::listSidecars()
{
    QList<StoreEntry> out;
    const QDir v1(m_root + QStringLiteral("/v1"));
    if (!v1.exists()) {
        return makeError(QStringLiteral("The store %1 has no v1/ folder any more: check that it is mounted.")
                             .arg(QDir::toNativeSeparators(m_root)));
    }
    const auto dirs = QDir::Dirs | QDir::NoDotAndDotDot;
    for (const QString& y : v1.entryList(dirs, QDir::Name)) {
        if (!isNumberedDir(y, 4)) {
            continue;
        }
        const QDir yd(v1.filePath(y));
        for (const QString& m : yd.entryList(dirs, QDir::Name)) {
            if (!isNumberedDir(m, 2)) {
                continue;
            }
            const QDir md(yd.filePath(m));
            for (const QString& d : md.entryList(dirs, QDir::Name)) {
                if (!isNumberedDir(d, 2)) {
                    continue;
                }
                const QDir dd(md.filePath(d));
                const QString prefix = QStringLiteral("v1/%1/%2/%3/").arg(y, m, d);
                for (const QFileInfo& f :
                    dd.entryInfoList({QStringLiteral("*.json")}, QDir::Files | QDir::System, QDir::Name)) {
                    const QString name = f.fileName();
                    if (isIgnoredName(name) || name.endsWith(QLatin1String(".transcript.json"))) {
                        continue;
                    }
                    out << entryOf(prefix + name, f);
                }
            }
        }
    }
    return out;
}

Result<QList<StoreEntry>> FolderStore::listErasures()
{
    QList<StoreEntry> out;
    const QDir dir(m_root + QStringLiteral("/v1/erasures"));
    if (!dir.exists()) {
        return out;
    }
    for (const QFileInfo& f : dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files | QDir::System, QDir::Name)) {
        if (!isIgnoredName(f.fileName())) {
            out << entryOf(QStringLiteral("v1/erasures/") + f.fileName(), f);
        }
    }
    return out;
}

Result<QString> FolderStore::resolve(const QString& key) const
{
    const QString path = m_root + QLatin1Char('/') + key;
    const QFileInfo info(path);
    if (!info.exists()) {
        if (info.isSymLink()) {
            return makeError(QStringLiteral("%1 is a symbolic link to a file that does not exist.").arg(key));
        }
        return makeError(QStringLiteral("%1 is missing from the store.").arg(key));
    }
    // The real path: the file's own link resolved when it is one, else its folder's real path (cached) and its name.
    QString real;
    if (info.isSymLink()) {
        real = info.canonicalFilePath();
    } else {
        const QString dir = info.absolutePath();
        auto it = m_canonicalDirs.constFind(dir);
        if (it == m_canonicalDirs.constEnd()) {
            it = m_canonicalDirs.insert(dir, QFileInfo(dir).canonicalFilePath());
        }
        real = it.value() + QLatin1Char('/') + info.fileName();
    }
    if (!real.startsWith(m_canonicalRoot + QLatin1Char('/'))) {
        return makeError(QStringLiteral("%1 is a symbolic link that leaves the store (to %2): the provider must put "
                                        "the file itself in the store.")
                             .arg(key, QDir::toNativeSeparators(real)));
    }
    if (!info.isFile()) {
        return makeError(QStringLiteral("%1 is not a regular file.").arg(key));
    }
    return real;
}

Result<StoreEntry> FolderStore::stat(const QString& key)
{
    auto real = resolve(key);
    if (!real) {
        return real.error();
    }
    return entryOf(key, QFileInfo(real.value()));
}

Result<QByteArray> FolderStore::read(const QString& key, qint64 maxBytes)
{
    auto real = resolve(key);
    if (!real) {
        return real.error();
    }
    QFile f(real.value());
    if (!f.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("%1 cannot be read: %2.").arg(key, f.errorString()));
    }
    if (f.size() > maxBytes) {
        return makeError(
            QStringLiteral("%1 is %2 bytes, over the limit of %3 bytes.").arg(key).arg(f.size()).arg(maxBytes));
    }
    QByteArray bytes = f.readAll();
    if (bytes.size() != f.size()) {
        return makeError(QStringLiteral("%1 could not be read completely: %2.").arg(key, f.errorString()));
    }
    return bytes;
}

} // namespace Earmark

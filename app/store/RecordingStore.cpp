#include "store/RecordingStore.h"

#include "store/FolderStore.h"

#include <QDir>
#include <QFileInfo>

namespace Earmark {

QString RecordingStore::callIdOfKey(const QString& key)
{
    QString name = key.section(QLatin1Char('/'), -1);
    name.chop(5); // ".json"
    return name;
}

QString RecordingStore::siblingKey(const QString& sidecarKey, const QString& fileName)
{
    return sidecarKey.section(QLatin1Char('/'), 0, -2) + QLatin1Char('/') + fileName;
}

bool RecordingStore::isValidCallId(const QString& id)
{
    static const QRegularExpression re(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9._-]{0,63}\\z"));
    return re.match(id).hasMatch();
}

Result<std::unique_ptr<RecordingStore>> openStore(const QString& pathOrUrl)
{
    if (pathOrUrl.startsWith(QLatin1String("s3://"))) {
        return makeError(QStringLiteral("S3-compatible stores are not supported by this version of Earmark yet: sync "
                                        "the bucket to a folder (e.g. with rclone) and give that folder."));
    }
    const QFileInfo info(pathOrUrl);
    if (!info.isDir()) {
        return makeError(QStringLiteral("The recording store %1 is not a folder: give the folder that contains v1/.")
                             .arg(QDir::toNativeSeparators(pathOrUrl)));
    }
    if (!QFileInfo(info.absoluteFilePath() + QStringLiteral("/v1")).isDir()) {
        return makeError(QStringLiteral("%1 is not a recording store: it has no v1/ folder. Give the store's root "
                                        "folder.")
                             .arg(QDir::toNativeSeparators(pathOrUrl)));
    }
    return std::unique_ptr<RecordingStore>(new FolderStore(info.absoluteFilePath()));
}

} // namespace Earmark

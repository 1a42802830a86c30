#include "archive/Archive.h"

#include "core/Files.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <zip.h>

namespace Earmark::Archive {

Status toFolder(const QString& folder, const QList<File>& files)
{
    for (const File& f : files) {
        const QString path = folder + QLatin1Char('/') + f.path;
        if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
            return makeError(QObject::tr("Cannot create the folder %1: choose a folder you can write to.").arg(folder));
        }
        if (auto st = Files::writeAtomically(path, f.bytes); !st) {
            return st;
        }
    }
    return {};
}

Status toZip(const QString& zipPath, const QList<File>& files, const QString& topFolder)
{
    const QFileInfo target(zipPath);
    if (!QDir().mkpath(target.absolutePath())) {
        return makeError(
            QObject::tr("Cannot create the folder %1: choose a folder you can write to.").arg(target.absolutePath()));
    }
    int code = 0;
    zip_t* archive = zip_open(QFile::encodeName(zipPath).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString why = QString::fromLocal8Bit(zip_error_strerror(&error));
        zip_error_fini(&error);
        return makeError(QObject::tr("Cannot write %1 (%2): choose a file you can write to.").arg(zipPath, why));
    }
    const auto fail = [&](const QString& what) {
        const QString why = QString::fromLocal8Bit(zip_strerror(archive));
        zip_discard(archive); // nothing is written
        return makeError(QObject::tr("Cannot write %1: %2 (%3).").arg(zipPath, what, why));
    };
    const QString top = topFolder.isEmpty() ? target.completeBaseName() : topFolder;
    const time_t now = QDateTime::currentSecsSinceEpoch();
    for (const File& f : files) {
        // libzip reads the buffers when the archive is closed: files outlives zip_close below.
        zip_source_t* source = zip_source_buffer(archive, f.bytes.constData(), zip_uint64_t(f.bytes.size()), 0);
        if (!source) {
            return fail(f.path);
        }
        const QByteArray name = (top + QLatin1Char('/') + f.path).toUtf8();
        const zip_int64_t index = zip_file_add(archive, name.constData(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            return fail(f.path);
        }
        zip_file_set_mtime(archive, zip_uint64_t(index), now, 0);
        // Compressed audio does not shrink by deflating (WAV barely does); text, JSON and the manifests do.
        static const QStringList Stored = {QStringLiteral(".wav"), QStringLiteral(".ogg"), QStringLiteral(".opus"),
            QStringLiteral(".flac"), QStringLiteral(".mp3"), QStringLiteral(".pdf")};
        const bool store
            = std::any_of(Stored.begin(), Stored.end(), [&](const QString& ext) { return f.path.endsWith(ext); });
        zip_set_file_compression(archive, zip_uint64_t(index), store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
    }
    if (zip_close(archive) != 0) {
        return fail(QObject::tr("closing the archive"));
    }
    return {};
}

} // namespace Earmark::Archive

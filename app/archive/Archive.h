#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Earmark::Archive {

// One file of an export, by its path inside the export ("clips/scenario-1.wav").
struct File
{
    QString path;
    QByteArray bytes;
};

// Writes the files under folder (each written atomically).
Status toFolder(const QString& folder, const QList<File>& files);
// Writes the files into one zip archive (libzip), under a top folder (by default named after the archive), so that
// unpacking it gives one folder. libzip writes a temporary file beside the target and renames it into place when
// the archive is complete: a failed export leaves no partial archive and never replaces an existing one by half.
Status toZip(const QString& zipPath, const QList<File>& files, const QString& topFolder = {});

} // namespace Earmark::Archive

#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Earmark::PackWriter {

// One file of an export, by its path inside the export ("clips/scenario-1.wav").
struct File
{
    QString path;
    QByteArray bytes;
};

// Writes the files under folder (each written atomically).
Status toFolder(const QString& folder, const QList<File>& files);
// Writes the files into one zip archive (libzip), under a top folder named after the archive, so that unpacking it
// gives one folder. Written to a temporary file first: a failed export leaves no partial archive.
Status toZip(const QString& zipPath, const QList<File>& files);

} // namespace Earmark::PackWriter

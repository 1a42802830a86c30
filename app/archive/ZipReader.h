#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>

struct zip;

namespace Earmark {

// Reads a zip archive someone else may have made or changed (libzip), without trusting it: names are checked by the
// caller, and every entry's bytes are counted as they are read (never more than a limit), so a lying directory or a
// zip bomb cannot exhaust memory.
class ZipReader
{
public:
    struct Entry
    {
        QString name;
        qint64 size = 0; // as the archive's directory states it
        bool isFolder = false;
    };

    explicit ZipReader(QString path);
    ~ZipReader();
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    [[nodiscard]] Status open();
    const QList<Entry>& entries() const { return m_entries; }

    // Reads entry index in chunks; fails past limit bytes. Returns the number of bytes read.
    [[nodiscard]] Result<qint64> read(
        int index, const std::function<void(const char* data, qint64 size)>& chunk, qint64 limit);
    [[nodiscard]] Result<QByteArray> readAll(int index, qint64 limit);

private:
    QString m_path;
    zip* m_archive = nullptr;
    QList<Entry> m_entries;
};

} // namespace Earmark

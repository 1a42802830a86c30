#include "archive/ZipReader.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <zip.h>

namespace Earmark {

namespace {
constexpr qint64 MaxEntries = 200000;
}

ZipReader::ZipReader(QString path)
    : m_path(std::move(path))
{ }

ZipReader::~ZipReader()
{
    if (m_archive) {
        zip_discard(m_archive);
    }
}

Status ZipReader::open()
{
    int code = 0;
    m_archive = zip_open(QFile::encodeName(m_path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!m_archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString why = QString::fromLocal8Bit(zip_error_strerror(&error));
        zip_error_fini(&error);
        return makeError(QObject::tr("%1 is not a readable zip archive (%2): check that the whole file was received.")
                             .arg(QDir::toNativeSeparators(m_path), why));
    }
    const zip_int64_t n = zip_get_num_entries(m_archive, 0);
    if (n < 0 || n > MaxEntries) {
        return makeError(QObject::tr("%1 has %2 entries, more than a pack can have.").arg(m_path).arg(n));
    }
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(m_archive, zip_uint64_t(i), ZIP_FL_ENC_GUESS, &st) != 0 || !(st.valid & ZIP_STAT_NAME)) {
            return makeError(QObject::tr("%1: entry %2 cannot be read.").arg(m_path).arg(i));
        }
        Entry e;
        e.name = QString::fromUtf8(st.name);
        e.size = (st.valid & ZIP_STAT_SIZE) ? qint64(st.size) : -1;
        e.isFolder = e.name.endsWith(QLatin1Char('/'));
        m_entries << e;
    }
    return {};
}

Result<qint64> ZipReader::read(int index, const std::function<void(const char*, qint64)>& chunk, qint64 limit)
{
    if (!m_archive || index < 0 || index >= m_entries.size()) {
        qFatal("ZipReader::read: no such entry");
    }
    zip_file_t* f = zip_fopen_index(m_archive, zip_uint64_t(index), 0);
    if (!f) {
        return makeError(QObject::tr("%1: %2 cannot be read (%3).")
                             .arg(m_path, m_entries.at(index).name, QString::fromLocal8Bit(zip_strerror(m_archive))));
    }
    QByteArray buffer(64 * 1024, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        const zip_int64_t got = zip_fread(f, buffer.data(), zip_uint64_t(buffer.size()));
        if (got < 0) {
            const QString why = QString::fromLocal8Bit(zip_file_strerror(f));
            zip_fclose(f);
            return makeError(QObject::tr("%1: %2 is damaged (%3).").arg(m_path, m_entries.at(index).name, why));
        }
        if (got == 0) {
            break;
        }
        total += got;
        if (total > limit) {
            zip_fclose(f);
            return makeError(
                QObject::tr("%1: %2 is larger than %3 bytes.").arg(m_path, m_entries.at(index).name).arg(limit));
        }
        chunk(buffer.constData(), got);
    }
    zip_fclose(f);
    return total;
}

Result<QByteArray> ZipReader::readAll(int index, qint64 limit)
{
    QByteArray out;
    auto got = read(
        index, [&out](const char* data, qint64 size) { out.append(data, size); }, limit);
    if (!got) {
        return got.error();
    }
    return out;
}

} // namespace Earmark

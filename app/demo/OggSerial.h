#pragma once

#include <QByteArray>

namespace Earmark::Demo {

// libsndfile gives each Ogg stream a random serial number, so the same audio encodes to different bytes each
// time. The demo store promises "same seed, same bytes": this rewrites the serial number of every page of a
// single-stream Ogg file and recomputes each page's CRC. Returns false (bytes untouched) on a malformed file.
bool setOggSerial(QByteArray& ogg, quint32 serial);

// The Ogg page CRC (polynomial 0x04C11DB7, no reflection, zero initial value).
quint32 oggCrc(const char* data, qsizetype size);

} // namespace Earmark::Demo

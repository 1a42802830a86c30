#include "demo/OggSerial.h"

#include <QtEndian>
#include <array>

namespace Earmark::Demo {

namespace {
std::array<quint32, 256> makeTable()
{
    std::array<quint32, 256> t {};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 r = i << 24;
        for (int k = 0; k < 8; ++k) {
            r = (r & 0x80000000u) ? (r << 1) ^ 0x04C11DB7u : (r << 1);
        }
        t[i] = r;
    }
    return t;
}
} // namespace

quint32 oggCrc(const char* data, qsizetype size)
{
    static const std::array<quint32, 256> table = makeTable();
    quint32 crc = 0;
    for (qsizetype i = 0; i < size; ++i) {
        crc = (crc << 8) ^ table[((crc >> 24) ^ static_cast<quint8>(data[i])) & 0xff];
    }
    return crc;
}

bool setOggSerial(QByteArray& ogg, quint32 serial)
{
    constexpr qsizetype HeaderSize = 27;
    // First pass: check the page structure before changing anything.
    qsizetype pos = 0;
    while (pos < ogg.size()) {
        if (ogg.size() - pos < HeaderSize || ogg.mid(pos, 4) != "OggS" || ogg.at(pos + 4) != 0) {
            return false;
        }
        const int segments = static_cast<quint8>(ogg.at(pos + 26));
        if (ogg.size() - pos < HeaderSize + segments) {
            return false;
        }
        qsizetype body = 0;
        for (int i = 0; i < segments; ++i) {
            body += static_cast<quint8>(ogg.at(pos + HeaderSize + i));
        }
        if (ogg.size() - pos < HeaderSize + segments + body) {
            return false;
        }
        pos += HeaderSize + segments + body;
    }
    pos = 0;
    char* d = ogg.data();
    while (pos < ogg.size()) {
        const int segments = static_cast<quint8>(d[pos + 26]);
        qsizetype body = 0;
        for (int i = 0; i < segments; ++i) {
            body += static_cast<quint8>(d[pos + HeaderSize + i]);
        }
        const qsizetype pageSize = HeaderSize + segments + body;
        qToLittleEndian<quint32>(serial, d + pos + 14);
        qToLittleEndian<quint32>(0, d + pos + 22);
        qToLittleEndian<quint32>(oggCrc(d + pos, pageSize), d + pos + 22);
        pos += pageSize;
    }
    return true;
}

} // namespace Earmark::Demo

#include "core/ByteSource.h"

#include "core/Files.h"

#include <cstring>

namespace Earmark {

MemoryByteSource::MemoryByteSource(QByteArray bytes)
    : m_bytes(std::move(bytes))
{ }

MemoryByteSource::~MemoryByteSource()
{
    Files::wipe(m_bytes);
}

qint64 MemoryByteSource::readAt(qint64 offset, char* data, qint64 length)
{
    if (offset < 0 || length < 0) {
        return -1;
    }
    const qint64 n = std::min(length, m_bytes.size() - offset);
    if (n <= 0) {
        return 0;
    }
    std::memcpy(data, m_bytes.constData() + offset, static_cast<size_t>(n));
    return n;
}

} // namespace Earmark

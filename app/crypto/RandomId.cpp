#include "crypto/RandomId.h"

#include "crypto/SecretKey.h"

#include <QByteArray>
#include <sodium.h>

namespace Earmark {

QString randomId(const QString& prefix, int bytes)
{
    ensureSodium();
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    return prefix + QString::fromLatin1(raw.toHex());
}

} // namespace Earmark

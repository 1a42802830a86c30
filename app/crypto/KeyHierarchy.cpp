#include "crypto/KeyHierarchy.h"

#include "crypto/KeyWrap.h"

#include <sodium.h>

namespace Earmark {

namespace {
constexpr char KdfContext[crypto_kdf_CONTEXTBYTES + 1] = "EarmarkK";
enum SubkeyId : uint64_t
{
    DatabaseSubkey = 1,
    WrappingSubkey = 2,
    PhoneIndexSubkey = 3,
    AuditSubkey = 4,
    CheckSubkey = 5,
};

SecretKey derive(const SecretKey& master, uint64_t id)
{
    SecretKey out = SecretKey::random();
    crypto_kdf_derive_from_key(out.mutableData(), SecretKey::Size, id, KdfContext, master.data());
    return out;
}

QByteArray wrapAssociatedData(const QString& callId)
{
    return QByteArrayLiteral("earmark-data-key/1:") + callId.toUtf8();
}
} // namespace

KeyHierarchy::KeyHierarchy(const SecretKey& master)
    : m_database(derive(master, DatabaseSubkey))
    , m_wrapping(derive(master, WrappingSubkey))
    , m_phoneIndex(derive(master, PhoneIndexSubkey))
    , m_audit(derive(master, AuditSubkey))
{
    // Long-lived: keep these pages out of swap.
    sodium_mlock(this, sizeof(*this));
}

void KeyHierarchy::replace(const SecretKey& master)
{
    m_database = derive(master, DatabaseSubkey);
    m_wrapping = derive(master, WrappingSubkey);
    m_phoneIndex = derive(master, PhoneIndexSubkey);
    m_audit = derive(master, AuditSubkey);
}

KeyHierarchy::~KeyHierarchy()
{
    sodium_munlock(this, sizeof(*this)); // also zeroes the memory
}

QByteArray KeyHierarchy::checkValue(const SecretKey& master)
{
    const SecretKey check = derive(master, CheckSubkey);
    QByteArray out(16, '\0');
    static const QByteArray label = QByteArrayLiteral("earmark-key-check/1");
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
        reinterpret_cast<const unsigned char*>(label.constData()), label.size(), check.data(), SecretKey::Size);
    return out;
}

QByteArray KeyHierarchy::wrapDataKey(const SecretKey& dataKey, const QString& callId) const
{
    return KeyWrap::wrap(dataKey, m_wrapping, wrapAssociatedData(callId));
}

Result<SecretKey> KeyHierarchy::unwrapDataKey(const QByteArray& wrapped, const QString& callId) const
{
    auto key = KeyWrap::unwrap(wrapped, m_wrapping, wrapAssociatedData(callId));
    if (!key) {
        return makeError(
            QStringLiteral("The key of call %1 does not authenticate: the cache was tampered with or damaged. Run "
                           "earmark-cli verify.")
                .arg(callId));
    }
    return std::move(*key);
}

QByteArray KeyHierarchy::wrapSecret(const SecretKey& secret, const QString& name) const
{
    return KeyWrap::wrap(secret, m_wrapping, QByteArrayLiteral("earmark-secret/1:") + name.toUtf8());
}

Result<SecretKey> KeyHierarchy::unwrapSecret(const QByteArray& wrapped, const QString& name) const
{
    auto key = KeyWrap::unwrap(wrapped, m_wrapping, QByteArrayLiteral("earmark-secret/1:") + name.toUtf8());
    if (!key) {
        return makeError(QStringLiteral("The cache's %1 key does not authenticate: the cache was tampered with or "
                                        "damaged. Run earmark-cli verify.")
                             .arg(name));
    }
    return std::move(*key);
}

QByteArray KeyHierarchy::phoneIndex(const QString& e164) const
{
    const QByteArray msg = e164.toUtf8();
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(
        mac, reinterpret_cast<const unsigned char*>(msg.constData()), msg.size(), m_phoneIndex.data());
    return QByteArray(reinterpret_cast<const char*>(mac), 16);
}

QByteArray KeyHierarchy::phoneTailIndex(const QString& numberOrDigits) const
{
    QString digits;
    for (QChar c : numberOrDigits) {
        if (c.isDigit()) {
            digits += c;
        }
    }
    if (digits.size() < TailDigits) {
        return {};
    }
    return phoneIndex(QStringLiteral("tail6:") + digits.right(TailDigits));
}

QByteArray KeyHierarchy::auditMac(const QByteArray& message) const
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(
        mac, reinterpret_cast<const unsigned char*>(message.constData()), message.size(), m_audit.data());
    return QByteArray(reinterpret_cast<const char*>(mac), sizeof mac);
}

} // namespace Earmark

#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"

#include <QByteArray>
#include <QString>

namespace Earmark {

// Subkeys derived from the cache's master key (crypto_kdf, context "EarmarkK"). Each serves one purpose only.
class KeyHierarchy
{
public:
    explicit KeyHierarchy(const SecretKey& master);
    ~KeyHierarchy();
    KeyHierarchy(const KeyHierarchy&) = delete;
    KeyHierarchy& operator=(const KeyHierarchy&) = delete;

    // Derives every subkey from another master key, in place (holders of references see the new keys): used when
    // the cache's master key is rotated.
    void replace(const SecretKey& master);

    const SecretKey& databaseKey() const { return m_database; }
    const SecretKey& phoneIndexKey() const { return m_phoneIndex; }
    const SecretKey& auditKey() const { return m_audit; }

    // Non-secret check value of a master key: lets us tell "wrong key" from "corrupt database".
    static QByteArray checkValue(const SecretKey& master);

    // A call's data key, wrapped (XChaCha20-Poly1305) with the wrapping subkey; the call id is associated data,
    // so a wrapped key moved to another call does not unwrap.
    QByteArray wrapDataKey(const SecretKey& dataKey, const QString& callId) const;
    Result<SecretKey> unwrapDataKey(const QByteArray& wrapped, const QString& callId) const;

    // A long-lived secret of the cache (the signing key's seed), wrapped the same way with its name as associated data.
    QByteArray wrapSecret(const SecretKey& secret, const QString& name) const;
    Result<SecretKey> unwrapSecret(const QByteArray& wrapped, const QString& name) const;

    // Keyed blind index of a normalised E.164 number: equal numbers give equal indexes, useless without the key.
    QByteArray phoneIndex(const QString& e164) const;
    // The blind index of a number's last six digits (what a masked list shows part of): found again when someone
    // types only those. A keyed hash of its own ("tail6:"), so it matches nothing of phoneIndex. Empty for fewer
    // than six digits.
    QByteArray phoneTailIndex(const QString& numberOrDigits) const;
    static constexpr int TailDigits = 6;

    // MAC for the tamper-evident audit chain.
    QByteArray auditMac(const QByteArray& message) const;

private:
    SecretKey m_database;
    SecretKey m_wrapping;
    SecretKey m_phoneIndex;
    SecretKey m_audit;
};

} // namespace Earmark

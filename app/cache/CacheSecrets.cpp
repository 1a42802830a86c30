#include "cache/CacheSecrets.h"

#include "cache/Database.h"
#include "cache/Statement.h"
#include "crypto/KeyHierarchy.h"

namespace Earmark {

namespace {
const QString SigningName = QStringLiteral("signing");
}

Result<SigningKey> CacheSecrets::signingKey(Database& db, const KeyHierarchy& keys)
{
    auto read = db.prepare(QStringLiteral("SELECT wrapped, public FROM cache_secrets WHERE name = ?"));
    if (!read) {
        return read.error();
    }
    read->bind(1, SigningName);
    auto stored = read->firstRow([&] { return std::make_pair(read->blob(0), read->blob(1)); });
    if (!stored) {
        return stored.error();
    }
    if (stored.value()) {
        const auto& [wrapped, pub] = *stored.value();
        auto seed = keys.unwrapSecret(wrapped, SigningName);
        if (!seed) {
            return seed.error();
        }
        SigningKey key = SigningKey::fromSeed(seed.value(), pub.left(SigningKey::KeyIdSize));
        if (key.isNull() || pub.mid(SigningKey::KeyIdSize) != key.publicKey()) {
            return makeError(QStringLiteral("The cache's signing key does not match its public key: the cache was "
                                            "tampered with or damaged. Run earmark-cli verify."));
        }
        return key;
    }
    SigningKey key = SigningKey::generate();
    auto insert = db.prepare(QStringLiteral("INSERT INTO cache_secrets(name, wrapped, public) VALUES (?, ?, ?)"));
    if (!insert) {
        return insert.error();
    }
    insert->bind(1, SigningName).bind(2, keys.wrapSecret(key.seed(), SigningName));
    insert->bind(3, key.keyId() + key.publicKey());
    if (auto st = insert->run(); !st) {
        return st.error();
    }
    return key;
}

Status CacheSecrets::rewrap(Database& db, const KeyHierarchy& from, const KeyHierarchy& to)
{
    QList<std::pair<QString, QByteArray>> secrets;
    auto read = db.prepare(QStringLiteral("SELECT name, wrapped FROM cache_secrets"));
    if (!read) {
        return read.error();
    }
    if (auto st = read->forEachRow([&]() -> Status {
            secrets.append({read->text(0), read->blob(1)});
            return {};
        });
        !st) {
        return st;
    }
    auto write = db.prepare(QStringLiteral("UPDATE cache_secrets SET wrapped = ? WHERE name = ?"));
    if (!write) {
        return write.error();
    }
    for (const auto& [name, wrapped] : secrets) {
        auto secret = from.unwrapSecret(wrapped, name);
        if (!secret) {
            return secret.error();
        }
        write->bind(1, to.wrapSecret(secret.value(), name)).bind(2, name);
        if (auto st = write->run(); !st) {
            return st;
        }
        write->reset();
    }
    return {};
}

} // namespace Earmark

#include "keys/KeyInfo.h"

#include "core/Files.h"
#include "crypto/KeyWrap.h"
#include "crypto/RandomId.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark {

namespace {
QByteArray masterAd(const QString& keyId)
{
    return QByteArrayLiteral("earmark-master-key/1:") + keyId.toUtf8();
}

Error damaged(const QString& path, const char* what)
{
    return makeError(QStringLiteral("The cache's key file %1 is damaged (%2): restore it from a backup of the cache "
                                    "folder.")
                         .arg(QDir::toNativeSeparators(path), QLatin1String(what)));
}
} // namespace

QString KeyInfo::newKeyId()
{
    return randomId({}, 8);
}

QString KeyInfo::modeName(KeyMode mode)
{
    return mode == KeyMode::Keychain ? QStringLiteral("keychain") : QStringLiteral("passphrase");
}

Result<KeyInfo> KeyInfo::load(const QString& path)
{
    auto bytes = Files::readAll(path, 64 * 1024);
    if (!bytes) {
        return bytes.error();
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        return damaged(path, "not JSON");
    }
    const QJsonObject o = doc.object();
    KeyInfo info;
    info.format = o.value(QStringLiteral("format")).toInt();
    if (info.format != 1) {
        return makeError(QStringLiteral("The cache's key file uses format %1, which this Earmark does not know: update "
                                        "Earmark.")
                             .arg(info.format));
    }
    const QString mode = o.value(QStringLiteral("mode")).toString();
    if (mode == QLatin1String("keychain")) {
        info.mode = KeyMode::Keychain;
    } else if (mode == QLatin1String("passphrase")) {
        info.mode = KeyMode::Passphrase;
    } else {
        return damaged(path, "unknown key mode");
    }
    info.keyId = o.value(QStringLiteral("key_id")).toString();
    info.check = QByteArray::fromHex(o.value(QStringLiteral("check")).toString().toLatin1());
    if (info.keyId.isEmpty() || info.check.size() != 16) {
        return damaged(path, "no key id or check value");
    }
    const QJsonObject pending = o.value(QStringLiteral("pending")).toObject();
    info.pendingKeyId = pending.value(QStringLiteral("key_id")).toString();
    info.pendingCheck = QByteArray::fromHex(pending.value(QStringLiteral("check")).toString().toLatin1());
    for (const auto& v : o.value(QStringLiteral("retired")).toArray()) {
        info.retiredKeyIds << v.toString();
    }
    info.cacheId = o.value(QStringLiteral("cache_id")).toString();
    if (info.mode == KeyMode::Passphrase) {
        const QJsonObject kdf = o.value(QStringLiteral("kdf")).toObject();
        if (kdf.value(QStringLiteral("alg")).toString() != QLatin1String("argon2id13")) {
            return damaged(path, "unknown key derivation");
        }
        info.kdf.opsLimit = static_cast<quint64>(kdf.value(QStringLiteral("opslimit")).toDouble());
        info.kdf.memLimit = static_cast<quint64>(kdf.value(QStringLiteral("memlimit")).toDouble());
        info.kdf.salt = QByteArray::fromHex(kdf.value(QStringLiteral("salt")).toString().toLatin1());
        info.wrappedKey = QByteArray::fromHex(o.value(QStringLiteral("wrapped_key")).toString().toLatin1());
        if (info.wrappedKey.isEmpty()) {
            return damaged(path, "no wrapped key");
        }
    }
    return info;
}

Status KeyInfo::save(const QString& path) const
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), format);
    o.insert(QStringLiteral("mode"), modeName(mode));
    o.insert(QStringLiteral("key_id"), keyId);
    o.insert(QStringLiteral("check"), QString::fromLatin1(check.toHex()));
    if (!pendingKeyId.isEmpty()) {
        o.insert(QStringLiteral("pending"),
            QJsonObject {{QStringLiteral("key_id"), pendingKeyId},
                {QStringLiteral("check"), QString::fromLatin1(pendingCheck.toHex())}});
    }
    if (!retiredKeyIds.isEmpty()) {
        o.insert(QStringLiteral("retired"), QJsonArray::fromStringList(retiredKeyIds));
    }
    if (!cacheId.isEmpty()) {
        o.insert(QStringLiteral("cache_id"), cacheId);
    }
    if (mode == KeyMode::Passphrase) {
        QJsonObject k;
        k.insert(QStringLiteral("alg"), QStringLiteral("argon2id13"));
        k.insert(QStringLiteral("opslimit"), static_cast<double>(kdf.opsLimit));
        k.insert(QStringLiteral("memlimit"), static_cast<double>(kdf.memLimit));
        k.insert(QStringLiteral("salt"), QString::fromLatin1(kdf.salt.toHex()));
        o.insert(QStringLiteral("kdf"), k);
        o.insert(QStringLiteral("wrapped_key"), QString::fromLatin1(wrappedKey.toHex()));
    }
    return Files::writeAtomically(path, QJsonDocument(o).toJson());
}

void KeyInfo::wrapMaster(const SecretKey& master, const SecretKey& kek)
{
    wrappedKey = KeyWrap::wrap(master, kek, masterAd(keyId));
}

Result<SecretKey> KeyInfo::unwrapMaster(const SecretKey& kek) const
{
    auto master = KeyWrap::unwrap(wrappedKey, kek, masterAd(keyId));
    if (!master) {
        return makeError(QStringLiteral("Wrong passphrase for this cache: check the passphrase file and try again. "
                                        "Nothing was changed."));
    }
    return std::move(*master);
}

} // namespace Earmark

#include "crypto/Passphrase.h"

#include "core/Files.h"

#include <QDir>
#include <QStringList>
#include <sodium.h>
#include <zxcvbn.h>

namespace Earmark::Passphrase {

namespace {
QString reasonFor(int type)
{
    if (type & MULTIPLE_MATCH) {
        return QStringLiteral("it repeats characters or groups of characters");
    }
    switch (type) {
    case DICTIONARY_MATCH:
        return QStringLiteral("it is built from common words, names or well-known passwords");
    case DICT_LEET_MATCH:
        return QStringLiteral("swapping letters for look-alike symbols in common words does not help");
    case USER_MATCH:
    case USER_LEET_MATCH:
        return QStringLiteral("it contains the name of this application or of the company");
    case REPEATS_MATCH:
        return QStringLiteral("it repeats characters or groups of characters");
    case SEQUENCE_MATCH:
        return QStringLiteral("it contains a sequence such as abc or 123");
    case SPATIAL_MATCH:
        return QStringLiteral("it follows a keyboard pattern such as qwerty");
    case DATE_MATCH:
    case YEAR_MATCH:
        return QStringLiteral("it contains a date or a year");
    default:
        return QStringLiteral("it is too short");
    }
}
} // namespace

Strength assess(const QString& passphrase)
{
    const QByteArray utf8 = passphrase.toUtf8();
    const char* userWords[] = {"earmark", "survey", "research", nullptr};
    ZxcMatch_t* info = nullptr;
    Strength s;
    s.bits = ZxcvbnMatch(utf8.constData(), userWords, &info);
    s.acceptable = s.bits >= MinimumBits;
    if (!s.acceptable) {
        // Name the pattern that covers most of the passphrase.
        int bestType = BRUTE_MATCH;
        int bestLength = 0;
        for (ZxcMatch_t* m = info; m; m = m->Next) {
            if (m->Type != BRUTE_MATCH && m->Length > bestLength) {
                bestLength = m->Length;
                bestType = m->Type;
            }
        }
        s.reason = QStringLiteral("The passphrase is too easy to guess (about %1 bits, at least %2 needed): %3. Use "
                                  "four or more unrelated words, or a longer phrase of your own.")
                       .arg(qRound(s.bits))
                       .arg(qRound(MinimumBits))
                       .arg(reasonFor(bestType));
    }
    ZxcvbnFreeInfo(info);
    return s;
}

KdfParams defaultParams()
{
    ensureSodium();
    KdfParams p;
    p.opsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
    p.memLimit = crypto_pwhash_MEMLIMIT_MODERATE;
    p.salt = QByteArray(crypto_pwhash_SALTBYTES, '\0');
    randombytes_buf(p.salt.data(), p.salt.size());
    return p;
}

bool isBelowPolicy(const KdfParams& params)
{
    return params.opsLimit < crypto_pwhash_OPSLIMIT_MODERATE || params.memLimit < crypto_pwhash_MEMLIMIT_MODERATE;
}

Result<SecretKey> deriveKey(const QString& passphrase, const KdfParams& params)
{
    ensureSodium();
    if (params.salt.size() != crypto_pwhash_SALTBYTES || params.opsLimit < crypto_pwhash_OPSLIMIT_MIN
        || params.memLimit < crypto_pwhash_MEMLIMIT_MIN || params.opsLimit > crypto_pwhash_OPSLIMIT_MAX
        || params.memLimit > (quint64(4) << 30)) {
        return makeError(QStringLiteral("The cache's passphrase settings are damaged (keyinfo.json): restore the file "
                                        "from a backup."));
    }
    QByteArray utf8 = passphrase.toUtf8();
    SecretKey key = SecretKey::random();
    const int rc = crypto_pwhash(key.mutableData(), SecretKey::Size, utf8.constData(), utf8.size(),
        reinterpret_cast<const unsigned char*>(params.salt.constData()), params.opsLimit, params.memLimit,
        crypto_pwhash_ALG_ARGON2ID13);
    Files::wipe(utf8);
    if (rc != 0) {
        return makeError(QStringLiteral("Not enough memory to derive the key from the passphrase (%1 MiB needed): "
                                        "close other programs and try again.")
                             .arg(params.memLimit >> 20));
    }
    return key;
}

Result<QString> readPassphraseFile(const QString& path)
{
    auto bytes = Files::readAll(path, 64 * 1024);
    if (!bytes) {
        return makeError(QStringLiteral("Cannot read the passphrase file %1: check the path given with "
                                        "--passphrase-file or EARMARK_PASSPHRASE_FILE.")
                             .arg(QDir::toNativeSeparators(path)));
    }
    QByteArray& raw = bytes.value();
    qsizetype end = raw.indexOf('\n');
    if (end < 0) {
        end = raw.size();
    }
    if (end > 0 && raw.at(end - 1) == '\r') {
        --end;
    }
    QString passphrase = QString::fromUtf8(raw.constData(), end);
    Files::wipe(raw);
    if (passphrase.isEmpty()) {
        return makeError(QStringLiteral("The passphrase file %1 is empty: put the passphrase on its first line.")
                             .arg(QDir::toNativeSeparators(path)));
    }
    return passphrase;
}

} // namespace Earmark::Passphrase

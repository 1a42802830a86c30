#include "crypto/Minisign.h"

#include "crypto/SigningKey.h"

#include <QList>
#include <QtEndian>
#include <sodium.h>

namespace Earmark::Minisign {

namespace {
constexpr char KeyAlgorithm[] = "Ed";
constexpr char PrehashedAlgorithm[] = "ED";
constexpr char TrustedPrefix[] = "trusted comment: ";
constexpr char UntrustedPrefix[] = "untrusted comment: ";

QByteArray blake2b512(const QByteArray& message)
{
    QByteArray out(crypto_generichash_BYTES_MAX, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), static_cast<size_t>(out.size()),
        reinterpret_cast<const unsigned char*>(message.constData()), static_cast<unsigned long long>(message.size()),
        nullptr, 0);
    return out;
}

QByteArray oneLine(const QString& text)
{
    QString line = text;
    line.replace(QLatin1Char('\r'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    return line.toUtf8();
}

Error bad(const QString& what)
{
    return makeError(QStringLiteral("The signature is not valid: %1.").arg(what));
}
} // namespace

QString keyIdText(const QByteArray& keyId)
{
    // minisign prints the id as a little-endian 64-bit number.
    if (keyId.size() != 8) {
        return {};
    }
    const quint64 n = qFromLittleEndian<quint64>(keyId.constData());
    return QStringLiteral("%1").arg(n, 16, 16, QLatin1Char('0')).toUpper();
}

QString publicKeyText(const SigningKey& key)
{
    return QString::fromLatin1(QByteArray(QByteArray(KeyAlgorithm, 2) + key.keyId() + key.publicKey()).toBase64());
}

QByteArray publicKeyFile(const SigningKey& key)
{
    return QByteArray(UntrustedPrefix) + "minisign public key " + keyIdText(key.keyId()).toLatin1() + '\n'
        + publicKeyText(key).toLatin1() + '\n';
}

Result<PublicKey> parsePublicKey(const QString& text)
{
    QString line;
    for (const QString& l : text.split(QLatin1Char('\n'))) {
        const QString t = l.trimmed();
        if (!t.isEmpty() && !t.startsWith(QLatin1String(UntrustedPrefix))) {
            line = t;
            break;
        }
    }
    const auto decoded = QByteArray::fromBase64Encoding(line.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 42 || !decoded.decoded.startsWith(KeyAlgorithm)) {
        return makeError(QStringLiteral("This is not a minisign public key: expected one line of 56 base64 characters "
                                        "starting with RW, as Earmark shows it."));
    }
    return PublicKey {decoded.decoded.mid(2, 8), decoded.decoded.mid(10, 32)};
}

QByteArray sign(const SigningKey& key, const QByteArray& message, const QString& trustedComment)
{
    const QByteArray signature = key.sign(blake2b512(message));
    const QByteArray trusted = oneLine(trustedComment);
    const QByteArray global = key.sign(QByteArray(signature + trusted));
    return QByteArray(UntrustedPrefix) + "signature from Earmark key " + keyIdText(key.keyId()).toLatin1() + '\n'
        + QByteArray(QByteArray(PrehashedAlgorithm, 2) + key.keyId() + signature).toBase64() + '\n' + TrustedPrefix
        + trusted + '\n' + global.toBase64() + '\n';
}

Result<QString> verify(const PublicKey& key, const QByteArray& message, const QByteArray& signatureFile)
{
    QList<QByteArray> lines = signatureFile.split('\n');
    for (QByteArray& l : lines) {
        if (l.endsWith('\r')) {
            l.chop(1);
        }
    }
    if (lines.size() < 4 || !lines.at(0).startsWith(UntrustedPrefix) || !lines.at(2).startsWith(TrustedPrefix)) {
        return bad(QStringLiteral("the signature file does not have minisign's four lines"));
    }
    const auto sig = QByteArray::fromBase64Encoding(lines.at(1), QByteArray::AbortOnBase64DecodingErrors);
    if (!sig || sig.decoded.size() != 74) {
        return bad(QStringLiteral("the signature line is damaged"));
    }
    if (!sig.decoded.startsWith(PrehashedAlgorithm)) {
        return bad(QStringLiteral("it is not a prehashed (ED) minisign signature"));
    }
    if (sig.decoded.mid(2, 8) != key.keyId) {
        return bad(QStringLiteral("it was made with key %1, not with key %2")
                       .arg(keyIdText(sig.decoded.mid(2, 8)), keyIdText(key.keyId)));
    }
    const QByteArray signature = sig.decoded.mid(10);
    if (!SigningKey::verify(key.key, blake2b512(message), signature)) {
        return bad(QStringLiteral("the signed file was changed after it was signed"));
    }
    const QByteArray trusted = lines.at(2).mid(static_cast<qsizetype>(sizeof TrustedPrefix) - 1);
    const auto global = QByteArray::fromBase64Encoding(lines.at(3), QByteArray::AbortOnBase64DecodingErrors);
    if (!global || !SigningKey::verify(key.key, QByteArray(signature + trusted), global.decoded)) {
        return bad(QStringLiteral("the trusted comment was changed after it was signed"));
    }
    return QString::fromUtf8(trusted);
}

} // namespace Earmark::Minisign

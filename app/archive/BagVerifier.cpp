#include "archive/BagVerifier.h"

#include "archive/BagWriter.h"
#include "archive/ZipReader.h"
#include "crypto/Minisign.h"

#include <QCryptographicHash>
#include <QHash>
#include <QObject>
#include <QRegularExpression>
#include <QSet>

namespace Earmark {

namespace {
constexpr qint64 TagFileLimit = 16 * 1024 * 1024;
constexpr qint64 PayloadFileLimit = qint64(8) * 1024 * 1024 * 1024;

const QStringList RequiredTags
    = {QStringLiteral("bagit.txt"), QStringLiteral("bag-info.txt"), QStringLiteral("manifest-sha256.txt"),
        QStringLiteral("tagmanifest-sha256.txt"), QStringLiteral("tagmanifest-sha256.txt.minisig")};

Error bad(const QString& what)
{
    return makeError(
        QObject::tr("The pack does not verify: %1. It is not what was sent: ask the sender for a new copy.").arg(what));
}

// "<64 hex>  <path>" lines; every path once.
Result<QHash<QString, QByteArray>> parseManifest(const QString& name, const QByteArray& text)
{
    static const QRegularExpression Line(QStringLiteral("\\A([0-9a-f]{64})  (\\S+)\\z"));
    QHash<QString, QByteArray> out;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).isEmpty() && i == lines.size() - 1) {
            break;
        }
        const auto m = Line.match(QString::fromUtf8(lines.at(i)));
        if (!m.hasMatch() || !BagWriter::isSafePath(m.captured(2))) {
            return bad(QObject::tr("line %1 of %2 is not \"<sha256>  <file>\"").arg(i + 1).arg(name));
        }
        if (out.contains(m.captured(2))) {
            return bad(QObject::tr("%1 lists %2 twice").arg(name, m.captured(2)));
        }
        out.insert(m.captured(2), m.captured(1).toLatin1());
    }
    return out;
}

QString field(const QByteArray& bagInfo, const QString& name)
{
    for (const QByteArray& line : bagInfo.split('\n')) {
        const QString l = QString::fromUtf8(line);
        if (l.startsWith(name + QLatin1Char(':'))) {
            return l.mid(name.size() + 1).trimmed();
        }
    }
    return {};
}
} // namespace

Result<BagCheck> BagVerifier::verifyZip(const QString& zipPath, const QString& publicKey)
{
    ZipReader zip(zipPath);
    if (auto st = zip.open(); !st) {
        return st.error();
    }
    // One folder holds everything; every name inside is safe.
    QString top;
    QHash<QString, int> files; // path inside the bag -> entry index
    const auto& entries = zip.entries();
    for (int i = 0; i < entries.size(); ++i) {
        const QString name = entries.at(i).name;
        const QString first = name.section(QLatin1Char('/'), 0, 0);
        if (top.isEmpty()) {
            top = first;
        }
        if (first != top || !name.contains(QLatin1Char('/')) || !BagWriter::isSafePath(first)) {
            return bad(QObject::tr("%1 is outside the pack's one folder %2").arg(name, top));
        }
        if (entries.at(i).isFolder) {
            if (!BagWriter::isSafePath(name.chopped(1))) {
                return bad(QObject::tr("the folder %1 has a name a pack cannot have").arg(name));
            }
            continue;
        }
        const QString inside = name.mid(top.size() + 1);
        if (!BagWriter::isSafePath(inside)) {
            return bad(QObject::tr("%1 has a name a pack cannot have").arg(name));
        }
        if (files.contains(inside)) {
            return bad(QObject::tr("%1 is in the archive twice").arg(name));
        }
        files.insert(inside, i);
    }
    for (const QString& tag : RequiredTags) {
        if (!files.contains(tag)) {
            return bad(QObject::tr("%1 is missing").arg(tag));
        }
    }
    QHash<QString, QByteArray> tagText;
    for (const QString& tag : RequiredTags) {
        auto bytes = zip.readAll(files.value(tag), TagFileLimit);
        if (!bytes) {
            return bad(bytes.errorMessage());
        }
        tagText.insert(tag, bytes.value());
    }

    // 1. The signature of the tag manifest.
    BagCheck check;
    QString keyText = publicKey.trimmed();
    if (keyText.isEmpty()) {
        if (!files.contains(QStringLiteral("VERIFY.txt"))) {
            return bad(QObject::tr("VERIFY.txt is missing, and no public key was given"));
        }
        auto verify = zip.readAll(files.value(QStringLiteral("VERIFY.txt")), TagFileLimit);
        if (!verify) {
            return bad(verify.errorMessage());
        }
        static const QRegularExpression KeyLine(QStringLiteral("-P (RW[A-Za-z0-9+/=]{54})"));
        keyText = KeyLine.match(QString::fromUtf8(verify.value())).captured(1);
        check.keyFromPack = true;
    }
    auto key = Minisign::parsePublicKey(keyText);
    if (!key) {
        return makeError(QObject::tr("The public key is not a minisign public key (%1): give it as minisign prints it "
                                     "(a line starting with RW).")
                             .arg(key.errorMessage()));
    }
    auto comment = Minisign::verify(key.value(), tagText.value(QStringLiteral("tagmanifest-sha256.txt")),
        tagText.value(QStringLiteral("tagmanifest-sha256.txt.minisig")));
    if (!comment) {
        return bad(QObject::tr("the signature of tagmanifest-sha256.txt does not verify with key %1 (%2)")
                       .arg(Minisign::keyIdText(key->keyId), comment.errorMessage()));
    }
    check.keyId = Minisign::keyIdText(key->keyId);
    check.trustedComment = comment.value();

    // 2. The tag files: every file outside data/ (but the tag manifest and its signature) is listed and matches.
    auto tagManifest = parseManifest(
        QStringLiteral("tagmanifest-sha256.txt"), tagText.value(QStringLiteral("tagmanifest-sha256.txt")));
    if (!tagManifest) {
        return tagManifest.error();
    }
    auto payloadManifest
        = parseManifest(QStringLiteral("manifest-sha256.txt"), tagText.value(QStringLiteral("manifest-sha256.txt")));
    if (!payloadManifest) {
        return payloadManifest.error();
    }
    const auto hashOf = [&](const QString& path, qint64 limit, qint64* size) -> Result<QByteArray> {
        QCryptographicHash h(QCryptographicHash::Sha256);
        auto got = zip.read(
            files.value(path), [&h](const char* d, qint64 n) { h.addData(QByteArrayView(d, n)); }, limit);
        if (!got) {
            return bad(got.errorMessage());
        }
        if (size) {
            *size = got.value();
        }
        return h.result().toHex();
    };
    for (auto it = tagManifest->cbegin(); it != tagManifest->cend(); ++it) {
        if (it.key().startsWith(QLatin1String("data/"))) {
            return bad(QObject::tr("tagmanifest-sha256.txt lists the payload file %1").arg(it.key()));
        }
        if (!files.contains(it.key())) {
            return bad(QObject::tr("%1 is missing").arg(it.key()));
        }
        auto hash = hashOf(it.key(), TagFileLimit, nullptr);
        if (!hash) {
            return hash.error();
        }
        if (hash.value() != it.value()) {
            return bad(
                QObject::tr("%1 was changed (its SHA-256 is not the one in tagmanifest-sha256.txt)").arg(it.key()));
        }
    }
    for (const QString& required :
        {QStringLiteral("bagit.txt"), QStringLiteral("bag-info.txt"), QStringLiteral("manifest-sha256.txt")}) {
        if (!tagManifest->contains(required)) {
            return bad(QObject::tr("tagmanifest-sha256.txt does not list %1").arg(required));
        }
    }
    if (!tagText.value(QStringLiteral("bagit.txt")).startsWith("BagIt-Version: 1.0\n")) {
        return bad(QObject::tr("bagit.txt does not say BagIt-Version: 1.0"));
    }

    // 3. The payload: exactly the manifest's files, each matching; then Payload-Oxum.
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString& path = it.key();
        if (path.startsWith(QLatin1String("data/"))) {
            if (!payloadManifest->contains(path)) {
                return bad(QObject::tr("%1 was added (it is not in manifest-sha256.txt)").arg(path));
            }
        } else if (!tagManifest->contains(path) && path != QLatin1String("tagmanifest-sha256.txt")
            && path != QLatin1String("tagmanifest-sha256.txt.minisig")) {
            return bad(QObject::tr("%1 was added (it is not in tagmanifest-sha256.txt)").arg(path));
        }
    }
    QStringList payloadPaths = payloadManifest->keys();
    payloadPaths.sort();
    for (const QString& path : payloadPaths) {
        if (!path.startsWith(QLatin1String("data/"))) {
            return bad(QObject::tr("manifest-sha256.txt lists %1, which is not under data/").arg(path));
        }
        if (!files.contains(path)) {
            return bad(QObject::tr("%1 is missing").arg(path));
        }
        qint64 size = 0;
        auto hash = hashOf(path, PayloadFileLimit, &size);
        if (!hash) {
            return hash.error();
        }
        if (hash.value() != payloadManifest->value(path)) {
            return bad(QObject::tr("%1 was changed (its SHA-256 is not the one in manifest-sha256.txt)").arg(path));
        }
        check.payloadBytes += size;
        ++check.payloadFiles;
    }
    const QByteArray bagInfo = tagText.value(QStringLiteral("bag-info.txt"));
    const QString oxum = QStringLiteral("%1.%2").arg(check.payloadBytes).arg(check.payloadFiles);
    if (field(bagInfo, QStringLiteral("Payload-Oxum")) != oxum) {
        return bad(QObject::tr("bag-info.txt says Payload-Oxum %1, the payload is %2 (bytes.files)")
                       .arg(field(bagInfo, QStringLiteral("Payload-Oxum")), oxum));
    }
    check.kind = field(bagInfo, QStringLiteral("Earmark-Pack-Kind"));
    check.reference = field(bagInfo, QStringLiteral("External-Identifier"));
    return check;
}

} // namespace Earmark

#include "archive/BagWriter.h"

#include "crypto/Minisign.h"
#include "crypto/SigningKey.h"

#include <QCryptographicHash>
#include <QObject>
#include <QRegularExpression>
#include <algorithm>

namespace Earmark {

namespace {
QByteArray sha256Hex(const QByteArray& bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QByteArray manifest(const QList<Archive::File>& files)
{
    QList<Archive::File> sorted = files;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    QByteArray out;
    for (const Archive::File& f : sorted) {
        out += sha256Hex(f.bytes) + "  " + f.path.toUtf8() + '\n';
    }
    return out;
}

QString oneLine(QString text)
{
    return text.replace(QRegularExpression(QStringLiteral("[\\r\\n\\t]+")), QStringLiteral(" ")).trimmed();
}

QByteArray verifyText(const BagInfo& info, const QString& publicKey, const QString& keyId, const QString& oxum)
{
    QString t;
    t += QStringLiteral("How to check this pack\n======================\n\n");
    t += QStringLiteral("Earmark %1 pack %2, made on %3 by %4 (Earmark %5).\n\n")
             .arg(info.kind, oneLine(info.reference), info.baggingDate.toString(Qt::ISODate),
                 oneLine(info.organisation), info.version);
    t += QStringLiteral(
        "This folder is a BagIt bag (RFC 8493). The files under data/ are listed with their SHA-256 in\n"
        "manifest-sha256.txt; the other files are listed in tagmanifest-sha256.txt, which is signed with minisign\n"
        "(Ed25519). Two standard tools check it: minisign (Debian and Ubuntu package \"minisign\") and sha256sum\n"
        "(coreutils). Run these commands in bash, in this folder.\n\n");
    t += QStringLiteral("1. The signature. Use the public key the sender gave you separately (by e-mail, letter or "
                        "phone);\n   it must be this one, key ID %1:\n\n      %2\n\n")
             .arg(keyId, publicKey);
    t += QStringLiteral("   minisign -Vm tagmanifest-sha256.txt -P %1\n\n"
                        "   It must print \"Signature and comment signature verified\" and the trusted comment.\n\n")
             .arg(publicKey);
    t += QStringLiteral("2. Every file against the manifests; every line must end in OK:\n\n"
                        "   sha256sum -c tagmanifest-sha256.txt && sha256sum -c manifest-sha256.txt\n\n");
    t += QStringLiteral("3. Nothing added: the payload must be exactly the files the manifest lists, and its size must "
                        "be\n   what bag-info.txt says (Payload-Oxum: %1, that is bytes.files):\n\n"
                        "   diff <(find data -type f | sort) <(cut -c67- manifest-sha256.txt | sort) && echo "
                        "\"no file added or missing\"\n"
                        "   find data -type f -printf '%s\\n' | awk '{b+=$1; n++} END {print b \".\" n}'\n\n")
             .arg(oxum);
    if (!info.moreSteps.isEmpty()) {
        t += info.moreSteps + QStringLiteral("\n");
    }
    t += QStringLiteral("If any step fails, the pack is not what was sent: ask the sender for a new copy.\n");
    return t.toUtf8();
}
} // namespace

BagWriter::BagWriter(BagInfo info)
    : m_info(std::move(info))
{ }

bool BagWriter::isSafePath(const QString& path)
{
    static const QRegularExpression Allowed(QStringLiteral("\\A[A-Za-z0-9._/-]+\\z"));
    if (!Allowed.match(path).hasMatch()) {
        return false;
    }
    const QStringList parts = path.split(QLatin1Char('/'));
    return std::none_of(parts.begin(), parts.end(),
        [](const QString& p) { return p.isEmpty() || p == QLatin1String(".") || p == QLatin1String(".."); });
}

QString BagWriter::trustedComment(const BagInfo& info)
{
    return QStringLiteral("earmark %1 pack %2 %3")
        .arg(info.kind, oneLine(info.reference), info.baggingDate.toString(Qt::ISODate));
}

Status BagWriter::add(const QString& path, const QByteArray& bytes)
{
    if (!isSafePath(path)) {
        return makeError(QObject::tr("The pack cannot hold a file named \"%1\": names may use only letters, digits and "
                                     "._/- (this is a bug in what builds the pack).")
                             .arg(path));
    }
    const QString inBag = QStringLiteral("data/") + path;
    if (std::any_of(m_payload.begin(), m_payload.end(), [&](const Archive::File& f) { return f.path == inBag; })) {
        return makeError(QObject::tr("The pack already has a file %1.").arg(inBag));
    }
    m_payload << Archive::File {inBag, bytes};
    return {};
}

QList<Archive::File> BagWriter::files(const SigningKey& key) const
{
    qint64 bytes = 0;
    for (const Archive::File& f : m_payload) {
        bytes += f.bytes.size();
    }
    const QString oxum = QStringLiteral("%1.%2").arg(bytes).arg(m_payload.size());
    QList<Archive::File> tags;
    tags << Archive::File {
        QStringLiteral("bagit.txt"), QByteArrayLiteral("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")};
    QString info;
    info += QStringLiteral("Source-Organization: %1\n").arg(oneLine(m_info.organisation));
    info += QStringLiteral("Bagging-Date: %1\n").arg(m_info.baggingDate.toString(Qt::ISODate));
    info += QStringLiteral("Payload-Oxum: %1\n").arg(oxum);
    info += QStringLiteral("External-Identifier: %1\n").arg(oneLine(m_info.reference));
    info += QStringLiteral("Earmark-Pack-Kind: %1\n").arg(m_info.kind);
    info += QStringLiteral("Earmark-Version: %1\n").arg(m_info.version);
    tags << Archive::File {QStringLiteral("bag-info.txt"), info.toUtf8()};
    tags << Archive::File {QStringLiteral("manifest-sha256.txt"), manifest(m_payload)};
    tags << Archive::File {QStringLiteral("VERIFY.txt"),
        verifyText(m_info, Minisign::publicKeyText(key), Minisign::keyIdText(key.keyId()), oxum)};
    const QByteArray tagManifest = manifest(tags);
    QList<Archive::File> all = tags + m_payload;
    all << Archive::File {QStringLiteral("tagmanifest-sha256.txt"), tagManifest};
    all << Archive::File {
        QStringLiteral("tagmanifest-sha256.txt.minisig"), Minisign::sign(key, tagManifest, trustedComment(m_info))};
    return all;
}

Status BagWriter::writeZip(const QString& zipPath, const QString& folderName, const SigningKey& key) const
{
    if (!isSafePath(folderName) || folderName.contains(QLatin1Char('/'))) {
        return makeError(QObject::tr("A pack's folder cannot be named \"%1\": letters, digits and ._- only (this is "
                                     "a bug in what builds the pack).")
                             .arg(folderName));
    }
    return Archive::toZip(zipPath, files(key), folderName);
}

} // namespace Earmark

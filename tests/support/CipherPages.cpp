#include "CipherPages.h"

#include <QFile>
#include <QtEndian>
#include <openssl/evp.h>

namespace Earmark::Test {

namespace {
constexpr int SaltSize = 16;

struct Layout
{
    int pageSize;
    int reserve; // IV (16) + HMAC, rounded up to the AES block
};

Layout layoutFor(int major)
{
    // SQLCipher 3: 1024-byte pages, HMAC-SHA1 (20) -> 48 reserved; 4: 4096-byte pages, HMAC-SHA512 (64) -> 80.
    return major >= 4 ? Layout {4096, 80} : Layout {1024, 48};
}

bool decryptPage(const QByteArray& key, const char* page, const Layout& l, bool first, QByteArray& out)
{
    const int offset = first ? SaltSize : 0;
    const int length = l.pageSize - l.reserve - offset;
    const auto* iv = reinterpret_cast<const unsigned char*>(page + l.pageSize - l.reserve);
    QByteArray plain(length, '\0');
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int n = 0;
    int m = 0;
    const bool ok = EVP_DecryptInit_ex(
                        ctx, EVP_aes_256_cbc(), nullptr, reinterpret_cast<const unsigned char*>(key.constData()), iv)
            == 1
        && EVP_CIPHER_CTX_set_padding(ctx, 0) == 1
        && EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(plain.data()), &n,
               reinterpret_cast<const unsigned char*>(page + offset), length)
            == 1
        && EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(plain.data()) + n, &m) == 1;
    EVP_CIPHER_CTX_free(ctx);
    out = plain;
    return ok;
}

// A decrypted page 1 continues the SQLite header after its 16 bytes: page size (big-endian; 1 means 65536), then the
// file format versions (1 or 2), then the reserved byte count.
bool validHeader(const QByteArray& page1, const Layout& l)
{
    if (page1.size() < 8) {
        return false;
    }
    const int pageSize = qFromBigEndian<quint16>(page1.constData());
    return pageSize == l.pageSize && (page1.at(2) == 1 || page1.at(2) == 2) && (page1.at(3) == 1 || page1.at(3) == 2)
        && static_cast<unsigned char>(page1.at(4)) == l.reserve;
}
} // namespace

CipherPages CipherPages::read(const QString& dbPath, const QByteArray& rawKey, int sqlcipherMajor)
{
    CipherPages out;
    const Layout l = layoutFor(sqlcipherMajor);
    QFile db(dbPath);
    if (!db.open(QIODevice::ReadOnly)) {
        out.error = QStringLiteral("cannot read ") + dbPath;
        return out;
    }
    const QByteArray bytes = db.readAll();
    for (qsizetype at = 0; at + l.pageSize <= bytes.size(); at += l.pageSize) {
        QByteArray plain;
        const bool first = at == 0;
        if (!decryptPage(rawKey, bytes.constData() + at, l, first, plain)) {
            out.error = QStringLiteral("page %1 does not decrypt").arg(at / l.pageSize + 1);
            return out;
        }
        if (first && !validHeader(plain, l)) {
            out.error = QStringLiteral("page 1 does not decrypt to a SQLite header: wrong key or page layout");
            return out;
        }
        out.plaintext += plain;
        ++out.pages;
    }
    QFile wal(dbPath + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly)) {
        const QByteArray w = wal.readAll();
        constexpr int WalHeader = 32;
        constexpr int FrameHeader = 24;
        for (qsizetype at = WalHeader; at + FrameHeader + l.pageSize <= w.size(); at += FrameHeader + l.pageSize) {
            const quint32 pageNo = qFromBigEndian<quint32>(w.constData() + at);
            QByteArray plain;
            if (!decryptPage(rawKey, w.constData() + at + FrameHeader, l, pageNo == 1, plain)) {
                out.error = QStringLiteral("a WAL frame does not decrypt");
                return out;
            }
            out.plaintext += plain;
            ++out.walFrames;
        }
    }
    return out;
}

} // namespace Earmark::Test

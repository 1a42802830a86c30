#include "crypto/Blob.h"

#include <QBuffer>
#include <QRandomGenerator>
#include <QTest>

using namespace Earmark;

class TestBlob : public QObject
{
    Q_OBJECT

private:
    static QByteArray randomBytes(qsizetype n, quint32 seed)
    {
        QByteArray b(n, '\0');
        QRandomGenerator rng(seed);
        for (qsizetype i = 0; i < n; ++i) {
            b[i] = static_cast<char>(rng.generate() & 0xff);
        }
        return b;
    }

    SecretKey m_key = SecretKey::random();
    const QByteArray m_binding = QByteArrayLiteral("call:C-1/audio");

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::newRow("empty") << qsizetype(0);
        QTest::newRow("one byte") << qsizetype(1);
        QTest::newRow("one chunk less one") << qsizetype(Blob::ChunkSize - 1);
        QTest::newRow("exactly one chunk") << qsizetype(Blob::ChunkSize);
        QTest::newRow("one chunk plus one") << qsizetype(Blob::ChunkSize + 1);
        QTest::newRow("exactly three chunks") << qsizetype(3 * Blob::ChunkSize);
        QTest::newRow("several chunks and a tail") << qsizetype(5 * Blob::ChunkSize + 12345);
    }

    void roundTrip()
    {
        QFETCH(qsizetype, size);
        const QByteArray plain = randomBytes(size, 7);
        const QByteArray sealed = Blob::seal(m_key, m_binding, Blob::Kind::Audio, plain);
        QCOMPARE(sealed.size(), Blob::sealedSize(size));
        if (size >= 64) {
            QVERIFY(!sealed.contains(plain.left(64)));
        }
        auto opened = Blob::open(m_key, m_binding, sealed);
        QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
        QCOMPARE(opened.value(), plain);
    }

    void writerAcceptsArbitraryPieces()
    {
        const QByteArray plain = randomBytes(3 * Blob::ChunkSize + 99, 11);
        QByteArray sealed;
        QBuffer out(&sealed);
        out.open(QIODevice::WriteOnly);
        Blob::Writer writer(m_key, m_binding, Blob::Kind::Audio, &out);
        qsizetype pos = 0;
        QRandomGenerator rng(3);
        while (pos < plain.size()) {
            const qsizetype n = std::min<qsizetype>(plain.size() - pos, rng.bounded(1, 40000));
            QVERIFY(writer.write(plain.constData() + pos, n).ok());
            pos += n;
        }
        QVERIFY(writer.finish().ok());
        QCOMPARE(Blob::open(m_key, m_binding, sealed).value(), plain);
    }

    void randomAccessEqualsFullDecrypt()
    {
        const QByteArray plain = randomBytes(4 * Blob::ChunkSize + 777, 5);
        QByteArray sealed = Blob::seal(m_key, m_binding, Blob::Kind::Audio, plain);
        QBuffer in(&sealed);
        in.open(QIODevice::ReadOnly);
        auto reader = Blob::Reader::open(m_key, m_binding, &in);
        QVERIFY(reader.ok());
        QCOMPARE(reader->chunkCount(), 5);
        QCOMPARE(reader->plainSize(), plain.size());
        QCOMPARE(reader->kind(), Blob::Kind::Audio);
        for (qint64 k : {3, 0, 4, 1, 2}) {
            auto chunk = reader->readChunk(k);
            QVERIFY(chunk.ok());
            QCOMPARE(chunk.value(), plain.mid(k * Blob::ChunkSize, Blob::ChunkSize));
        }
    }

    void tamperIsDetected_data()
    {
        QTest::addColumn<QString>("attack");
        for (const char* a : {"flip header", "flip salt", "flip body", "flip tag", "truncate at chunk boundary",
                 "truncate mid chunk", "drop last chunk", "reorder chunks", "append a chunk", "append garbage",
                 "duplicate a chunk", "swap blob between calls", "swap purpose", "wrong key", "header only"}) {
            QTest::newRow(a) << QString::fromLatin1(a);
        }
    }

    void tamperIsDetected()
    {
        QFETCH(QString, attack);
        const QByteArray plain = randomBytes(3 * Blob::ChunkSize + 500, 9);
        const QByteArray good = Blob::seal(m_key, m_binding, Blob::Kind::Audio, plain);
        const qint64 c = Blob::SealedChunkSize;
        const qint64 h = Blob::HeaderSize;
        QByteArray bad = good;
        SecretKey key = m_key.clone();
        QByteArray binding = m_binding;
        if (attack == QLatin1String("flip header")) {
            bad[6] = static_cast<char>(bad[6] ^ 0x03); // kind 1 -> 2, still a valid kind
        } else if (attack == QLatin1String("flip salt")) {
            bad[20] = static_cast<char>(bad[20] ^ 0x01);
        } else if (attack == QLatin1String("flip body")) {
            bad[h + c + 1000] = static_cast<char>(bad[h + c + 1000] ^ 0x80);
        } else if (attack == QLatin1String("flip tag")) {
            bad[h + c - 1] = static_cast<char>(bad[h + c - 1] ^ 0x01);
        } else if (attack == QLatin1String("truncate at chunk boundary")) {
            bad.truncate(h + 2 * c);
        } else if (attack == QLatin1String("truncate mid chunk")) {
            bad.truncate(h + 2 * c + 100);
        } else if (attack == QLatin1String("drop last chunk")) {
            bad.truncate(h + 3 * c);
        } else if (attack == QLatin1String("reorder chunks")) {
            bad = good.left(h) + good.mid(h + c, c) + good.mid(h, c) + good.mid(h + 2 * c);
        } else if (attack == QLatin1String("append a chunk")) {
            const QByteArray other = Blob::seal(m_key, m_binding, Blob::Kind::Audio, randomBytes(10, 1));
            bad = good + other.mid(h);
        } else if (attack == QLatin1String("append garbage")) {
            bad = good + randomBytes(40, 2);
        } else if (attack == QLatin1String("duplicate a chunk")) {
            bad = good.left(h + c) + good.mid(h, c) + good.mid(h + c);
        } else if (attack == QLatin1String("swap blob between calls")) {
            binding = QByteArrayLiteral("call:C-2/audio");
        } else if (attack == QLatin1String("swap purpose")) {
            binding = QByteArrayLiteral("call:C-1/transcript");
        } else if (attack == QLatin1String("wrong key")) {
            key = SecretKey::random();
        } else if (attack == QLatin1String("header only")) {
            bad.truncate(h);
        }
        auto opened = Blob::open(key, binding, bad);
        QVERIFY2(!opened.ok(), qPrintable(attack));
        QVERIFY(opened.errorMessage().contains(QLatin1String("tampered")));
    }

    void chunkFromSwappedBlobFailsAlone()
    {
        // Random access must authenticate too: chunk 1 of another blob with the same key does not pass.
        const QByteArray a = Blob::seal(m_key, m_binding, Blob::Kind::Audio, randomBytes(3 * Blob::ChunkSize, 1));
        const QByteArray b = Blob::seal(m_key, m_binding, Blob::Kind::Audio, randomBytes(3 * Blob::ChunkSize, 2));
        QByteArray mixed
            = a.left(Blob::HeaderSize + Blob::SealedChunkSize) + b.mid(Blob::HeaderSize + Blob::SealedChunkSize);
        QBuffer in(&mixed);
        in.open(QIODevice::ReadOnly);
        auto reader = Blob::Reader::open(m_key, m_binding, &in);
        QVERIFY(reader.ok());
        QVERIFY(reader->readChunk(0).ok());
        QVERIFY(!reader->readChunk(1).ok());
        QVERIFY(!reader->verify().ok());
    }

    void sealingIsRandomised()
    {
        const QByteArray plain = randomBytes(1000, 4);
        QVERIFY(Blob::seal(m_key, m_binding, Blob::Kind::Transcript, plain)
            != Blob::seal(m_key, m_binding, Blob::Kind::Transcript, plain));
    }
};

QTEST_GUILESS_MAIN(TestBlob)
#include "TestBlob.moc"

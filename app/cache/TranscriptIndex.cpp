#include "cache/TranscriptIndex.h"

#include "cache/Cache.h"
#include "cache/Database.h"
#include "cache/Statement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Earmark {

TranscriptIndex::TranscriptIndex(Database& db)
    : m_db(db)
{ }

TranscriptIndex::TranscriptIndex(Cache& cache)
    : m_db(cache.database())
    , m_roles(&cache.roles())
{ }

Status TranscriptIndex::remove(qint64 callRow)
{
    auto s = m_db.cached(QStringLiteral("DELETE FROM transcript_search WHERE docid >= ? AND docid < ?"));
    if (!s) {
        return s.error();
    }
    s.value()->bind(1, callRow * SegmentsPerCall).bind(2, (callRow + 1) * SegmentsPerCall);
    return s.value()->run();
}

Status TranscriptIndex::index(qint64 callRow, const QByteArray& json)
{
    if (auto st = remove(callRow); !st) {
        return st;
    }
    const QJsonArray segments = QJsonDocument::fromJson(json).object().value(QStringLiteral("segments")).toArray();
    auto s = m_db.cached(
        QStringLiteral("INSERT INTO transcript_search(docid, body, speaker, start_s) VALUES (?, ?, ?, ?)"));
    if (!s) {
        return s.error();
    }
    for (qsizetype i = 0; i < segments.size() && i < SegmentsPerCall; ++i) {
        const QJsonObject seg = segments[i].toObject();
        Statement* st = &*s.value();
        st->reset();
        st->bind(1, callRow * SegmentsPerCall + i).bind(2, seg.value(QStringLiteral("text")).toString());
        st->bind(3, seg.value(QStringLiteral("speaker")).toString())
            .bind(4, seg.value(QStringLiteral("start_s")).toDouble());
        if (auto r = st->run(); !r) {
            return r;
        }
    }
    return {};
}

Status TranscriptIndex::optimize()
{
    return m_db.exec(QStringLiteral("INSERT INTO transcript_search(transcript_search) VALUES('optimize')"));
}

QString TranscriptIndex::matchExpression(const QString& typed)
{
    // Phrases in quotes stay phrases; every other run of letters and digits is a word; the last word is a prefix.
    QStringList parts;
    const QStringList pieces = typed.split(QLatin1Char('"'));
    for (int p = 0; p < pieces.size(); ++p) {
        QStringList words;
        QString word;
        for (QChar c : QString(pieces[p] + QLatin1Char(' '))) {
            if (c.isLetterOrNumber() || c == QLatin1Char('\'')) {
                word += c;
            } else if (!word.isEmpty()) {
                words << word.remove(QLatin1Char('\''));
                word.clear();
            }
        }
        words.removeAll(QString());
        if (words.isEmpty()) {
            continue;
        }
        // Lower case: FTS4's operators (OR, AND, NOT, NEAR) are upper case only, so a typed word is never one.
        if (p % 2 == 1) {
            parts << QLatin1Char('"') + words.join(QLatin1Char(' ')).toLower() + QLatin1Char('"');
        } else {
            for (const QString& w : words) {
                parts << w.toLower();
            }
        }
    }
    if (!parts.isEmpty() && !typed.trimmed().endsWith(QLatin1Char('"'))) {
        parts.last() += QLatin1Char('*');
    }
    return parts.join(QLatin1Char(' '));
}

Result<QList<SearchHit>> TranscriptIndex::search(const QString& query, int limit)
{
    if (m_roles) {
        if (auto st = m_roles->require(Permission::PlayOriginal); !st) {
            return st.error();
        }
    }
    const QString match = matchExpression(query);
    if (match.isEmpty()) {
        return QList<SearchHit> {};
    }
    auto s = m_db.prepare(QStringLiteral(
        "SELECT c.call_id, c.start_utc, c.agent_id, f.docid, f.speaker, f.start_s, "
        "snippet(transcript_search, '[', ']', '…', 0, 14) FROM transcript_search f JOIN calls c ON c.id = f.docid / %1 "
        "WHERE transcript_search MATCH ? ORDER BY c.start_utc DESC, f.docid LIMIT ?")
                              .arg(SegmentsPerCall));
    if (!s) {
        return s.error();
    }
    s->bind(1, match).bind(2, limit);
    QList<SearchHit> out;
    if (auto st = s->forEachRow([&] {
            out.append({s->text(0), s->int64(1), s->text(2), int(s->int64(3) % SegmentsPerCall), s->text(4), s->real(5),
                s->text(6)});
        });
        !st) {
        return makeError(QObject::tr("The search \"%1\" could not run: %2").arg(query, st.errorMessage()));
    }
    return out;
}

qint64 TranscriptIndex::rowCount()
{
    auto s = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM transcript_search"));
    if (!s) {
        return -1;
    }
    auto row = s->step();
    return row && row.value() ? s->int64(0) : -1;
}

} // namespace Earmark

#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>

namespace Earmark {

class Cache;
class Database;

// A segment found by full-text search, with the moment to open the call at.
struct SearchHit
{
    QString callId;
    qint64 callStartUtc = 0;
    QString agentId;
    int segment = 0;
    QString speaker;
    double startS = 0;
    QString snippet; // the matching words marked with [ and ]
};

// The full-text index of transcripts (FTS4 in the encrypted database; migration 0005). Kept by CallRepository:
// a transcript saved is indexed, a destroyed call's rows are removed, and Cache::purgeDestroyed() optimises the index
// so that their words are gone.
class Roles;

class TranscriptIndex
{
public:
    static constexpr qint64 SegmentsPerCall = 100000;

    explicit TranscriptIndex(Database& db);
    explicit TranscriptIndex(Cache& cache); // for CacheWorker::run

    // Indexes a call's transcript (earmark.transcript/1 JSON), replacing what was indexed for it.
    Status index(qint64 callRow, const QByteArray& transcriptJson);
    Status remove(qint64 callRow);
    // Merges the index so that deleted rows' terms are dropped (FTS4 keeps them until then).
    Status optimize();

    // Words are matched by prefix as typed ("punctual" finds "punctuality"); "quoted words" match as a phrase.
    // Newest calls first.
    Result<QList<SearchHit>> search(const QString& query, int limit = 200);
    qint64 rowCount();

    // The FTS4 query for what a person typed (only words and phrases: no operators are passed through).
    static QString matchExpression(const QString& typed);

private:
    Database& m_db;
    Roles* m_roles = nullptr; // set when made from the cache (a user's search): search() checks it
};

} // namespace Earmark

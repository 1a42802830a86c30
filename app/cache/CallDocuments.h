#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <functional>
#include <optional>

namespace Earmark {

class AuditLog;
class CallRepository;
class Database;
struct CallRecord;

// One revision of a document about a call: who made it, when, what changed (no words of the call), and the content
// (filled only when asked for).
struct CallDocument
{
    int revision = 0;
    QString byUser;
    qint64 atUtc = 0;
    QString summary;
    QByteArray content; // plaintext: wipe after use
};

// Revisions of documents people make about a call (migration 0007): corrected transcripts and redaction reviews.
// Each revision is sealed with the call's data key (bound to call, kind and revision, so a revision cannot be moved
// to another call or number), is never changed afterwards, and goes with the call when it is destroyed.
class CallDocuments
{
public:
    static constexpr const char* Transcript = "transcript";
    static constexpr const char* Redactions = "redactions";

    CallDocuments(Database& db, CallRepository& calls);

    // Adds the next revision by the signed-in user; returns its number (1 for the first).
    Result<int> append(const CallRecord& call, const char* kind, const QByteArray& content, const QString& summary);
    // append() in one transaction with an audit log entry (action, the call, "revision N: summary") and the other
    // writes of within: all or nothing. The audit anchor is written after the commit.
    Result<int> appendAudited(AuditLog& audit, const CallRecord& call, const char* kind, const QByteArray& content,
        const QString& summary, const QString& action, const std::function<Status()>& within = {});
    // The newest revision with its content, or none.
    Result<std::optional<CallDocument>> latest(const CallRecord& call, const char* kind);
    Result<CallDocument> revision(const CallRecord& call, const char* kind, int revision);
    // Every revision, oldest first, without content.
    Result<QList<CallDocument>> history(const CallRecord& call, const char* kind);

private:
    Result<CallDocument> open(const CallRecord& call, const char* kind, CallDocument doc, const QByteArray& sealed);

    Database& m_db;
    CallRepository& m_calls;
};

} // namespace Earmark

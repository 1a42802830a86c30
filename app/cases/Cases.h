#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Earmark {

class Cache;
class Transaction;

struct CaseNote
{
    qint64 atUtc = 0;
    QString author;
    QString text;
};

// A moment of a call flagged as threatening or abusive (staff safety).
struct SafetyFlag
{
    qint64 id = 0;
    QString callId;
    qint64 atMs = 0;
    QString kind; // "threatening" or "abusive"
    QString note;
    QString flaggedBy;
    qint64 flaggedUtc = 0;
    QString caseId = {}; // the safety case it belongs to (another case that has the call lists it too)
    QString caseReference = {}; // that case's own reference (SAFETY-20261204-…), what people call it
};

// A call of the respondent's number that is not the case's: taken out by hand, or set aside because it names
// someone else (a shared number). Linking the number's newer calls leaves it out; adding it by hand brings it back.
struct CaseSetAside
{
    QString callId;
    QString reason;
    QString by;
    qint64 atUtc = 0;
};

struct CaseRecord
{
    QString caseId; // "K-" and 8 hex digits
    QString reference;
    QString type; // "query", "complaint" or "safety"
    QString phoneHint; // "••••123", empty without a number
    QString owner;
    QString openedBy;
    qint64 openedUtc = 0;
    QString holdId; // the hold that keeps the calls while the case is open
    QString closedBy;
    qint64 closedUtc = 0;
    QString closeReason;
    QStringList callIds;
    QList<CaseNote> notes;
    QList<SafetyFlag> flags;
    QList<CaseSetAside> setAside = {};
    // Call id -> the respondent's name the call records (get() only: for the handler telling people apart).
    QMap<QString, QString> respondentNames = {};
    int flagCount = 0; // flagged moments of its calls (list() reads only this, get() the flags too)

    bool isOpen() const { return closedUtc == 0; }
};

struct NewCase
{
    QString type;
    QString reference;
    // Typed any way; every cached call of the number is linked, but those that name someone else than the selected
    // calls (a shared number) are set aside.
    QString phone;
    QStringList callIds;
    QString owner; // default: the OS user opening it
    // Instead of phone: the number of this cached call (the respondent's), read sealed here, so that the window
    // never sees it.
    QString numberOfCall = {};
};

struct CaseFilter
{
    enum class Status
    {
        Any,
        Open,
        Closed,
    };
    Status status = Status::Any;
    QString type; // empty: any
    QString text; // part of the reference or case id, or a call id of the case
};

// Complaint, query and staff-safety cases (the cache's cases tables). An open case holds its calls with one legal
// hold whose case reference is the case's (retention and erasure notices leave them); closing it releases the hold
// with the closing reason. The respondent's number is kept sealed with the case's own key, found again through the
// blind index. Every change is audited by case id, never with the number or a note's text.
class Cases
{
public:
    explicit Cases(Cache& cache);

    Result<CaseRecord> create(const NewCase& request);
    // By case id or reference.
    Result<CaseRecord> get(const QString& caseIdOrReference);
    Result<QList<CaseRecord>> list(const CaseFilter& filter = {});

    // Links a cached call (one set aside before comes back).
    Status addCall(const QString& caseId, const QString& callId);
    // Takes a call out of an open case and its hold, with the reason (audited); the number's later links leave it out.
    Status removeCall(const QString& caseId, const QString& callId, const QString& reason);
    // Links the cached calls of the case's number that are not linked yet (calls synced since); returns them. Those
    // set aside stay out, and one that names someone else than every linked call is set aside, not linked.
    Result<QStringList> linkRespondentCalls(const QString& caseId);
    Status addNote(const QString& caseId, const QString& text);
    Status close(const QString& caseId, const QString& reason);

    // The case as JSON (earmark.case/1): what `case show --json` prints and an evidence pack's case.json holds.
    static QJsonObject toJson(const CaseRecord& c);

    static QStringList types()
    {
        return {QStringLiteral("query"), QStringLiteral("complaint"), QStringLiteral("safety")};
    }

private:
    Result<qint64> row(const QString& caseId);
    // Appends the audit entry, commits, and checkpoints the log.
    Status commitAudited(Transaction& tx, const QString& action, const QString& subject, const QString& detail);

    Cache& m_cache;
};

} // namespace Earmark

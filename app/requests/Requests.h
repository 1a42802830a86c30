#pragma once

#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Earmark {

class Cache;
class Transaction;

// A call of the requester's number as the handler decides on it: a number can be shared (a household's landline, a
// number passed on), and only the requester's own calls go in their pack.
struct RequestCall
{
    enum class Decision
    {
        None,
        Excluded, // not the requester's: left out of the pack and no longer held by the request
        Confirmed, // the requester's, although the name the call records is not the one they gave
    };
    QString callId;
    qint64 startUtc = 0;
    double durationS = 0;
    QString respondentName; // as the call records it
    Decision decision = Decision::None;
    QString reason;
    QString decidedBy;
    qint64 decidedUtc = 0;
    // Its recorded name is someone else's (or, without the requester's name, the number's calls name several people):
    // the handler excludes or confirms it before a pack is built.
    bool doubtful = false;
};

struct SubjectRequest
{
    QString requestId; // "D-" and 8 hex digits
    QString reference;
    QString phoneHint; // "••••123"
    QDate received;
    QString channel; // letter, email, phone, in-person
    QString identityNote;
    bool identityAsked = false;
    QDate identityDate;
    QString status; // received, identity-pending, in-progress, extended, completed, refused
    QDate deadline; // invalid while identity is pending
    QString extensionReason;
    QString outcome;
    QString createdBy;
    qint64 createdUtc = 0;
    qint64 closedUtc = 0;
    QStringList callIds; // the requester's cached calls (held while the request is open): the number's, less excluded
    QString requesterName; // as the requester gave it; empty when not recorded
    QList<RequestCall> numberCalls = {}; // every cached call of the number, oldest first, with the decisions

    bool isOpen() const { return closedUtc == 0; }
    QStringList doubtfulCallIds() const;
};

struct NewSubjectRequest
{
    QString phone; // typed any way
    QDate received;
    QString channel = QStringLiteral("letter");
    QString reference;
    bool identityPending = false; // identity asked for: the month starts when it is confirmed
    QString identityNote;
    QString name = {}; // the requester's name as they gave it: tells their calls from others' on a shared number
};

// Subject access requests (the cache's subject_requests table). A request records how and when it came (a request
// made by phone or in person counts as much as a letter), the identity check, and its deadline (SarDeadline with
// England and Wales bank holidays). While it is open, every call of the requester's number is held (Holds joins open
// requests to calls by the blind index), so retention and erasure notices leave them and an administrator sees the
// request as the reason. Every change is audited by request id, never with the number.
class Requests
{
public:
    explicit Requests(Cache& cache);

    Result<SubjectRequest> create(const NewSubjectRequest& request, const QDate& today = QDate::currentDate());
    Result<SubjectRequest> get(const QString& requestIdOrReference);
    Result<QList<SubjectRequest>> list(bool openOnly);

    // The identity was confirmed on date: for a request waiting for it the month runs from then; for one whose month
    // already runs (identity not asked for when it came) only the confirmation is recorded, the deadline stays.
    Status confirmIdentity(const QString& requestId, const QDate& date, const QString& note);
    // By up to two further months, with a reason, told to the requester within the first month: refused once the
    // first month's deadline has passed.
    Status extend(const QString& requestId, const QString& reason, const QDate& today = QDate::currentDate());
    // Completed (the pack was sent) or refused (with the reason, e.g. manifestly unfounded).
    Status close(const QString& requestId, const QString& outcome, bool refused = false);

    // The requester's name, recorded or corrected (the letter is addressed to it; calls naming someone else wait for
    // the handler's decision).
    Status setRequesterName(const QString& requestId, const QString& name);
    // The handler's decision on one call of the number, with the reason (audited): Excluded takes it out of the
    // request (and its hold), Confirmed includes it although its recorded name differs, None undoes a decision.
    Status decideCall(
        const QString& requestId, const QString& callId, RequestCall::Decision decision, const QString& reason);

    // How many open requests are due within `days` days or overdue (the window's badge). A request waiting for the
    // requester's identity has no deadline yet and is not counted.
    static int dueWithin(const QList<SubjectRequest>& requests, const QDate& today, int days = 7);

    // When the deadline falls in a year the bank-holiday table does not cover (only weekends were counted), the
    // sentence that says so and what to check; otherwise empty.
    static QString deadlineWarning(const SubjectRequest& request);

    static QStringList channels()
    {
        return {
            QStringLiteral("letter"), QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("in-person")};
    }

private:
    // The request, or why not: none such, or closed.
    Result<SubjectRequest> openRequest(const QString& requestIdOrReference);
    Status update(const QString& requestId, const QString& assignments, const QVariantList& values,
        const QString& action, const QString& detail);

    Cache& m_cache;
};

} // namespace Earmark

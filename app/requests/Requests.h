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
    QStringList callIds; // the requester's cached calls (held while the request is open)

    bool isOpen() const { return closedUtc == 0; }
};

struct NewSubjectRequest
{
    QString phone; // typed any way
    QDate received;
    QString channel = QStringLiteral("letter");
    QString reference;
    bool identityPending = false; // identity asked for: the month starts when it is confirmed
    QString identityNote;
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
    Result<QString> idOf(const QString& requestIdOrReference);
    Status update(const QString& requestId, const QString& assignments, const QVariantList& values,
        const QString& action, const QString& detail);

    Cache& m_cache;
};

} // namespace Earmark

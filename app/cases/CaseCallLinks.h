#pragma once

#include "core/Result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace Earmark {

class Cache;
struct CaseRecord;

// Which calls of a respondent's number are a case's (the case_calls and case_call_exclusions tables). A number can
// be shared (a household's landline): a call that names someone other than the case's calls is set aside with the
// reason, and stays out when the number's newer calls are linked, until it is added by hand. Runs inside the
// caller's transaction; every change is audited by call id with the case id as detail.
class CaseCallLinks
{
public:
    explicit CaseCallLinks(Cache& cache);

    static QString sharedNumberReason();

    // Links the calls (one set aside before comes back).
    Status link(qint64 caseRow, const QString& caseId, const QStringList& callIds);
    Status unlink(qint64 caseRow, const QString& callId);
    Status setAside(qint64 caseRow, const QString& caseId, const QString& callId, const QString& reason);

    struct NumberCalls
    {
        QStringList same; // the anchor's person, or nobody named
        QStringList othersNamed; // another person's, by the name the call records
    };
    // The cached calls of the number that are not in `taken`, told apart by the anchor call's respondent name.
    Result<NumberCalls> ofNumber(const QString& e164, const QString& anchorCallId, const QStringList& taken);
    // The number's cached calls that are neither linked to the case nor set aside, oldest first.
    Result<QStringList> unlinkedOfNumber(const QString& caseId);
    // Whether name is someone other than every name in known (false when nobody is named).
    static bool namesSomeoneElse(const QMap<QString, QString>& known, const QString& name);

    // Fills the record's call ids, set-aside calls and the names their calls record.
    Status load(qint64 caseRow, CaseRecord& c);
    Result<QString> respondentName(const QString& callId);

private:
    Cache& m_cache;
};

} // namespace Earmark

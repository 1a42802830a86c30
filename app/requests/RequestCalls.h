#pragma once

#include "core/Result.h"
#include "requests/Requests.h"

namespace Earmark {

class Cache;

// The calls of a subject access request's number and the handler's decisions on them (subject_request_calls). A
// number can be shared: with the requester's name, a call whose recorded name is plainly someone else's is doubtful;
// without it, the named calls are when they name more than one person. No pack is built while one is undecided.
class RequestCalls
{
public:
    explicit RequestCalls(Cache& cache);

    // Reads the requester's name (sealed with the request's key) and the number's calls with their decisions.
    Status fill(SubjectRequest& request, qint64 row, const QByteArray& wrappedKey, const QByteArray& nameSealed);
    // Records the decision on a call of an open request (checked by the caller), audited; an excluded call's waiting
    // erasure notice is applied.
    Status decide(
        const SubjectRequest& request, const QString& callId, RequestCall::Decision decision, const QString& reason);
    // Why a pack cannot be built yet when calls of the number name someone else, with the way out; empty when none.
    static QString doubtfulProblem(const SubjectRequest& request);

private:
    Cache& m_cache;
};

} // namespace Earmark

#pragma once

#include "anonymise/Entities.h"
#include "cache/CallDocuments.h"
#include "core/Result.h"
#include "store/CallRecord.h"
#include "store/Transcript.h"

#include <optional>

namespace Earmark {

class Cache;

// One span on the review screen: where (segment, tokens), what type, and the reviewer's decision.
struct ReviewSpan
{
    enum class Decision
    {
        Pending, // detected, not yet looked at: redacted (the safe default)
        Accepted,
        Rejected,
        Added, // marked by the reviewer
    };
    int segment = 0;
    Anonymise::Span span;
    Decision decision = Decision::Pending;
    bool detected = true;
};

// What the review screen shows: the transcript as it stands, every detected span with the saved decision (while
// the segment is the text that was reviewed), the reviewer's added spans, and who saved the last review when.
struct RedactionReviewState
{
    QString callId;
    Transcript transcript;
    QList<ReviewSpan> spans; // by segment, then token
    std::optional<CallDocument> last; // without content
    QString lastBy; // who saved it, named as everywhere ("Ann Reviewer (ann)")
    int staleSegments = 0; // reviewed segments corrected since: detected afresh
};

// The call's redaction set (issue 5): a reviewer's accepted, rejected and added spans, saved as revisions with who
// and when (CallDocuments "redactions"). Every anonymised output of the call (view, exports, bleeped audio,
// training scenarios) applies the newest set through anonymiseOptions().
class RedactionReviews
{
public:
    explicit RedactionReviews(Cache& cache);

    Result<RedactionReviewState> load(const QString& callId);
    // Saves the decisions as the call's new redaction set; returns its revision. seen is the transcript the
    // reviewer decided on: when a turn was corrected meanwhile, nothing is saved (the spans point at words of the
    // old text).
    Result<int> save(const QString& callId, const Transcript& seen, const QList<ReviewSpan>& spans);
    // The organisation's rule for anonymised exports: when set, a call's anonymised transcript leaves Earmark only
    // after a person has reviewed its redactions, every turn corrected since included; when not, the person
    // exporting may confirm an unreviewed export. Setting it takes the settings' permission, and is audited.
    bool reviewRequired();
    Status setReviewRequired(bool required);

    // The anonymiser's options for a call: its respondent's and agent's names and its newest redaction set.
    Result<Anonymise::Options> anonymiseOptions(const CallRecord& call);

    // Reviewed segments whose text has changed since the review (corrected, or gone): their spans are detected afresh
    // and nobody has looked at them.
    static int staleSegments(const Anonymise::Review& review, const Transcript& transcript);

    static QByteArray toJson(const Anonymise::Review& review);
    static Result<Anonymise::Review> fromJson(const QByteArray& json);

private:
    Cache& m_cache;
};

} // namespace Earmark

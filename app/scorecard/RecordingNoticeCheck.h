#pragma once

#include "store/Transcript.h"

#include <QStringList>
#include <optional>

namespace Earmark::Scorecard {

// Evidence for the recording_notice auto check: where the agent said it and what was heard.
struct NoticeEvidence
{
    double atS = 0; // time of the first matched word (a link that seeks the player there)
    QString heard; // the words of the transcript that matched
    QString phrase; // the approved wording they matched
};

// The approved wordings (configurable per company; these are the defaults).
QStringList defaultNoticePhrases();

// Looks for an approved wording in the agent's speech within the first withinS seconds. Tolerant of transcription
// noise and small wording changes: words compare by their stem, and a phrase matches when at most a quarter of
// its words (at least one) are missing, extra or different. Calls without a transcript get no suggestion (the
// caller does not call this).
std::optional<NoticeEvidence> findRecordingNotice(
    const Transcript& transcript, double withinS, const QStringList& phrases = defaultNoticePhrases());

} // namespace Earmark::Scorecard

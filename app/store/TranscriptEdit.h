#pragma once

#include "core/Result.h"
#include "store/Transcript.h"

namespace Earmark::TranscriptEdit {

// A word as compared across versions of a text: its letters and digits, lower case ("Well," and "well" match).
QString wordKey(const QString& word);

// The segment with its text corrected. Words whose text is unchanged keep their times and confidence (matched in
// order, ignoring case and punctuation); new or changed words share the time between the kept words around them,
// without a confidence. A segment without word times stays without.
TranscriptSegment retext(const TranscriptSegment& segment, const QString& text);

// What an edit of segment `index` changed, for the revision history: never the words themselves.
QString summary(const TranscriptSegment& before, const TranscriptSegment& after, int index);

// Typing mode. A typed transcript is plain text: a line starting with a time in brackets starts a turn,
// "[1:23.4] Respondent: yes that's right"; lines without a time continue the turn above. Speakers are Agent,
// Respondent or Other (or A, R, O). A turn ends where the next starts (the last at the call's end).
QString formatTime(double seconds); // "1:23.4"
QString typedLine(double seconds, const QString& speaker); // "[1:23.4] Respondent: "
// Parses typed text into an earmark.transcript/1 transcript (engine "earmark-typed"). Errors name the line.
Result<Transcript> parseTyped(const QString& text, const QString& callId, double durationS);
// A transcript as typed text (to go on typing where the last save ended).
QString formatTyped(const Transcript& transcript);

} // namespace Earmark::TranscriptEdit

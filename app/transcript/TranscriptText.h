#pragma once

#include "store/Transcript.h"

#include <QByteArray>
#include <QString>

namespace Earmark::TranscriptText {

// A transcript as a person reads it: a heading line, a blank line, then one line per turn,
// "[m:ss.t] Speaker: text". For evidence and subject-access packs.
QByteArray readable(const Transcript& transcript, const QString& heading);

// "m:ss.t" for a time in seconds (tenths rounded).
QString clock(double seconds);

} // namespace Earmark::TranscriptText

#pragma once

#include "anonymise/Anonymiser.h"

#include <QVector>

namespace Earmark::Anonymise {

// Replaces every redacted span of a call's audio, on every channel, with a 1 kHz tone (a bleep) or silence:
// frames from floor(start x rate) to ceil(end x rate). The tone is as loud as the call's speech (bleepLevel), and fades
// in and out over 5 ms so that it does not click. Samples outside the spans are not touched.
void redactAudio(
    QVector<qint16>& interleaved, int channels, int sampleRate, const QList<Redaction>& redactions, bool silence);

// The tone's peak for a call: the RMS of its speech (the median of the 20 ms blocks above -40 dBFS, outside the
// redacted spans, so that the redacted audio gives the same answer) times sqrt 2, which makes the tone's RMS the
// speech's; kept between -30 and -12 dBFS, and -20 dBFS when nothing is spoken.
double bleepLevel(const QVector<qint16>& interleaved, int channels, int sampleRate, const QList<Redaction>& redactions);

// The tone's sample at frame i of a span spanFrames long, at a peak of level (for tests: what a redacted sample must
// be).
qint16 toneSample(qint64 frameInSpan, qint64 spanFrames, int sampleRate, double level);

} // namespace Earmark::Anonymise

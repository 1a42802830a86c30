#pragma once

#include "anonymise/Anonymiser.h"

#include <QVector>

namespace Earmark::Anonymise {

// Replaces every redacted span of a call's audio, on every channel, with a 1 kHz tone (a bleep) or silence:
// frames from floor(start x rate) to ceil(end x rate). Samples outside the spans are not touched.
void redactAudio(
    QVector<qint16>& interleaved, int channels, int sampleRate, const QList<Redaction>& redactions, bool silence);

// The tone's sample at frame i of a span (for tests: what a redacted sample must be).
qint16 toneSample(qint64 frameInSpan, int sampleRate);

} // namespace Earmark::Anonymise

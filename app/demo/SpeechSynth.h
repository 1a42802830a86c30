#pragma once

#include "core/Result.h"

#include <QList>
#include <QString>
#include <QVector>

namespace Earmark::Demo {

struct SpokenWord
{
    QString text;
    double startS = 0;
    double endS = 0;
};

// One synthesised utterance at 8 kHz, mono, with the time of every word (from espeak-ng's word events,
// ends trimmed to where the sound stops).
struct Utterance
{
    QVector<float> samples;
    QList<SpokenWord> words;
    double durationS() const { return samples.size() / 8000.0; }
};

// espeak-ng in synchronous mode. espeak-ng keeps global state: every call is serialised.
namespace SpeechSynth {

constexpr int SampleRate = 8000;

// voice: an espeak-ng voice identifier with an optional variant, e.g. "gmw/en+f3".
Result<Utterance> speak(const QString& text, const QString& voice, int wordsPerMinute);

} // namespace SpeechSynth
} // namespace Earmark::Demo

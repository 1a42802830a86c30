#pragma once

#include "cases/Cases.h"
#include "core/Result.h"

#include <QString>

namespace Earmark {

class Cache;
class Statement;

// Staff-safety flags: a moment of a call marked as threatening or abusive (the safety_flags table). A flag belongs
// to a safety case, which holds the call: the open safety case that has the call, else one of the same respondent,
// else a new one (reference SAFETY-<date>-<random>). Every other case that has the call shows the flag too, so a
// complaint's evidence pack lists it. Audited as safety.flag by call id.
class SafetyFlags
{
public:
    explicit SafetyFlags(Cache& cache);

    // Returns the flag written, with its safety case's id and reference.
    Result<SafetyFlag> flag(const QString& callId, qint64 atMs, const QString& kind, const QString& note);

    // The flags on one call, by moment (for the player's waveform). Empty for a role that may neither flag nor
    // manage cases: the moments are not theirs to see, and nothing is refused or audited for asking.
    Result<QList<SafetyFlag>> ofCall(const QString& callId);

    // The columns a flag is read from (safety_flags f, calls k, its case o) and the row read back: one reading for the
    // case page and the waveform.
    static const QString Columns;
    static SafetyFlag read(Statement& row);

    static bool isKind(const QString& kind)
    {
        return kind == QLatin1String("threatening") || kind == QLatin1String("abusive");
    }

private:
    Result<QString> safetyCaseFor(const QString& callId, const QString& phoneE164);

    Cache& m_cache;
};

} // namespace Earmark

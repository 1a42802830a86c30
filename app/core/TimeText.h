#pragma once

#include <QString>

namespace Earmark {

// A moment or a length of a call as people read it: "1:07" (minutes and whole seconds).
QString clockText(double seconds);
// A call's length as every view shows it, whole seconds cut as the player's clock cuts them (72.6 s is "1:12", as
// the player's "1:12.6"): "1:12", "1:02:05" from an hour.
QString durationText(double seconds);

// A moment as RFC 3339 UTC with a Z, the store's own form: "2026-03-14T10:21:07Z".
QString utcText(qint64 secondsSinceEpoch);

} // namespace Earmark

#pragma once

#include <QString>

namespace Earmark {

// A moment or a length of a call as people read it: "1:07" (minutes and whole seconds).
QString clockText(double seconds);

// A moment as RFC 3339 UTC with a Z, the store's own form: "2026-03-14T10:21:07Z".
QString utcText(qint64 secondsSinceEpoch);

} // namespace Earmark

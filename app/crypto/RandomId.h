#pragma once

#include <QString>

namespace Earmark {

// An opaque id: prefix and random bytes as lower-case hex ("H-1a2b3c4d"): holds, cases, requests, key ids.
QString randomId(const QString& prefix, int bytes = 4);

} // namespace Earmark

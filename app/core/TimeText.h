#pragma once

#include <QString>

namespace Earmark {

// A moment or a length of a call as people read it: "1:07" (minutes and whole seconds).
QString clockText(double seconds);

} // namespace Earmark

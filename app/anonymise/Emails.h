#pragma once

#include "anonymise/Entities.h"
#include "anonymise/SpokenText.h"

namespace Earmark::Anonymise {

// E-mail addresses in one segment's tokens, written ("a.b@example.co.uk") or spoken ("j o h n dot smith at gmail
// dot com", "rosie baker at hotmail dot co dot uk", a domain heard as words before a known ending).
QList<Span> emailSpans(const QList<Token>& tokens);

} // namespace Earmark::Anonymise

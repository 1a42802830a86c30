#pragma once

#include "anonymise/Entities.h"
#include "anonymise/Question.h"
#include "anonymise/SpokenText.h"

namespace Earmark::Anonymise {

// The personal data in a reply to a question that asked for it, found by the reply's structure rather than by its
// wording: digits said in groups, through fillers ("um", "er") and corrections ("six one seven... sorry, six one
// eight") are the number asked for, however many; any date said after "Date of birth?" is the date of birth ("the
// eleventh, the sixth, fifty-nine"); the capitalised words answering "Who am I speaking to?" are a name, spelled or
// not; the words answering "And the address?" up to the first ordinary word are the address ("Bryn Teg,
// Llanfihangel Rhydithon"). The recognisers that need no question run as well; the longer find wins.
QList<Span> replySpans(const QList<Token>& tokens, const QList<Symbol>& symbols, const Asked& asked);

// A name found once is a name wherever else the segment says it ("Grace. Grace Adjei."), and a capitalised word
// joined to it belongs to it ("Gwenllian Morgan" when "Morgan" was found).
QList<Span> sameNamesAgain(const QList<Token>& tokens, const QList<Span>& spans);

// A word spelled out letter by letter: "A-D-J-E-I", "w-i-s-n-i-e-w-s-k-i" (three letters or more; dotted capitals
// such as "B.B.C" are abbreviations).
bool isSpelledWord(const QString& text);

} // namespace Earmark::Anonymise

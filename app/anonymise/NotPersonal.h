#pragma once

#include "anonymise/Entities.h"
#include "anonymise/SpokenText.h"

#include <QList>
#include <QPair>

namespace Earmark::Anonymise {

// Where a segment names a well-known thing as what it is, though its name looks like a person's: a shop, a brand, a
// club, a programme, a breed or a public figure ("John Lewis", "Aston Villa", "Jack Russell", resources'
// not-people.txt), and a name said as a film's or a show's ("that Will Smith film", "the Gordon Ramsay one").
// First and last token of each; a name found inside one is nobody's personal data, unless the speaker says it is
// theirs or asks for someone by it (a title or "my name's" just before it).
QList<QPair<int, int>> notPeopleRanges(const QList<Token>& tokens);

// Takes out of out what looks personal but is not: a person's name inside a notPeopleRanges range (unless a title,
// "my name's", a relation or a question for a name says it is a person), the company's own line or inbox given by
// its agent ("ring our helpline on ...", "email us at ..."), and a number named as a reference of the company's
// ("my order number is ...", "the tracking number").
void dropNotPersonal(const QList<Token>& tokens, bool agentSpeaking, bool askedForName, QList<Span>* out);

} // namespace Earmark::Anonymise

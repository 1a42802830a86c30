#pragma once

#include "anonymise/Entities.h"
#include "anonymise/SpokenText.h"

namespace Earmark::Anonymise {

// Names found by what is said around them, whatever the name (no list needed): a person spoken of next
// ("Send it to Dawn, she does all that"), a message for someone ("tell Siobhán I rang"), a full name after "I'm",
// "this is", "she's", "me and", "with" ("I'm Shahana Begum"), a title with initials ("Mr R. Islam", "MR J W
// HIGGINS"), a name called out on its own ("Marcia!"), and a listed name's possessive mid-sentence ("Joy's kids").
QList<Span> cuedNames(const QList<Token>& tokens);

} // namespace Earmark::Anonymise

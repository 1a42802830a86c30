#pragma once

#include <QString>

namespace Earmark::PersonName {

enum class Match
{
    Same, // the two could name one person ("Mrs J. Okafor", "Janet Okafor")
    Different, // they name different people ("Janet Okafor", "Tom Reid")
    Unknown, // one of them is empty: nothing to compare
};

// The name as compared: lower case, titles (Mr, Mrs, Dr, ...) and punctuation dropped, spaces collapsed.
QString normalised(const QString& name);

// Whether two names as people give them could be one person's: the same surname and first names that agree or
// where one is an initial of the other (or missing, "Mrs Okafor"). For telling apart the people who share a phone
// number: a wrong "Different" costs a click (the handler confirms the call), a wrong "Same" would send one person's
// call to another, so only names that plainly agree are the same.
Match compare(const QString& a, const QString& b);

} // namespace Earmark::PersonName

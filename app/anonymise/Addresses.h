#pragma once

#include "anonymise/Entities.h"
#include "anonymise/SpokenText.h"

namespace Earmark::Anonymise {

// Addresses said in passing, by their structure: a house number and a street ("14 Harbour Road", "fifty-three
// Mafeking Street"), a one-word street before a town ("4 Kingsmead, Nailsea") or after "at" ("at 9 Ashgrove"),
// with what comes before it (a flat "Flat 3,", "2/1,", "two stroke one,", a house name "Clarence House,", "top floor
// left,") and the town after it ("Hebden Bridge", "in Hartlepool", "Isle of Skye").
QList<Span> addressSpans(const QList<Token>& tokens);

bool isHouseNumber(const Token& t); // "14", "14a", "fourteen", "fifty-three"
bool isStreetSuffix(const QString& lower); // "road", "close", "mews" ...
// A capitalised word that may name a place ("Llanelli", "t-Sìthein" after its Gaelic prefix).
bool isPlaceName(const Token& t);
// Words that end the name of a place or an organisation rather than a person's: "Street", "Central", "Station".
bool isPlaceWord(const QString& lower);

// Where an address that ends at `end` ends with the town said after it (a run of capitalised words, connectors
// and commas, up to the end of the sentence).
int withTown(const QList<Token>& t, int end);
// Where an address that starts at `start` starts with the flat or house name said before it.
int withFlat(const QList<Token>& t, int start);

} // namespace Earmark::Anonymise

#pragma once

#include <QString>

namespace Earmark::Anonymise {

// What the other party has just asked for (shared/spec/anonymisation.md: "the question the other party just asked"):
// a reply to "And your date of birth?" is a date of birth however it is said ("the eleventh, the sixth, fifty-nine"),
// a reply to "Sort code, please." is a sort code. A question may ask for several things ("name and date of birth").
struct Asked
{
    bool name = false;
    bool address = false;
    bool town = false; // the town alone ("and the town?", "which city is that?"), after the street
    bool postcode = false;
    bool dateOfBirth = false;
    bool phone = false;
    bool email = false;
    bool sortCode = false;
    bool account = false;
    bool card = false;
    bool nino = false;
    bool nhs = false;

    bool any() const
    {
        return name || address || town || postcode || dateOfBirth || phone || email || sortCode || account || card
            || nino || nhs;
    }
    bool digits() const { return phone || sortCode || account || card || nhs; }
};

// What a question asks for, from its words (lower or mixed case). A question about something else (a score, a
// time, a price) asks for nothing.
Asked askedFor(const QString& question);

} // namespace Earmark::Anonymise

#pragma once

#include "core/Result.h"

#include <QString>

namespace Earmark::Phone {

// True for a strict E.164 string: '+', country code, at most 15 digits in all.
bool isE164(const QString& text);

// Normalises a number typed any way ("07700 900123", "+44 7700 900123", "0044-7700-900123") to E.164.
// National numbers are read in defaultRegion (ISO 3166 code, "GB" by default).
Result<QString> normalise(const QString& typed, const QString& defaultRegion = QStringLiteral("GB"));

// Whether a run of digits (with an optional leading '+') is a whole phone number someone could have given: a UK
// number (0 and 9-10 digits, or +44/0044 and 9-10 digits, in the numbering plan's ranges, the drama ranges
// included) or a valid international number. For finding numbers in text, not for validating input.
bool isPhoneNumberDigits(const QString& digits);

// Masks all but the last three digits: "+447700900123" -> "••••123".
QString masked(const QString& e164);

} // namespace Earmark::Phone

#pragma once

#include <QString>

namespace Earmark::Anonymise {

// The checksums and formats that tell personal numbers from other numbers.
bool luhnValid(const QString& digits); // card numbers
bool nhsNumberValid(const QString& digits); // 10 digits, modulus 11
bool ninoValid(const QString& code); // "QQ123456C" form (no spaces), valid prefixes only
bool postcodeValid(const QString& code); // "SW1A1AA" or "SW1A 1AA", the UK format
bool isCardNumber(const QString& digits); // 13-19 digits, Luhn, an issuer's leading digit

} // namespace Earmark::Anonymise

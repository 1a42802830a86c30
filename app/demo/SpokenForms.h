#pragma once

#include <QString>

namespace Earmark::Demo {

class DemoRandom;

// How people read personal data aloud on the phone, for the demo calls (and the anonymiser's tests to come).
namespace SpokenForms {

// "07700 900123" -> "oh seven seven double oh, nine oh oh, one two three" (digit by digit, with doubles/triples).
QString phoneDigits(const QString& national, DemoRandom& rng);
// "LS1 4AP" -> "L S one, four A P"
QString postcode(const QString& postcode);
// "jane.smith@example.com" -> "jane dot smith at example dot com"
QString email(const QString& address);
QString digitWord(QChar digit, bool ohForZero);

} // namespace SpokenForms
} // namespace Earmark::Demo

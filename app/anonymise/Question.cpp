#include "anonymise/Question.h"

#include <QRegularExpression>

namespace Earmark::Anonymise {

namespace {
QRegularExpression pattern(const char* p)
{
    return QRegularExpression(QLatin1String(p), QRegularExpression::CaseInsensitiveOption);
}
} // namespace

Asked askedFor(const QString& question)
{
    Asked a;
    // Most turns ask for none of these: a look for the words every pattern needs comes first.
    static const QRegularExpression anyOf(
        QStringLiteral("\\b(name|who|spell|address|live|based|house|first line|engineer"
                       "|flat|street|road|propert|post|birth|dob|d\\.o|born|number|"
                       "mobile|ring|reach|call|sort|bank|account|compensation|refund|"
                       "card|digits|amex|american|visa|mastercard|insurance|\\bni\\b|"
                       "nhs|e-?mail|forename|surname|you are|town|city|village|that's in)"),
        QRegularExpression::CaseInsensitiveOption);
    if (question.isEmpty() || !anyOf.match(question).hasMatch()) {
        return a;
    }
    // Names: the person's own, the account holder's, a third party's ("the engineer's name", "who lives there");
    // not the asker's own ("hello my name's Sunny, I'm calling from ...").
    static const QRegularExpression nameRe = pattern(
        R"((?<!\bmy )\bname\b|\bnames\b|who (am )?i('m| am)? (speaking|talking) (to|with)|who('s| is) (calling|speaking|this))"
        R"(|\bsurname\b|\bforename|account holder|\bspell (that|it|your|the name|the surname)|anyone else (living|at))"
        R"(|who (lives|else lives|helped|handled|dealt|was it|did you speak)|who should i ask for|and you are\b)"
        R"(|address (letters|you)|\bwhoever\b|(am i|i'm|i am) (speaking|talking) to\b|who('s| is) the\b|\bwho (should|shall) (we|i)\b)"
        R"(|\bspell that)");
    a.name = nameRe.match(question).hasMatch();
    static const QRegularExpression emailRe = pattern(R"(\be-?mail)");
    a.email = emailRe.match(question).hasMatch();
    static const QRegularExpression addressRe
        = pattern(R"((?<!e-mail )(?<!email )\baddress\b(?! (letters|you))|where (do|did) you live|where is it you live)"
                  R"(|where are you based|house number|first line|where should (the engineer|we|they) (go|send|come))"
                  R"(|a house or a flat|which (street|road|property))");
    a.address = addressRe.match(question).hasMatch();
    static const QRegularExpression townRe
        = pattern(R"(\b(what|which) (town|city|village)\b|\band the (town|city|village)\b)"
                  R"(|\b(town|city|village)\s*[?.]?\s*$|\band that's in\s*[?.]?\s*$)");
    a.town = townRe.match(question).hasMatch();
    static const QRegularExpression postcodeRe = pattern(R"(\bpost ?code)");
    a.postcode = postcodeRe.match(question).hasMatch();
    static const QRegularExpression dateOfBirthRe = pattern(R"(dates? of birth|\bd\.?o\.?b\b|\bborn\b|birthday)");
    a.dateOfBirth = dateOfBirthRe.match(question).hasMatch();
    static const QRegularExpression phoneRe = pattern(
        R"(\b(phone|mobile|landline|telephone|contact|daytime|evening|home|work|best|callback|call back) number)"
        R"(|number (to|we can|i can|for) (call|reach|ring|contact|get hold)|\byour mobile\s*[?.,]|ring you on|reach you on)"
        R"(|call you (back )?on|^\s*(and )?(your |the |a )?(contact )?number(,)?( please)?\s*[?.]?\s*$)");
    a.phone = phoneRe.match(question).hasMatch();
    static const QRegularExpression sortCodeRe
        = pattern(R"(\bsort ?code|bank details|compensation paid|refund (go|paid|be paid|to))");
    a.sortCode = sortCodeRe.match(question).hasMatch();
    static const QRegularExpression accountRe = pattern(
        R"(\baccount (number|no)\b|^\s*(and )?(the |your )?account\s*[?.,]?\s*$|\bthe account\b\s*$|bank details|which account|compensation paid)"
        R"(|refund (go|paid|be paid|to))");
    a.account = accountRe.match(question).hasMatch();
    static const QRegularExpression cardRe = pattern(
        R"(\bcard number|\bthe card\b|long number|digits on the (front|card)|american express|\bamex\b|\bvisa\b)"
        R"(|mastercard|which card|card (details|you('d| would) like))");
    a.card = cardRe.match(question).hasMatch();
    static const QRegularExpression ninoRe = pattern(R"(national insurance|\bni number|\bni\b)");
    a.nino = ninoRe.match(question).hasMatch();
    static const QRegularExpression nhsRe = pattern(R"(\bnhs\b)");
    a.nhs = nhsRe.match(question).hasMatch();
    return a;
}

} // namespace Earmark::Anonymise

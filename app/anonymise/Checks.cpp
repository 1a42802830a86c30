#include "anonymise/Checks.h"

#include <QRegularExpression>

namespace Earmark::Anonymise {

bool luhnValid(const QString& digits)
{
    if (digits.size() < 2) {
        return false;
    }
    int sum = 0;
    bool twice = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        if (!digits[i].isDigit()) {
            return false;
        }
        int d = digits[i].digitValue();
        if (twice) {
            d *= 2;
            if (d > 9) {
                d -= 9;
            }
        }
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

bool isCardNumber(const QString& digits)
{
    static const QRegularExpression re(QStringLiteral("\\A[2-6][0-9]{12,18}\\z"));
    return re.match(digits).hasMatch() && luhnValid(digits);
}

bool nhsNumberValid(const QString& digits)
{
    static const QRegularExpression re(QStringLiteral("\\A[0-9]{10}\\z"));
    if (!re.match(digits).hasMatch()) {
        return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
        sum += digits[i].digitValue() * (10 - i);
    }
    const int check = 11 - sum % 11;
    if (check == 10) {
        return false; // no valid number has this check digit
    }
    return (check == 11 ? 0 : check) == digits[9].digitValue();
}

bool ninoValid(const QString& code)
{
    // HMRC: first letter not D, F, I, Q, U or V; second not D, F, I, O, Q, U or V; these pairs never issued.
    static const QRegularExpression re(
        QStringLiteral("^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]$"));
    return re.match(code).hasMatch();
}

bool postcodeValid(const QString& code)
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|"
        "[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$"));
    return re.match(code).hasMatch();
}

} // namespace Earmark::Anonymise

#include "core/Phone.h"

#include <QRegularExpression>
#include <mutex>
#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

namespace Earmark::Phone {

namespace pn = i18n::phonenumbers;

namespace {
pn::PhoneNumberUtil* util()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // libphonenumber logs parse failures to stderr by default; we report errors ourselves.
        pn::PhoneNumberUtil::GetInstance()->SetLogger(new pn::NullLogger());
    });
    return pn::PhoneNumberUtil::GetInstance();
}
} // namespace

bool isE164(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("\\A\\+[1-9][0-9]{1,14}\\z"));
    return re.match(text).hasMatch();
}

Result<QString> normalise(const QString& typed, const QString& defaultRegion)
{
    const QString trimmed = typed.trimmed();
    if (trimmed.isEmpty()) {
        return makeError(QStringLiteral("No phone number given: type a number such as 07700 900123."));
    }
    pn::PhoneNumber number;
    const auto rc = util()->Parse(trimmed.toStdString(), defaultRegion.toStdString(), &number);
    if (rc != pn::PhoneNumberUtil::NO_PARSING_ERROR || !util()->IsPossibleNumber(number)) {
        return makeError(
            QStringLiteral("\"%1\" is not a phone number: type it as 07700 900123 or +44 7700 900123.").arg(trimmed));
    }
    std::string nsn;
    util()->GetNationalSignificantNumber(number, &nsn);
    if (number.country_code() == 44 && nsn.size() < 9 && !util()->IsValidNumber(number)) {
        // Possible by length in a few old exchanges, but no number a call was made to: a part typed ("12345").
        return makeError(QStringLiteral("\"%1\" is too short for a UK phone number, which has 10 or 11 digits with its "
                                        "0: type it whole, e.g. 07700 900123.")
                             .arg(trimmed));
    }
    std::string out;
    util()->Format(number, pn::PhoneNumberUtil::E164, &out);
    return QString::fromStdString(out);
}

bool isPhoneNumberDigits(const QString& digits)
{
    static const QRegularExpression uk(QStringLiteral("\\A(?:0|(?:\\+44|0044)0?)([1-3578][0-9]{8,9})\\z"));
    if (const auto m = uk.match(digits); m.hasMatch()) {
        // The national significant number: 10 digits for mobiles and most geographic numbers, 9 for a few areas.
        pn::PhoneNumber number;
        if (util()->Parse("0" + m.captured(1).toStdString(), "GB", &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR) {
            return false;
        }
        const QString nsn = m.captured(1);
        const bool mobile = nsn.startsWith(QLatin1Char('7'));
        return util()->IsValidNumber(number) || (mobile ? nsn.size() == 10 : util()->IsPossibleNumber(number));
    }
    if (!digits.startsWith(QLatin1Char('+')) && !digits.startsWith(QLatin1String("00"))) {
        return false;
    }
    pn::PhoneNumber number;
    const QString international
        = digits.startsWith(QLatin1String("00")) ? QString(QLatin1Char('+') + digits.mid(2)) : digits;
    if (util()->Parse(international.toStdString(), "ZZ", &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR) {
        return false;
    }
    return util()->IsValidNumber(number);
}

QString masked(const QString& e164)
{
    if (e164.size() <= 3) {
        return QString(e164.size(), QLatin1Char('*'));
    }
    // Short enough to read in a list: the last three digits only.
    return QString(4, QChar(0x2022)) + e164.right(3);
}

} // namespace Earmark::Phone

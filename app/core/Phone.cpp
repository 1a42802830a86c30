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
    static const QRegularExpression re(QStringLiteral("^\\+[1-9][0-9]{1,14}$"));
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
    std::string out;
    util()->Format(number, pn::PhoneNumberUtil::E164, &out);
    return QString::fromStdString(out);
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

#include "demo/DemoCast.h"

namespace Earmark::Demo::DemoCast {

const QList<DemoAgent>& agents()
{
    static const QList<DemoAgent> list = {
        {QStringLiteral("TR101"), QStringLiteral("Priya Shah"), QStringLiteral("gmw/en+f2")},
        {QStringLiteral("TR102"), QStringLiteral("Tom Wilkins"), QStringLiteral("gmw/en+m3")},
        {QStringLiteral("TR103"), QStringLiteral("Grace Okafor"), QStringLiteral("gmw/en-GB-x-rp+f4")},
        {QStringLiteral("TR104"), QStringLiteral("Daniel Hughes"), QStringLiteral("gmw/en-GB-x-rp+m1")},
        {QStringLiteral("TR105"), QStringLiteral("Megan Price"), QStringLiteral("gmw/en+f1")},
        {QStringLiteral("TR106"), QStringLiteral("Liam Doherty"), QStringLiteral("gmw/en+m7")},
    };
    return list;
}

const QList<DemoClient>& clients()
{
    static const QList<DemoClient> list = {
        {QStringLiteral("Northwind Rail"), QStringLiteral("NWR-CSAT-26"), QStringLiteral("your recent train journey"),
            QStringLiteral("the punctuality of your train"), QStringLiteral("amazon-connect")},
        {QStringLiteral("Harbour Energy"), QStringLiteral("HEN-BILL-26"), QStringLiteral("your energy bills"),
            QStringLiteral("the clarity of your last bill"), QStringLiteral("genesys")},
        {QStringLiteral("Ashford Borough Council"), QStringLiteral("ABC-RES-26"),
            QStringLiteral("services in your area"), QStringLiteral("the bin collection service"),
            QStringLiteral("asterisk")},
        {QStringLiteral("Meridian Health Trust"), QStringLiteral("MHT-PX-26"),
            QStringLiteral("your recent hospital appointment"), QStringLiteral("the booking of your appointment"),
            QStringLiteral("genesys")},
    };
    return list;
}

const QStringList& firstNames()
{
    static const QStringList list = {
        QStringLiteral("Alice"),
        QStringLiteral("Brian"),
        QStringLiteral("Chloe"),
        QStringLiteral("David"),
        QStringLiteral("Eleanor"),
        QStringLiteral("Frank"),
        QStringLiteral("Hannah"),
        QStringLiteral("Ian"),
        QStringLiteral("Joanna"),
        QStringLiteral("Kevin"),
        QStringLiteral("Laura"),
        QStringLiteral("Martin"),
        QStringLiteral("Nadia"),
        QStringLiteral("Oliver"),
        QStringLiteral("Patricia"),
        QStringLiteral("Rajesh"),
        QStringLiteral("Sophie"),
        QStringLiteral("Trevor"),
        QStringLiteral("Uma"),
        QStringLiteral("Victor"),
        QStringLiteral("Wendy"),
        QStringLiteral("Yusuf"),
        QStringLiteral("Zoe"),
        QStringLiteral("Gareth"),
    };
    return list;
}

const QStringList& lastNames()
{
    static const QStringList list = {
        QStringLiteral("Ashworth"),
        QStringLiteral("Bramley"),
        QStringLiteral("Castell"),
        QStringLiteral("Dunmore"),
        QStringLiteral("Elwood"),
        QStringLiteral("Fairbank"),
        QStringLiteral("Gresham"),
        QStringLiteral("Hollins"),
        QStringLiteral("Ingram"),
        QStringLiteral("Jessop"),
        QStringLiteral("Kershaw"),
        QStringLiteral("Lomax"),
        QStringLiteral("Marlow"),
        QStringLiteral("Northcott"),
        QStringLiteral("Ormerod"),
        QStringLiteral("Pendle"),
        QStringLiteral("Quayle"),
        QStringLiteral("Rowntree"),
        QStringLiteral("Sefton"),
        QStringLiteral("Thackeray"),
    };
    return list;
}

const QStringList& respondentVoices()
{
    static const QStringList list = {
        QStringLiteral("gmw/en-GB-scotland+m2"),
        QStringLiteral("gmw/en-GB-x-gbclan+f3"),
        QStringLiteral("gmw/en-GB-x-gbcwmd+m4"),
        QStringLiteral("gmw/en-US+f5"),
        QStringLiteral("gmw/en-029+m6"),
        QStringLiteral("gmw/en-GB-x-rp+m5"),
        QStringLiteral("gmw/en+f4"),
        QStringLiteral("gmw/en-GB-scotland+f2"),
    };
    return list;
}

const QStringList& postcodes()
{
    static const QStringList list = {QStringLiteral("LS1 4AP"), QStringLiteral("M60 2LA"), QStringLiteral("B33 8TH"),
        QStringLiteral("CR2 6XH"), QStringLiteral("DN55 1PT"), QStringLiteral("TN23 1PL"), QStringLiteral("EH1 2NG"),
        QStringLiteral("CF10 3AT")};
    return list;
}

const QStringList& emailDomains()
{
    static const QStringList list
        = {QStringLiteral("example.com"), QStringLiteral("example.org"), QStringLiteral("example.net")};
    return list;
}

} // namespace Earmark::Demo::DemoCast

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Earmark::Demo {

struct DemoAgent
{
    QString id;
    QString name;
    QString voice;
};

struct DemoClient
{
    QString name;
    QString campaign;
    QString topic; // "your recent train journey"
    QString thing; // "the punctuality of your train"
    QString platform;
};

// The fictional people and organisations of the demo store. Phone numbers come from Ofcom's drama ranges
// (07700 900xxx, 01632 960xxx), e-mail addresses from example domains: nothing here is anyone's real data.
namespace DemoCast {
const QList<DemoAgent>& agents();
const QList<DemoClient>& clients();
const QStringList& firstNames();
const QStringList& lastNames();
const QStringList& respondentVoices();
const QStringList& postcodes();
const QStringList& emailDomains();
} // namespace DemoCast

} // namespace Earmark::Demo

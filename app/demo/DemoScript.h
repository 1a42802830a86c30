#pragma once

#include "demo/DemoCast.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Earmark::Demo {

enum class Speaker
{
    Agent,
    Respondent,
};

struct Turn
{
    Speaker who;
    QString text;
};

// Everything about one demo call before it is spoken: who, when, what is said, how it is recorded.
struct CallPlan
{
    QString callId;
    qint64 startUtc = 0;
    DemoAgent agent;
    DemoClient client;
    QString respondentName;
    QString phoneE164; // "" when withheld
    QString respondentVoice;
    QString disposition;
    bool recordingNotice = true;
    std::optional<bool> consentFlag;
    bool hasTranscript = true;
    QString codec; // pcm_s16le, mulaw, alaw, gsm610, mp3, opus, flac
    bool stereo = true;
    bool agentOnLeft = true;
    QStringList tags;
    QList<Turn> turns;
    // Personal values spoken in the call (national phone, postcode, e-mail), for leak and anonymiser tests.
    QStringList spokenPersonal;
};

// The demo calls' fixed last day, so that the same seed gives the same bytes whenever it runs.
constexpr int DemoEndYear = 2026;
constexpr int DemoEndMonth = 11;
constexpr int DemoEndDay = 20;

// Plans call number index (0-based) of a store of the given seed spread over days days.
CallPlan planCall(int index, quint64 seed, int days);

} // namespace Earmark::Demo

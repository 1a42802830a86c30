#include "demo/DemoScript.h"

#include "demo/DemoRandom.h"
#include "demo/SpokenForms.h"

#include <QDateTime>
#include <QTimeZone>

namespace Earmark::Demo {

namespace {
const QStringList Codecs = {QStringLiteral("pcm_s16le"), QStringLiteral("mulaw"), QStringLiteral("alaw"),
    QStringLiteral("gsm610"), QStringLiteral("mp3"), QStringLiteral("opus"), QStringLiteral("flac")};

QString firstWord(const QString& name)
{
    return name.section(QLatin1Char(' '), 0, 0);
}

void add(CallPlan& p, Speaker who, const QString& text)
{
    p.turns << Turn {who, text};
}

void opening(CallPlan& p, DemoRandom& rng)
{
    const QString first = firstWord(p.respondentName);
    add(p, Speaker::Agent,
        rng.chance(0.5) ? QStringLiteral("Good afternoon, could I speak to %1 please?").arg(p.respondentName)
                        : QStringLiteral("Hello, is that %1?").arg(p.respondentName));
    add(p, Speaker::Respondent,
        rng.pick(QStringList {
            QStringLiteral("Speaking."), QStringLiteral("Yes, that's me."), QStringLiteral("Yes, who's calling?")}));
    add(p, Speaker::Agent,
        QStringLiteral("Hello %1, my name is %2 and I'm calling from Fieldline Research on behalf of "
                       "%3. We're doing a short survey about %4. It takes about five minutes.")
            .arg(first, firstWord(p.agent.name), p.client.name, p.client.topic));
}

void recordingNotice(CallPlan& p, DemoRandom& rng)
{
    add(p, Speaker::Agent,
        rng.pick(QStringList {QStringLiteral("Before we start, this call is recorded for quality and training "
                                             "purposes. Is that okay with you?"),
            QStringLiteral("Just to let you know, this call is being recorded for quality and "
                           "training purposes. Are you happy to continue?"),
            QStringLiteral("I must tell you that calls are recorded for training and quality "
                           "purposes. Is that all right?")}));
    add(p, Speaker::Respondent,
        rng.pick(QStringList {QStringLiteral("Yes, that's fine."), QStringLiteral("Okay, go ahead."),
            QStringLiteral("Sure, no problem.")}));
}

void questions(CallPlan& p, DemoRandom& rng)
{
    static const QStringList scores = {QStringLiteral("four"), QStringLiteral("six"), QStringLiteral("seven"),
        QStringLiteral("eight"), QStringLiteral("nine"), QStringLiteral("ten")};
    add(p, Speaker::Agent,
        QStringLiteral("Question one. On a scale of one to ten, where ten is very satisfied, how "
                       "satisfied were you with %1?")
            .arg(p.client.thing));
    add(p, Speaker::Respondent,
        rng.chance(0.5) ? QStringLiteral("I'd say %1.").arg(rng.pick(scores))
                        : QStringLiteral("Um, %1 out of ten.").arg(rng.pick(scores)));
    add(p, Speaker::Agent,
        QStringLiteral("Question two. How many times have you used %1 in the last three months?").arg(p.client.name));
    add(p, Speaker::Respondent,
        rng.pick(QStringList {QStringLiteral("About three times."), QStringLiteral("Just once."),
            QStringLiteral("Maybe twelve times, I use it every week.")}));
    add(p, Speaker::Agent,
        QStringLiteral("And question three. Would you recommend %1 to a friend? Yes, no, or not sure?")
            .arg(p.client.name));
    add(p, Speaker::Respondent,
        rng.pick(QStringList {
            QStringLiteral("Probably yes."), QStringLiteral("Not sure really."), QStringLiteral("No, I wouldn't.")}));
}

void personalData(CallPlan& p, DemoRandom& rng)
{
    if (!p.phoneE164.isEmpty() && rng.chance(0.5)) {
        // +447700900123 -> "07700 900123", +441632960123 -> "01632 960123"
        const QString national = QStringLiteral("0") + p.phoneE164.mid(3, 4) + QLatin1Char(' ') + p.phoneE164.mid(7);
        add(p, Speaker::Agent, QStringLiteral("What's the best number to reach you on for the follow-up survey?"));
        add(p, Speaker::Respondent, QStringLiteral("It's %1.").arg(SpokenForms::phoneDigits(national, rng)));
        p.spokenPersonal << national;
    }
    if (rng.chance(0.4)) {
        const QString postcode = rng.pick(DemoCast::postcodes());
        add(p, Speaker::Agent, QStringLiteral("And could I take your postcode, please?"));
        add(p, Speaker::Respondent, QStringLiteral("Yes, it's %1.").arg(SpokenForms::postcode(postcode)));
        p.spokenPersonal << postcode;
    }
    if (rng.chance(0.35)) {
        const QString email = p.respondentName.toLower().replace(QLatin1Char(' '), QLatin1Char('.')) + QLatin1Char('@')
            + rng.pick(DemoCast::emailDomains());
        add(p, Speaker::Agent, QStringLiteral("Can I take an email address for the prize draw?"));
        add(p, Speaker::Respondent, QStringLiteral("Yes, it's %1.").arg(SpokenForms::email(email)));
        p.spokenPersonal << email;
    }
}

void complaint(CallPlan& p)
{
    add(p, Speaker::Respondent,
        QStringLiteral("To be honest I'm not happy. You people keep ringing me at dinner time and "
                       "I want to make a complaint about it."));
    add(p, Speaker::Agent,
        QStringLiteral("I'm really sorry to hear that. I'll log a complaint now and make sure you "
                       "are not called at that time again."));
    add(p, Speaker::Respondent, QStringLiteral("Well, see that you do."));
}

void abuse(CallPlan& p)
{
    add(p, Speaker::Respondent,
        QStringLiteral("Stop ringing me, you useless idiot. If you call again I'll come down "
                       "there and sort you out myself."));
    add(p, Speaker::Agent,
        QStringLiteral("I understand you're upset, but I won't accept threats. I'm going to end the "
                       "call now. Goodbye."));
}

void closing(CallPlan& p)
{
    add(p, Speaker::Agent,
        QStringLiteral("That's all my questions. Thank you very much for your time, %1. Have a good day.")
            .arg(firstWord(p.respondentName)));
    add(p, Speaker::Respondent, QStringLiteral("Thanks, bye."));
}
} // namespace

CallPlan planCall(int index, quint64 seed, int days)
{
    DemoRandom rng(seed * 1000003ull + static_cast<quint64>(index));
    CallPlan p;
    p.agent = rng.pick(DemoCast::agents());
    p.client = rng.pick(DemoCast::clients());
    p.respondentName = rng.pick(DemoCast::firstNames()) + QLatin1Char(' ') + rng.pick(DemoCast::lastNames());
    p.respondentVoice = rng.pick(DemoCast::respondentVoices());
    p.phoneE164 = rng.chance(0.06) ? QString()
        : rng.chance(0.7)          ? QStringLiteral("+447700900%1").arg(rng.bounded(1000), 3, 10, QLatin1Char('0'))
                                   : QStringLiteral("+441632960%1").arg(rng.bounded(1000), 3, 10, QLatin1Char('0'));
    // The first calls cover every codec; the rest are a realistic mix.
    p.codec = index < Codecs.size() ? Codecs.at(index) : rng.pick(Codecs);
    p.stereo = p.codec != QLatin1String("gsm610") && !rng.chance(0.1);
    p.agentOnLeft = rng.chance(0.5);

    const QDate end(DemoEndYear, DemoEndMonth, DemoEndDay);
    const QDate day = end.addDays(-rng.bounded(std::max(1, days)));
    const QTime time(rng.between(9, 19), rng.bounded(60), rng.bounded(60));
    p.startUtc = QDateTime(day, time, QTimeZone::utc()).toSecsSinceEpoch();
    p.callId = QStringLiteral("C-%1-%2")
                   .arg(day.toString(QStringLiteral("yyyyMMdd")))
                   .arg(index + 1, 6, 10, QLatin1Char('0'));

    const bool abusive = index % 29 == 7 || rng.chance(0.03);
    const bool complains = !abusive && (index % 13 == 3 || rng.chance(0.06));
    const bool refuses = !abusive && !complains && rng.chance(0.12);
    p.recordingNotice = !(index % 11 == 5 || rng.chance(0.06));
    p.consentFlag = p.recordingNotice ? std::optional<bool>(true) : std::optional<bool>(false);
    if (rng.chance(0.15)) {
        p.consentFlag.reset(); // the provider does not always know
    }
    p.hasTranscript = !(index % 9 == 4 || rng.chance(0.08));

    opening(p, rng);
    if (p.recordingNotice) {
        recordingNotice(p, rng);
    }
    if (refuses) {
        add(p, Speaker::Respondent, QStringLiteral("No thanks, I'm not interested."));
        add(p, Speaker::Agent, QStringLiteral("No problem at all, thank you for your time. Goodbye."));
        p.disposition = QStringLiteral("refused");
        return p;
    }
    if (abusive) {
        abuse(p);
        p.disposition = QStringLiteral("abusive");
        p.tags << QStringLiteral("abuse");
        return p;
    }
    questions(p, rng);
    personalData(p, rng);
    if (complains) {
        complaint(p);
        p.disposition = QStringLiteral("complaint");
        p.tags << QStringLiteral("complaint");
    } else {
        p.disposition = rng.chance(0.15) ? QStringLiteral("partial") : QStringLiteral("complete");
    }
    closing(p);
    return p;
}

} // namespace Earmark::Demo

#include "ui/player/TalkMetricsLabel.h"

#include "audio/TalkMetrics.h"
#include "core/TimeText.h"

namespace Earmark::Gui {

TalkMetricsLabel::TalkMetricsLabel(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    connect(this, &QLabel::linkActivated, this,
        [this](const QString& link) { Q_EMIT seekRequested(link.mid(5).toDouble()); });
}

void TalkMetricsLabel::setAudio(const std::shared_ptr<const CallAudio>& audio)
{
    const auto m = audio ? TalkMetrics::measure(*audio) : std::nullopt;
    if (!m) {
        setText(tr("<small>Talk metrics need a stereo recording with one speaker per channel.</small>"));
        return;
    }
    const QString overtalk = m->overtalkEpisodes == 0
        ? tr("no overtalk")
        : tr("overtalk %1 s in %n stretch(es)", nullptr, m->overtalkEpisodes).arg(m->overtalkS, 0, 'f', 1);
    setText(tr("<small>Agent talks %1, respondent %2 · talk/listen %3 · longest silence %4 s at "
               "<a href='seek:%5'>%6</a> · %7</small>")
                .arg(clockText(m->agentTalkS), clockText(m->respondentTalkS),
                    QString::number(m->talkListenRatio, 'f', 2), QString::number(m->longestSilenceS, 'f', 1))
                .arg(m->longestSilenceAtS)
                .arg(clockText(m->longestSilenceAtS), overtalk));
}

} // namespace Earmark::Gui

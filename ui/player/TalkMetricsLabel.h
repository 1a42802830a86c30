#pragma once

#include <QLabel>
#include <memory>

namespace Earmark {
class CallAudio;
}

namespace Earmark::Gui {

// The call's talk metrics from its two channels: each side's talk time, the talk/listen ratio, the longest silence
// (a link: following it seeks the player there) and the overtalk. A recording without one speaker per channel says
// that it has none.
class TalkMetricsLabel : public QLabel
{
    Q_OBJECT

public:
    explicit TalkMetricsLabel(QWidget* parent = nullptr);

    void setAudio(const std::shared_ptr<const CallAudio>& audio);

Q_SIGNALS:
    void seekRequested(double seconds);
};

} // namespace Earmark::Gui

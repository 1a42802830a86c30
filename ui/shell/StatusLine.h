#pragma once

#include <QWidget>
#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace Earmark {
class Progress;
}

namespace Earmark::Gui {

// The line at the foot of a window that says what is going on: a busy bar while work runs on the cache's worker (with
// its count, "3 of 12", and Cancel when the work reports its Progress), then a sentence saying what happened
// ("Evidence pack written: …").
class StatusLine : public QWidget
{
    Q_OBJECT

public:
    explicit StatusLine(QWidget* parent = nullptr);

    void setBusy(const QString& text, std::shared_ptr<Progress> progress = {});
    void setDone(const QString& text);
    bool isBusy() const { return m_busy; }
    QString text() const;
    QPushButton* cancelButton() const { return m_cancel; }

private:
    void showProgress();

    QLabel* m_text;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QTimer* m_poll;
    std::shared_ptr<Progress> m_work;
    bool m_busy = false;
};

} // namespace Earmark::Gui

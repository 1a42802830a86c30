#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;

namespace Earmark::Gui {

// The line at the foot of a window that says what is going on: a busy bar while work runs on the cache's worker,
// then a sentence saying what happened ("Evidence pack written: …").
class StatusLine : public QWidget
{
    Q_OBJECT

public:
    explicit StatusLine(QWidget* parent = nullptr);

    void setBusy(const QString& text);
    void setDone(const QString& text);
    bool isBusy() const { return m_busy; }
    QString text() const;

private:
    QLabel* m_text;
    QProgressBar* m_progress;
    bool m_busy = false;
};

} // namespace Earmark::Gui

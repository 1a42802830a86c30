#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace Earmark {
struct SyncProgress;
}

namespace Earmark::Gui {

// The main window's status line: what just happened (a message stays readable for a while before the idle text
// replaces it), a busy bar for work of unknown length (first-run demo store), and a sync's progress with counts.
class MainStatus : public QObject
{
    Q_OBJECT

public:
    // How long a message stays before the idle text may replace it.
    static constexpr qint64 MessageMs = 15000;

    explicit MainStatus(QStatusBar* bar);

    // What just happened; ends a busy bar's step.
    void showMessage(const QString& message);
    // A busy bar with the message, until a message or a sync's progress takes the line.
    void showBusy(const QString& message);
    bool isBusy() const;
    // The line at rest ("Cache: <path>", "No calls match…"), unless a message was shown lately or a sync runs.
    void showIdle(const QString& text);
    void showSyncProgress(const SyncProgress& p);
    // The sync ended: the bar goes; a failure is said at once (a success comes as a message).
    void syncEnded(const QString& error);
    // Replaces the line now, whatever it showed (an error reading the cache).
    void setText(const QString& text);
    QString text() const;

private:
    QLabel* m_text;
    QProgressBar* m_progress;
    QElapsedTimer m_messageShown;
    bool m_syncing = false;
};

} // namespace Earmark::Gui

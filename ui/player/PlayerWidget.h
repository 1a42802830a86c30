#pragma once

#include "player/PlayerEngine.h"

#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace Earmark::Gui {

class WaveformWidget;

// The review player: transport, skips, speed with pitch kept, speaker solo, region loop, volume, and the waveform.
// Every action has a shortcut (actions()); the shortcuts dialog lists them.
class PlayerWidget : public QWidget
{
    Q_OBJECT

public:
    explicit PlayerWidget(QWidget* parent = nullptr);
    ~PlayerWidget() override;

    PlayerEngine* engine() { return &m_engine; }
    WaveformWidget* waveform() const { return m_waveform; }
    QList<QAction*> actions() const { return m_actions; }
    QAction* action(const QString& objectName) const;

    void load(std::shared_ptr<const CallAudio> audio);
    void unload(const QString& message);
    // The streaming decode of the loaded audio has reached its end: turns from the channels, the whole waveform.
    void audioDecoded();
    void setStatus(const QString& message);
    // Speaker turn starts (from the transcript), for next/previous turn.
    void setTurns(const QList<double>& starts) { m_turns = starts; }
    QString timeText() const;
    // "0:12.3 – 0:18.0 (5.7 s)" while a region is selected, else empty.
    QString selectionText() const;

Q_SIGNALS:
    void positionChanged(double seconds);
    void followRequested();

private:
    QAction* addAction(const QString& name, const QString& text, const QList<QKeySequence>& keys,
        Qt::ShortcutContext context = Qt::WindowShortcut);
    void buildActions();
    void stepSpeed(int direction);
    void setSpeedIndex(int index);
    void jumpTurn(int direction);
    void tick();
    void updateButtons();
    void showSelection();

    PlayerEngine m_engine;
    WaveformWidget* m_waveform;
    QToolButton* m_play;
    QComboBox* m_speed;
    QComboBox* m_listen;
    QComboBox* m_mix; // how both speakers reach the ears
    QToolButton* m_loop;
    QSlider* m_volume;
    QLabel* m_time;
    QLabel* m_selection;
    QLabel* m_status;
    QTimer* m_ticker;
    QTimer* m_decodeTicker; // redraws the waveform as a streaming decode fills it
    QList<QAction*> m_actions;
    QList<double> m_turns;
    double m_lastSlowSpeed = 0.75;
};

} // namespace Earmark::Gui

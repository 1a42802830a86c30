#pragma once

#include "audio/CallAudio.h"
#include "player/PcmSource.h"

#include <QImage>
#include <QWidget>
#include <memory>

namespace Earmark::Gui {

// The call as lanes of peaks: agent above, respondent below (one lane for mono or mixed calls), the playhead and
// the selected region. Click to seek, drag to select a region (to loop it). Colours come from the palette and the
// lanes are labelled in text, so nothing relies on colour alone. Dragging the playhead scrubs (seeks as it moves);
// dragging anywhere else selects.
class WaveformWidget : public QWidget
{
    Q_OBJECT

public:
    // What the empty waveform says (no audio loaded): "Select a call to listen to it" unless set.
    void setEmptyText(const QString& text)
    {
        m_emptyText = text;
        update();
    }
    explicit WaveformWidget(QWidget* parent = nullptr);

    void setAudio(std::shared_ptr<const CallAudio> audio);
    // Draws what a streaming decode has added since the last time (the part still to come is shaded).
    void refreshDecoded();
    // The decoded frames the lanes show (the rest is shaded).
    qint64 drawnFrames() const { return m_drawnFrames; }
    void setPosition(double seconds);
    void setSelection(double start, double end);
    void clearSelection();
    bool hasSelection() const { return m_selEnd > m_selStart; }
    double selectionStart() const { return m_selStart; }
    double selectionEnd() const { return m_selEnd; }

    // The speaker played alone: the other lane is dimmed and labelled "muted".
    void setListen(Listen listen);
    // Moments marked on the lanes (the evaluation's timed comments), drawn as small flags along the top.
    void setMarkers(const QList<double>& seconds);
    const QList<double>& markers() const { return m_markers; }
    // Staff-safety flags: a moment and what it was flagged as ("threatening: said he would come round"), drawn as red
    // marks along the bottom, the words in a tooltip.
    struct Flag
    {
        double atS = 0;
        QString text;
    };
    void setFlags(const QList<Flag>& flags);
    const QList<Flag>& flags() const { return m_flags; }
    // The tooltip at a point: the flags within a few pixels of it, one per line (empty when none).
    QString flagTextAt(const QPoint& pos) const;
    // The lanes' labels as drawn ("Agent", "Respondent (muted)").
    QStringList laneLabels() const;

    double secondsAt(int x) const;
    int xAt(double seconds) const;
    QSize sizeHint() const override { return {600, 140}; }
    QSize minimumSizeHint() const override { return {200, 80}; }

Q_SIGNALS:
    void seekRequested(double seconds);
    void selectionChanged(double start, double end);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void renderLanes();
    struct Lane
    {
        int channel;
        QString label;
    };
    QList<Lane> lanes() const;
    bool muted(const Lane& lane) const;

    std::shared_ptr<const CallAudio> m_audio;
    qint64 m_drawnFrames = 0; // decoded frames when the lanes were drawn
    QImage m_lanes;
    QString m_emptyText;
    double m_position = 0;
    Listen m_listen = Listen::Both;
    QList<double> m_markers;
    QList<Flag> m_flags;
    double m_selStart = 0;
    double m_selEnd = 0;
    int m_pressX = -1;
    bool m_dragging = false;
    bool m_scrubbing = false; // the press grabbed the playhead: dragging seeks
};

} // namespace Earmark::Gui

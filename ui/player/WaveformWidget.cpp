#include "ui/player/WaveformWidget.h"

#include "core/TimeText.h"

#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace Earmark::Gui {

WaveformWidget::WaveformWidget(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("waveform"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAccessibleName(tr("Waveform"));
}

void WaveformWidget::setAudio(std::shared_ptr<const CallAudio> audio)
{
    m_audio = std::move(audio);
    m_position = 0;
    clearSelection();
    renderLanes();
    update();
}

QList<WaveformWidget::Lane> WaveformWidget::lanes() const
{
    if (!m_audio) {
        return {};
    }
    if (m_audio->speakersSeparable()) {
        return {{m_audio->agentChannel, tr("Agent")}, {m_audio->respondentChannel, tr("Respondent")}};
    }
    if (m_audio->channels == 2) {
        return {{0, tr("Left")}, {1, tr("Right")}};
    }
    return {{0, tr("Both speakers")}};
}

void WaveformWidget::refreshDecoded()
{
    if (m_audio && m_audio->availableFrames() != m_drawnFrames) {
        renderLanes();
        update();
    }
}

void WaveformWidget::renderLanes()
{
    m_lanes = QImage();
    m_drawnFrames = m_audio ? m_audio->availableFrames() : 0;
    if (!m_audio || width() <= 0 || height() <= 0) {
        return;
    }
    const qreal dpr = devicePixelRatioF();
    m_lanes = QImage(size() * dpr, QImage::Format_ARGB32_Premultiplied);
    m_lanes.setDevicePixelRatio(dpr);
    m_lanes.fill(palette().color(QPalette::Base));
    QPainter p(&m_lanes);
    const QList<Lane> ls = lanes();
    const int laneHeight = height() / std::max<qsizetype>(1, ls.size());
    const QColor colours[] = {palette().color(QPalette::Highlight), palette().color(QPalette::Link)};
    const int w = width();
    // Only the decoded blocks are final; beyond them the lanes are shaded until the decoder gets there.
    const qint64 decodedBlocks = m_audio->complete() ? m_audio->peakBlocks : m_drawnFrames / CallAudio::PeakBlock;
    const int decodedX = m_audio->peakBlocks ? int(decodedBlocks * w / m_audio->peakBlocks) : w;
    for (int l = 0; l < ls.size(); ++l) {
        const int top = l * laneHeight;
        const int mid = top + laneHeight / 2;
        const qint16* peaks = m_audio->peaks.constData() + ls.at(l).channel * m_audio->peakBlocks * 2;
        p.setPen(colours[l % 2]);
        for (int x = 0; x < w; ++x) {
            const qint64 b0 = qint64(x) * m_audio->peakBlocks / w;
            const qint64 b1 = std::max(b0 + 1, qint64(x + 1) * m_audio->peakBlocks / w);
            qint16 lo = 0;
            qint16 hi = 0;
            for (qint64 b = b0; b < b1 && b < decodedBlocks; ++b) {
                lo = std::min(lo, peaks[2 * b]);
                hi = std::max(hi, peaks[2 * b + 1]);
            }
            const int half = laneHeight / 2 - 2;
            p.drawLine(x, mid - hi * half / 32768, x, mid - lo * half / 32768);
        }
        if (decodedX < w) {
            QColor shade = palette().color(QPalette::Mid);
            shade.setAlpha(70);
            p.fillRect(QRect(decodedX, top, w - decodedX, laneHeight), shade);
        }
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(6, top + 2, w - 12, laneHeight - 4), Qt::AlignLeft | Qt::AlignTop, ls.at(l).label);
        if (l > 0) {
            p.setPen(palette().color(QPalette::Mid));
            p.drawLine(0, top, w, top);
        }
    }
}

void WaveformWidget::setPosition(double seconds)
{
    const int before = xAt(m_position);
    m_position = seconds;
    if (xAt(seconds) != before) {
        update(); // only when the playhead moves by a pixel
    }
    setAccessibleDescription(tr("Position %1 s").arg(seconds, 0, 'f', 1));
}

void WaveformWidget::setSelection(double start, double end)
{
    m_selStart = std::min(start, end);
    m_selEnd = std::max(start, end);
    update();
}

void WaveformWidget::clearSelection()
{
    m_selStart = m_selEnd = 0;
    update();
}

void WaveformWidget::setListen(Listen listen)
{
    m_listen = listen;
    update();
}

void WaveformWidget::setMarkers(const QList<double>& seconds)
{
    m_markers = seconds;
    update();
}

void WaveformWidget::setFlags(const QList<Flag>& flags)
{
    m_flags = flags;
    update();
}

QString WaveformWidget::flagTextAt(const QPoint& pos) const
{
    QStringList lines;
    if (pos.y() >= height() - 14) {
        for (const Flag& f : m_flags) {
            if (std::abs(xAt(f.atS) - pos.x()) <= 6) {
                lines << tr("%1 %2").arg(clockText(f.atS), f.text);
            }
        }
    }
    return lines.join(u'\n');
}

bool WaveformWidget::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        const QString text = flagTextAt(static_cast<QHelpEvent*>(event)->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(static_cast<QHelpEvent*>(event)->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

bool WaveformWidget::muted(const Lane& lane) const
{
    if (!m_audio || !m_audio->speakersSeparable() || m_listen == Listen::Both) {
        return false;
    }
    return lane.channel != (m_listen == Listen::Agent ? m_audio->agentChannel : m_audio->respondentChannel);
}

QStringList WaveformWidget::laneLabels() const
{
    QStringList out;
    for (const Lane& l : lanes()) {
        out << (muted(l) ? tr("%1 (muted)").arg(l.label) : l.label);
    }
    return out;
}

double WaveformWidget::secondsAt(int x) const
{
    if (!m_audio || width() <= 0) {
        return 0;
    }
    return std::clamp(double(x) / width(), 0.0, 1.0) * m_audio->durationS();
}

int WaveformWidget::xAt(double seconds) const
{
    if (!m_audio || m_audio->durationS() <= 0) {
        return 0;
    }
    return int(seconds / m_audio->durationS() * width());
}

void WaveformWidget::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (!m_audio) {
        p.fillRect(rect(), palette().color(QPalette::Base));
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, m_emptyText.isEmpty() ? tr("Select a call to listen to it") : m_emptyText);
        return;
    }
    p.drawImage(0, 0, m_lanes);
    // The lane not being heard, dimmed and said.
    const QList<Lane> ls = lanes();
    const int laneHeight = height() / std::max<qsizetype>(1, ls.size());
    for (int l = 0; l < ls.size(); ++l) {
        if (muted(ls.at(l))) {
            QColor veil = palette().color(QPalette::Window);
            veil.setAlpha(170);
            const QRect lane(0, l * laneHeight, width(), laneHeight);
            p.fillRect(lane, veil);
            p.setPen(palette().color(QPalette::Text));
            p.drawText(lane.adjusted(6, 2, -6, -2), Qt::AlignRight | Qt::AlignTop, tr("muted"));
        }
    }
    // Timed comments: a small flag at the top for each.
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Link));
    for (double at : m_markers) {
        const int mx = xAt(at);
        const QPoint flag[] = {QPoint(mx - 4, 0), QPoint(mx + 4, 0), QPoint(mx, 7)};
        p.drawPolygon(flag, 3);
    }
    // Safety flags: a red mark rising from the bottom edge, with a line through the lanes so the moment is clear.
    for (const Flag& f : m_flags) {
        const int fx = xAt(f.atS);
        QColor line(200, 30, 30, 110);
        p.setPen(QPen(line, 1, Qt::DashLine));
        p.drawLine(fx, 0, fx, height());
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(200, 30, 30));
        const QPoint mark[] = {QPoint(fx - 6, height()), QPoint(fx + 6, height()), QPoint(fx, height() - 12)};
        p.drawPolygon(mark, 3);
    }
    if (hasSelection()) {
        QColor c = palette().color(QPalette::Highlight);
        c.setAlpha(60);
        p.fillRect(QRect(QPoint(xAt(m_selStart), 0), QPoint(xAt(m_selEnd), height())), c);
    }
    p.setPen(QPen(palette().color(QPalette::Text), 2));
    const int x = xAt(m_position);
    p.drawLine(x, 0, x, height());
}

void WaveformWidget::resizeEvent(QResizeEvent*)
{
    renderLanes();
}

void WaveformWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        renderLanes(); // follows the system light/dark palette
    }
    QWidget::changeEvent(event);
}

void WaveformWidget::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_audio) {
        m_pressX = event->position().toPoint().x();
        m_dragging = false;
        m_scrubbing = std::abs(m_pressX - xAt(m_position)) <= 6;
    }
}

void WaveformWidget::mouseMoveEvent(QMouseEvent* event)
{
    if (m_pressX < 0) {
        return;
    }
    const int x = event->position().toPoint().x();
    if (std::abs(x - m_pressX) > 4) {
        m_dragging = true;
    }
    if (m_scrubbing) {
        Q_EMIT seekRequested(secondsAt(x));
    } else if (m_dragging) {
        setSelection(secondsAt(m_pressX), secondsAt(x));
    }
}

void WaveformWidget::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_pressX < 0) {
        return;
    }
    const int x = event->position().toPoint().x();
    if (m_scrubbing && m_dragging) {
        Q_EMIT seekRequested(secondsAt(x));
    } else if (m_dragging) {
        setSelection(secondsAt(m_pressX), secondsAt(x));
        Q_EMIT selectionChanged(m_selStart, m_selEnd);
    } else {
        Q_EMIT seekRequested(secondsAt(x));
    }
    m_pressX = -1;
    m_dragging = false;
    m_scrubbing = false;
}

} // namespace Earmark::Gui

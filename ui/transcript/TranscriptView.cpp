#include "ui/transcript/TranscriptView.h"

#include "core/TimeText.h"

#include <QMouseEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QUrl>

namespace Earmark::Gui {

TranscriptView::TranscriptView(QWidget* parent)
    : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("transcript"));
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        bool ok = false;
        const int index = url.path().toInt(&ok);
        if (url.scheme() == QLatin1String("w") && ok && index >= 0 && index < m_words.size()) {
            m_clickedSegment = m_words.at(index).segment;
            Q_EMIT seekRequested(m_words.at(index).start);
        }
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this] {
        if (!m_autoScrolling && m_following) {
            setFollowing(false); // a hand scroll unlocks following
        }
    });
}

void TranscriptView::setNoTranscript(const QString& message)
{
    m_words.clear();
    m_current = -1;
    m_clickedSegment = -1;
    setHtml(QStringLiteral("<p><i>%1</i></p>").arg(message.toHtmlEscaped()));
}

void TranscriptView::setTranscript(const Transcript& t)
{
    m_shown = t;
    m_corrected.clear();
    render();
}

void TranscriptView::setCorrected(const QSet<int>& segments)
{
    if (segments == m_corrected) {
        return;
    }
    m_corrected = segments;
    const int scroll = verticalScrollBar()->value();
    m_autoScrolling = true;
    render();
    verticalScrollBar()->setValue(scroll);
    m_autoScrolling = false;
}

void TranscriptView::render()
{
    const Transcript& t = m_shown;
    m_words.clear();
    m_current = -1;
    m_clickedSegment = -1;
    const QString link = palette().color(QPalette::Text).name();
    QString html = QStringLiteral("<style>a { text-decoration: none; color: %1; }</style>").arg(link);
    for (int si = 0; si < t.segments.size(); ++si) {
        const TranscriptSegment& s = t.segments[si];
        const QString who = s.speaker == QLatin1String("agent") ? tr("Agent")
            : s.speaker == QLatin1String("respondent")          ? tr("Respondent")
                                                                : tr("Other");
        html += QStringLiteral("<p><b>%1</b> <span style='color:gray'>%2</span>").arg(who, clockText(s.startS));
        if (m_corrected.contains(si)) {
            html += QStringLiteral(" <span style='color:#a0522d' title='%1'>%2</span>")
                        .arg(tr("Changed in Earmark: the provider's wording is in the history of corrections"),
                            tr("· corrected"));
        }
        html += QStringLiteral("<br>");
        if (s.words.isEmpty()) {
            // No word times: the whole turn seeks to its start.
            m_words.append({s.startS, s.endS, -1, 0, s.text, si});
            html += QStringLiteral("<a href='w:%1'>%2</a>").arg(m_words.size() - 1).arg(s.text.toHtmlEscaped());
        } else {
            // Show the turn's own text (punctuation included) when its tokens line up with the timed words.
            const QStringList tokens = s.text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            const bool aligned = tokens.size() == s.words.size();
            for (int i = 0; i < s.words.size(); ++i) {
                const TranscriptWord& w = s.words.at(i);
                m_words.append({w.startS, w.endS, -1, 0, w.text, si});
                const QString shown = aligned ? tokens.at(i) : w.text;
                html += QStringLiteral("<a href='w:%1'>%2</a> ").arg(m_words.size() - 1).arg(shown.toHtmlEscaped());
            }
        }
        html += QStringLiteral("</p>");
    }
    setHtml(html);
    locateWords();
}

void TranscriptView::locateWords()
{
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            const QString href = f.charFormat().anchorHref();
            if (href.startsWith(QLatin1String("w:"))) {
                const int index = href.mid(2).toInt();
                if (index >= 0 && index < m_words.size() && m_words[index].position < 0) {
                    m_words[index].position = f.position();
                    m_words[index].length = f.length();
                }
            }
        }
    }
}

QString TranscriptView::wordText(int index) const
{
    return index >= 0 && index < m_words.size() ? m_words.at(index).text : QString();
}

QRect TranscriptView::wordRect(int index) const
{
    if (index < 0 || index >= m_words.size() || m_words.at(index).position < 0) {
        return {};
    }
    QTextCursor c(document());
    c.setPosition(m_words.at(index).position + 1);
    return cursorRect(c);
}

int TranscriptView::segmentOfWord(int index) const
{
    return index >= 0 && index < m_words.size() ? m_words.at(index).segment : -1;
}

int TranscriptView::activeSegment() const
{
    if (m_clickedSegment >= 0) {
        return m_clickedSegment;
    }
    return m_words.isEmpty() ? -1 : std::max(0, segmentOfWord(m_current));
}

int TranscriptView::wordAt(const QPoint& viewportPos) const
{
    const int pos = cursorForPosition(viewportPos).position();
    for (int i = 0; i < m_words.size(); ++i) {
        if (m_words[i].position >= 0 && pos >= m_words[i].position && pos <= m_words[i].position + m_words[i].length) {
            return i;
        }
    }
    return -1;
}

void TranscriptView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const int word = wordAt(event->position().toPoint());
    if (word < 0) {
        QTextBrowser::mouseDoubleClickEvent(event);
        return;
    }
    m_clickedSegment = m_words.at(word).segment;
    Q_EMIT editRequested(m_clickedSegment);
}

void TranscriptView::setFollowing(bool following)
{
    if (m_following == following) {
        return;
    }
    m_following = following;
    if (following && m_current >= 0) {
        highlight(m_current);
    }
    Q_EMIT followChanged(following);
}

void TranscriptView::setPosition(double seconds)
{
    // The last word that has started by now.
    auto it = std::upper_bound(
        m_words.cbegin(), m_words.cend(), seconds, [](double s, const Word& w) { return s < w.start; });
    const int index = static_cast<int>(it - m_words.cbegin()) - 1;
    if (index != m_current) {
        m_clickedSegment = -1; // the playhead moved on: the turn playing is the one to act on
        highlight(index);
    }
}

void TranscriptView::highlight(int index)
{
    m_current = index;
    QList<QTextEdit::ExtraSelection> selections;
    if (index >= 0 && m_words.at(index).position >= 0) {
        QTextEdit::ExtraSelection sel;
        sel.cursor = QTextCursor(document());
        sel.cursor.setPosition(m_words.at(index).position);
        sel.cursor.setPosition(m_words.at(index).position + m_words.at(index).length, QTextCursor::KeepAnchor);
        sel.format.setBackground(palette().color(QPalette::Highlight));
        sel.format.setForeground(palette().color(QPalette::HighlightedText));
        selections << sel;
        if (m_following) {
            const QRect r = cursorRect(sel.cursor);
            if (r.top() < 0 || r.bottom() > viewport()->height()) {
                m_autoScrolling = true;
                verticalScrollBar()->setValue(verticalScrollBar()->value() + r.top() - viewport()->height() / 3);
                m_autoScrolling = false;
            }
        }
    }
    setExtraSelections(selections);
}

} // namespace Earmark::Gui

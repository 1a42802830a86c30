#include "CallDetailPane.h"

#include "browse/CacheService.h"
#include "core/Files.h"
#include "store/Transcript.h"

#include <QDateTime>
#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
struct Detail
{
    QString header;
    QString transcriptHtml;
    QString error;
};

QString clock(double s)
{
    const int t = static_cast<int>(s);
    return QStringLiteral("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QLatin1Char('0'));
}

Detail load(Cache& cache, const QString& callId)
{
    Detail d;
    auto found = cache.calls().find(callId);
    if (!found || !found.value()) {
        d.error = QObject::tr("This call is no longer in the cache.");
        return d;
    }
    const CallRecord& c = *found.value();
    const QString notice = !c.consentRecorded ? QObject::tr("unknown")
        : *c.consentRecorded                   ? QObject::tr("flagged by the provider")
                                               : QObject::tr("not flagged");
    d.header = QObject::tr("<b>%1</b> · %2 · %3<br>Agent %4 · %5 · %6 · %7<br>Recording notice: %8")
                   .arg(c.callId.toHtmlEscaped(),
                        QDateTime::fromSecsSinceEpoch(c.startUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                        clock(c.durationS), (c.agentName.isEmpty() ? c.agentId : c.agentName).toHtmlEscaped(),
                        c.client.toHtmlEscaped(), c.campaign.toHtmlEscaped(), c.disposition.toHtmlEscaped(), notice);
    if (!c.hasTranscript) {
        d.transcriptHtml = QObject::tr("<p><i>This call has no transcript: the provider did not send one.</i></p>");
        return d;
    }
    auto bytes = cache.calls().transcript(c);
    if (!bytes) {
        d.error = bytes.errorMessage();
        return d;
    }
    auto t = Transcript::parse(bytes.value(), c.callId);
    Files::wipe(bytes.value());
    if (!t) {
        d.error = t.errorMessage();
        return d;
    }
    QString html;
    for (const TranscriptSegment& s : t->segments) {
        const bool agent = s.speaker == QLatin1String("agent");
        html += QStringLiteral("<p><span style='font-weight:600'>%1</span> <span style='opacity:0.6'>%2</span><br>%3</p>")
                    .arg(agent ? QObject::tr("Agent") : s.speaker == QLatin1String("respondent") ? QObject::tr("Respondent") : QObject::tr("Other"),
                         clock(s.startS), s.text.toHtmlEscaped());
    }
    d.transcriptHtml = html;
    return d;
}
} // namespace

CallDetailPane::CallDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_transcript(new QTextBrowser(this))
{
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_transcript->setObjectName(QStringLiteral("transcript"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_transcript, 1);
    clear();
}

void CallDetailPane::clear()
{
    m_callId.clear();
    m_header->setText(tr("<b>No call selected</b>"));
    m_transcript->setHtml(tr("<p><i>Select a call in the list to see its details and transcript.</i></p>"));
}

void CallDetailPane::showCall(const QString& callId)
{
    if (!m_service || callId.isEmpty() || callId == m_callId) {
        return;
    }
    m_callId = callId;
    m_service->post<Detail>(
        this, [callId](Cache& cache) { return load(cache, callId); },
        [this, callId](Detail d) {
            if (callId != m_callId) {
                return;
            }
            if (!d.error.isEmpty()) {
                m_header->setText(callId.toHtmlEscaped());
                m_transcript->setHtml(QStringLiteral("<p>%1</p>").arg(d.error.toHtmlEscaped()));
            } else {
                m_header->setText(d.header);
                m_transcript->setHtml(d.transcriptHtml);
            }
            Q_EMIT loaded(callId);
        });
}

QString CallDetailPane::transcriptText() const
{
    return m_transcript->toPlainText();
}

QString CallDetailPane::headerText() const
{
    return m_header->text();
}

} // namespace Earmark::Gui

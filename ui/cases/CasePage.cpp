#include "ui/cases/CasePage.h"

#include "core/TimeText.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

namespace Earmark::Gui {

namespace {
QString when(qint64 utc)
{
    return QDateTime::fromSecsSinceEpoch(utc).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString typeName(const QString& type)
{
    return type == QLatin1String("safety") ? QObject::tr("Staff safety")
        : type == QLatin1String("query")   ? QObject::tr("Query")
                                           : QObject::tr("Complaint");
}

// " — Janet Okafor": the name the call records, so that people sharing a number are told apart.
QString nameText(const CaseRecord& c, const QString& callId)
{
    const QString name = c.respondentNames.value(callId).trimmed();
    return name.isEmpty() ? QString() : QStringLiteral(" — ") + name.toHtmlEscaped();
}

QString playLink(const QString& callId, qint64 ms, const QString& text)
{
    return QStringLiteral("<a href=\"play:%1:%2\">%3</a>").arg(callId.toHtmlEscaped()).arg(ms).arg(text);
}
} // namespace

CasePage::CasePage(QWidget* parent)
    : QWidget(parent)
    , m_page(new QTextBrowser(this))
    , m_note(new QPlainTextEdit(this))
    , m_addNote(new QPushButton(tr("Add &note"), this))
    , m_addCalls(new QPushButton(tr("Add the &selected calls"), this))
    , m_link(new QPushButton(tr("&Link newer calls of the number"), this))
    , m_export(new QPushButton(tr("&Export evidence…"), this))
    , m_close(new QPushButton(tr("Cl&ose case…"), this))
{
    m_page->setObjectName(QStringLiteral("casePage"));
    m_page->setOpenLinks(false);
    connect(m_page, &QTextBrowser::anchorClicked, this, &CasePage::openLink);
    m_note->setObjectName(QStringLiteral("caseNote"));
    m_note->setPlaceholderText(tr("A note for the case: what was done, said or decided (who and when are added)"));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(m_note->fontMetrics().height() * 4);
    m_addCalls->setToolTip(tr("Link the calls selected in the call list to this case (and hold them)"));
    m_link->setToolTip(tr("Link the calls of the respondent's number synced since the case was opened"));
    m_export->setToolTip(tr("Write a signed evidence pack of this case that anyone can verify with minisign and "
                            "sha256sum"));
    connect(m_addNote, &QPushButton::clicked, this, [this] {
        const QString text = m_note->toPlainText().trimmed();
        if (!text.isEmpty()) {
            Q_EMIT noteRequested(text);
        }
    });
    connect(m_addCalls, &QPushButton::clicked, this, &CasePage::addCallsRequested);
    connect(m_link, &QPushButton::clicked, this, &CasePage::linkRequested);
    connect(m_export, &QPushButton::clicked, this, &CasePage::exportRequested);
    connect(m_close, &QPushButton::clicked, this, &CasePage::closeRequested);

    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_addNote, 0, Qt::AlignBottom);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addCalls);
    buttons->addWidget(m_link);
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_page, 1);
    layout->addLayout(noteRow);
    layout->addLayout(buttons);
    clear(tr("Select a case in the list, or open one with New case…"));
}

void CasePage::clear(const QString& message)
{
    m_record = CaseRecord {};
    m_page->setHtml(QStringLiteral("<p><i>%1</i></p>").arg(message.toHtmlEscaped()));
    for (QWidget* w :
        {static_cast<QWidget*>(m_note), static_cast<QWidget*>(m_addNote), static_cast<QWidget*>(m_addCalls),
            static_cast<QWidget*>(m_link), static_cast<QWidget*>(m_export), static_cast<QWidget*>(m_close)}) {
        w->setEnabled(false);
    }
}

void CasePage::showCase(const CaseRecord& c)
{
    const bool same = c.caseId == m_record.caseId;
    m_record = c;
    QString html = QStringLiteral("<h3>%1</h3>").arg(c.reference.toHtmlEscaped());
    html += QStringLiteral("<p>%1 · %2 · case %3<br>")
                .arg(typeName(c.type), c.isOpen() ? tr("open") : tr("closed"), c.caseId.toHtmlEscaped());
    html += tr("Owner %1 · opened by %2 on %3")
                .arg(c.owner.toHtmlEscaped(), c.openedBy.toHtmlEscaped(), when(c.openedUtc));
    if (!c.phoneHint.isEmpty()) {
        html += QStringLiteral("<br>") + tr("Respondent's number: %1").arg(c.phoneHint.toHtmlEscaped());
    }
    html += QStringLiteral("</p><p>");
    if (c.isOpen()) {
        html += tr("<b>Held</b>: while the case is open its calls are kept by hold %1 (retention and erasure leave "
                   "them).")
                    .arg(c.holdId.toHtmlEscaped());
    } else {
        html += tr("<b>Closed</b> on %1 by %2: %3. The hold was released; the calls follow the retention period "
                   "again.")
                    .arg(when(c.closedUtc), c.closedBy.toHtmlEscaped(), c.closeReason.toHtmlEscaped());
    }
    html += QStringLiteral("</p><h4>%1</h4>").arg(tr("Calls (%1)").arg(c.callIds.size()));
    if (c.callIds.isEmpty()) {
        html += QStringLiteral("<p><i>%1</i></p>").arg(tr("No calls linked yet."));
    } else {
        html += QStringLiteral("<ul>");
        for (const QString& id : c.callIds) {
            const bool flagged
                = std::any_of(c.flags.cbegin(), c.flags.cend(), [&](const SafetyFlag& f) { return f.callId == id; });
            html += QStringLiteral("<li>%1%2%3</li>")
                        .arg(playLink(id, 0, id.toHtmlEscaped()), nameText(c, id),
                            c.isOpen() && !flagged ? QStringLiteral(" · <a href=\"remove:%1\">%2</a>")
                                                         .arg(id.toHtmlEscaped(), tr("not this case's call…"))
                                                   : QString());
        }
        html += QStringLiteral("</ul>");
    }
    if (!c.setAside.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><p>%2</p><ul>")
                    .arg(tr("Not linked (%1)").arg(c.setAside.size()),
                        tr("Calls of the respondent's number that are not this case's: linking the number's newer "
                           "calls leaves them out."));
        for (const CaseSetAside& a : c.setAside) {
            html += QStringLiteral("<li>%1%2 <small>(%3, %4, %5)</small>%6</li>")
                        .arg(playLink(a.callId, 0, a.callId.toHtmlEscaped()), nameText(c, a.callId),
                            a.reason.toHtmlEscaped(), a.by.toHtmlEscaped(), when(a.atUtc),
                            c.isOpen() ? QStringLiteral(" · <a href=\"add:%1\">%2</a>")
                                             .arg(a.callId.toHtmlEscaped(), tr("add it to the case"))
                                       : QString());
        }
        html += QStringLiteral("</ul>");
    }
    if (!c.flags.isEmpty()) {
        html += QStringLiteral("<h4>%1</h4><ul>").arg(tr("Flagged moments"));
        for (const SafetyFlag& f : c.flags) {
            // A flag of this case's call kept by a safety case: the way to that case.
            const QString elsewhere = f.caseId.isEmpty() || f.caseId == c.caseId
                ? QString()
                : QStringLiteral(" · <a href=\"case:%1\">%2</a>")
                      .arg(f.caseId.toHtmlEscaped(), tr("safety case %1").arg(f.caseReference.toHtmlEscaped()));
            html += QStringLiteral("<li>%1 · %2%3 <small>(%4, %5)</small>%6</li>")
                        .arg(playLink(f.callId, f.atMs,
                                 tr("%1 at %2").arg(f.callId.toHtmlEscaped(), clockText(f.atMs / 1000.0))),
                            f.kind == QLatin1String("abusive") ? tr("abusive") : tr("threatening"),
                            f.note.isEmpty() ? QString() : QStringLiteral(": ") + f.note.toHtmlEscaped(),
                            f.flaggedBy.toHtmlEscaped(), when(f.flaggedUtc), elsewhere);
        }
        html += QStringLiteral("</ul>");
    }
    html += QStringLiteral("<h4>%1</h4>").arg(tr("Notes (%1)").arg(c.notes.size()));
    for (const CaseNote& n : c.notes) {
        html += QStringLiteral("<p><b>%1</b>, %2<br>%3</p>")
                    .arg(n.author.toHtmlEscaped(), when(n.atUtc),
                        n.text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    }
    m_page->setHtml(html);
    if (!same) {
        m_note->clear();
    }
    for (QWidget* w : {static_cast<QWidget*>(m_note), static_cast<QWidget*>(m_addNote),
             static_cast<QWidget*>(m_addCalls), static_cast<QWidget*>(m_link), static_cast<QWidget*>(m_close)}) {
        w->setEnabled(c.isOpen());
    }
    m_link->setEnabled(c.isOpen() && !c.phoneHint.isEmpty()); // only a case with the respondent's number has them
    m_export->setEnabled(!m_exporting); // a closed case's evidence can still be asked for
}

void CasePage::setExporting(bool on)
{
    m_exporting = on;
    m_export->setEnabled(!on && hasCase());
}

QString CasePage::pageText() const
{
    return m_page->toPlainText();
}

void CasePage::openLink(const QUrl& url)
{
    if (url.scheme() == QLatin1String("remove")) {
        Q_EMIT removeCallRequested(url.path());
        return;
    }
    if (url.scheme() == QLatin1String("add")) {
        Q_EMIT addCallRequested(url.path());
        return;
    }
    if (url.scheme() == QLatin1String("case")) {
        Q_EMIT caseRequested(url.path());
        return;
    }
    // play:<call id>:<ms>; call ids never hold a colon (recording-store.md), the moment is the last part.
    if (url.scheme() != QLatin1String("play")) {
        return;
    }
    const QString path = url.path();
    const qsizetype colon = path.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return;
    }
    Q_EMIT playRequested(path.left(colon), path.mid(colon + 1).toLongLong() / 1000.0);
}

} // namespace Earmark::Gui

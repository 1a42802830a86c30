#include "ui/requests/RequestsWindow.h"

#include "cache/CacheWorker.h"
#include "requests/DsarPack.h"
#include "requests/SarDeadline.h"
#include "ui/requests/NewRequestDialog.h"
#include "ui/shell/MessageBox.h"
#include "ui/shell/RecordTable.h"
#include "ui/shell/StatusLine.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QString statusName(const QString& status)
{
    if (status == QLatin1String("identity-pending")) {
        return QObject::tr("identity pending");
    }
    if (status == QLatin1String("in-progress")) {
        return QObject::tr("in progress");
    }
    return status;
}
} // namespace

RequestsWindow::RequestsWindow(CacheWorker* worker, QWidget* parent)
    : ToolWindow(parent)
    , m_worker(worker)
    , m_list(new QTableWidget(0, 8, this))
    , m_details(new QTextBrowser(this))
    , m_showClosed(new QCheckBox(tr("Show &closed requests"), this))
    , m_audio(new QCheckBox(tr("Include the &recordings (bleeped)"), this))
    , m_count(new QLabel(this))
    , m_statusText(new StatusLine(this))
{
    setWindowTitle(tr("Subject access requests"));
    setObjectName(QStringLiteral("requestsWindow"));
    m_list->setObjectName(QStringLiteral("requestList"));
    RecordTable::setUp(m_list,
        {tr("Reference"), tr("Number"), tr("Received"), tr("Channel"), tr("Status"), tr("Deadline"), tr("Days left"),
            tr("Calls")});
    m_details->setObjectName(QStringLiteral("requestDetails"));
    m_details->setOpenLinks(false);
    connect(m_details, &QTextBrowser::anchorClicked, this, &RequestsWindow::openLink);
    m_audio->setToolTip(tr("The recordings go in the pack with other people's names and numbers bleeped"));
    m_statusText->setObjectName(QStringLiteral("requestsStatus"));
    m_count->setObjectName(QStringLiteral("requestCount"));

    const auto add = [this](const char* name, const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(QString::fromLatin1(name));
        b->setToolTip(tip);
        m_buttons << b;
        return b;
    };
    QPushButton* create
        = add("newRequest", tr("&New request…"), tr("Record a request: by letter, e-mail, phone or in person"));
    QPushButton* identity = add("confirmIdentity", tr("&Identity confirmed…"), tr("The month runs from today"));
    QPushButton* extend = add("extendRequest", tr("E&xtend…"),
        tr("By up to two further months, with the reason, told to the requester within the first month"));
    QPushButton* pack = add("buildPack", tr("Build the &pack…"),
        tr("The requester's transcripts with other people's data removed, the cover letter and the redaction log, "
           "signed"));
    QPushButton* complete = add("completeRequest", tr("&Completed…"), tr("The pack was sent: the calls are released"));
    QPushButton* refuse
        = add("refuseRequest", tr("&Refuse…"), tr("Refused with the reason (e.g. manifestly unfounded)"));
    connect(create, &QPushButton::clicked, this, &RequestsWindow::newRequest);
    connect(identity, &QPushButton::clicked, this, [this] {
        const SubjectRequest r = selected();
        const bool pending = r.status == QLatin1String("identity-pending");
        const QString note = MessageBox::getText(this, tr("Identity confirmed"),
            pending
                ? tr("How was the requester's identity confirmed? The month for %1 runs from today.").arg(r.reference)
                : tr("How was the requester's identity confirmed? The deadline of %1 stays %2.")
                      .arg(r.reference, r.deadline.toString(Qt::ISODate)));
        if (!note.isEmpty()) {
            update(
                tr("Confirm identity"),
                [id = r.requestId, note](Requests& q) { return q.confirmIdentity(id, QDate::currentDate(), note); },
                pending ? tr("Identity confirmed: the deadline runs from today.")
                        : tr("Identity confirmed: the deadline stays %1.").arg(r.deadline.toString(Qt::ISODate)));
        }
    });
    connect(extend, &QPushButton::clicked, this, [this] {
        const SubjectRequest r = selected();
        const QString reason = MessageBox::getText(this, tr("Extend the deadline"),
            tr("Why does %1 need up to two more months (complex or numerous requests)? Tell the requester within the "
               "first month.")
                .arg(r.reference),
            true);
        if (!reason.isEmpty()) {
            update(
                tr("Extend"), [id = r.requestId, reason](Requests& q) { return q.extend(id, reason); },
                tr("Deadline extended."));
        }
    });
    connect(pack, &QPushButton::clicked, this, [this] {
        const SubjectRequest r = selected();
        // A shared number: nobody's call may go to another person. The handler decides on each doubtful call first.
        if (const int doubtful = int(r.doubtfulCallIds().size()); doubtful > 0) {
            MessageBox::information(this, tr("Build the subject access pack"),
                tr("%n call(s) of this number name someone other than the requester: the number is shared.\n\nIn the "
                   "request's details, mark each as “not the requester's” (it is left out of the pack and no longer "
                   "held by the request) or “theirs” (say why, e.g. a maiden name), then build the pack.%1",
                    nullptr, doubtful)
                    .arg(r.requesterName.isEmpty()
                            ? tr("\n\nThe requester's name is not recorded: record it first, so that their calls "
                                 "are told from the others'.")
                            : QString()));
            setDone(tr("The pack was not built: %n call(s) of the number name someone else.", nullptr, doubtful));
            return;
        }
        // The pack is the requester's personal data: sent to anyone else it is a breach. Asked when nobody has
        // confirmed who the requester is; the audit record says it was built on the user's word.
        const bool unconfirmed = !r.identityDate.isValid();
        if (unconfirmed
            && MessageBox::question(this, tr("Build the subject access pack"),
                   tr("Nobody has confirmed that the requester of %1 is the person these calls were made to%2.\n\n"
                      "The pack holds their calls' transcripts: sent to anyone else, it would be a breach. Build it "
                      "anyway?")
                       .arg(r.reference.isEmpty() ? r.requestId : r.reference,
                           r.identityNote.isEmpty() ? QString()
                                                    : QString(tr(" (identity check: %1)").arg(r.identityNote))))
                != QMessageBox::Yes) {
            setDone(tr("The pack was not built. Confirm the requester's identity first, then build it."));
            return;
        }
        QString safe = r.reference;
        safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
        const QString path = MessageBox::getSaveFileName(this, tr("Build the subject access pack"),
            QDir::home().filePath(QStringLiteral("dsar-%1.zip").arg(safe)), tr("Subject access pack (*.zip)"));
        if (!path.isEmpty()) {
            buildPack(path, unconfirmed);
        }
    });
    connect(complete, &QPushButton::clicked, this, [this] {
        const SubjectRequest r = selected();
        const QString outcome = MessageBox::getText(
            this, tr("Request completed"), tr("What was sent for %1, and when?").arg(r.reference));
        if (!outcome.isEmpty()) {
            update(
                tr("Complete"), [id = r.requestId, outcome](Requests& q) { return q.close(id, outcome); },
                tr("Request completed; its calls are no longer held by it."));
        }
    });
    connect(refuse, &QPushButton::clicked, this, [this] {
        const SubjectRequest r = selected();
        const QString reason = MessageBox::getText(this, tr("Refuse the request"),
            tr("Why is %1 refused? The requester must be told, with their right to complain to the ICO.")
                .arg(r.reference),
            true);
        if (!reason.isEmpty()) {
            update(
                tr("Refuse"), [id = r.requestId, reason](Requests& q) { return q.close(id, reason, true); },
                tr("Request refused; its calls are no longer held by it."));
        }
    });

    auto* top = new QHBoxLayout;
    top->addWidget(create);
    top->addSpacing(12);
    top->addWidget(m_count, 1);
    top->addWidget(m_showClosed);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_list);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* actions = new QHBoxLayout;
    for (QPushButton* b : {identity, extend, pack}) {
        actions->addWidget(b);
    }
    actions->addWidget(m_audio);
    actions->addStretch(1);
    actions->addWidget(complete);
    actions->addWidget(refuse);
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(m_statusText, 1);
    statusRow->addWidget(closeButton());
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(actions);
    layout->addLayout(statusRow);
    resize(1000, 620);
    connect(m_showClosed, &QCheckBox::toggled, this, &RequestsWindow::refresh);
    connect(m_list, &QTableWidget::currentCellChanged, this, &RequestsWindow::showDetails);
    showDetails();
}

QPushButton* RequestsWindow::button(const QString& objectName) const
{
    for (QPushButton* b : m_buttons) {
        if (b->objectName() == objectName) {
            return b;
        }
    }
    return nullptr;
}

QString RequestsWindow::daysLeftText(const SubjectRequest& r, const QDate& today)
{
    if (!r.isOpen()) {
        return QString();
    }
    if (!r.deadline.isValid()) {
        return tr("identity pending");
    }
    const int days = SarDeadline::daysLeft(today, r.deadline);
    return days == 0 ? tr("due today")
        : days > 0   ? tr("%n day(s) left", nullptr, days)
                     : tr("%n day(s) overdue", nullptr, -days);
}

void RequestsWindow::refresh()
{
    const bool openOnly = !m_showClosed->isChecked();
    if (m_wanted.isEmpty()) {
        m_wanted = selected().requestId;
    }
    m_worker->run<Requests>(
        this, [openOnly](Requests& q) { return q.list(openOnly); },
        [this](Result<QList<SubjectRequest>> list) {
            if (!list) {
                m_requests.clear();
                m_list->setRowCount(0);
                m_count->clear();
                m_statusText->setDone(list.errorMessage());
                showDetails();
                return;
            }
            m_requests = list.value();
            const QDate today = QDate::currentDate();
            const QString wanted = std::exchange(m_wanted, QString());
            m_list->blockSignals(true);
            m_list->setRowCount(int(m_requests.size()));
            int select = m_requests.isEmpty() ? -1 : 0;
            for (int row = 0; row < m_requests.size(); ++row) {
                const SubjectRequest& r = m_requests.at(row);
                const QStringList cells
                    = {r.reference, r.phoneHint, r.received.toString(Qt::ISODate), r.channel, statusName(r.status),
                        r.deadline.toString(Qt::ISODate), daysLeftText(r, today), QString::number(r.callIds.size())};
                const bool due = r.isOpen() && r.deadline.isValid() && SarDeadline::daysLeft(today, r.deadline) <= 7;
                for (int col = 0; col < cells.size(); ++col) {
                    auto* item = new QTableWidgetItem(cells.at(col));
                    if (due && col == 6) {
                        QFont bold = item->font();
                        bold.setBold(true);
                        item->setFont(bold);
                        item->setForeground(QColor(0xb0, 0x20, 0x20));
                    }
                    m_list->setItem(row, col, item);
                }
                if (r.requestId == wanted) {
                    select = row;
                }
            }
            m_list->resizeColumnsToContents();
            m_list->blockSignals(false);
            if (select >= 0) {
                m_list->setCurrentCell(select, 0);
            }
            const int due = Requests::dueWithin(m_requests, today);
            m_count->setText(m_requests.isEmpty() ? tr("No open requests. Record one with New request…")
                                                  : tr("%n request(s)", nullptr, int(m_requests.size()))
                        + (due > 0 ? tr(", %n due within 7 days or overdue.", nullptr, due) : QStringLiteral(".")));
            showDetails();
        });
}

SubjectRequest RequestsWindow::selected() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_requests.size() ? m_requests.at(row) : SubjectRequest {};
}

void RequestsWindow::showDetails()
{
    const SubjectRequest r = selected();
    const bool any = !r.requestId.isEmpty();
    // Each button only when the core would accept it, so that a reason typed for it is not refused and lost; none
    // while a change or a pack of this window is still on its way.
    const bool idle = m_pending == 0;
    const bool open = any && r.isOpen();
    const QDate today = QDate::currentDate();
    const bool extendable = open && r.deadline.isValid() && today <= r.deadline
        && (r.status == QLatin1String("received") || r.status == QLatin1String("in-progress"));
    const QList<QPair<QString, bool>> states = {
        {QStringLiteral("newRequest"), true},
        {QStringLiteral("confirmIdentity"), idle && open && !r.identityDate.isValid()},
        {QStringLiteral("extendRequest"), idle && extendable},
        {QStringLiteral("buildPack"), idle && any && r.deadline.isValid()},
        {QStringLiteral("completeRequest"), idle && open},
        {QStringLiteral("refuseRequest"), idle && open},
    };
    for (const auto& [name, enabled] : states) {
        if (QPushButton* b = button(name)) {
            b->setEnabled(enabled);
        }
    }
    if (!any) {
        m_details->setHtml(
            QStringLiteral("<p><i>%1</i></p>").arg(tr("Select a request, or record one with New request…")));
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3><p>").arg(r.reference.toHtmlEscaped());
    html
        += tr("Request %1 from %2, received %3 by %4; recorded by %5.")
               .arg(r.requestId, r.phoneHint, r.received.toString(Qt::ISODate), r.channel, r.createdBy.toHtmlEscaped());
    html += QStringLiteral("<br>") + tr("Status: %1").arg(statusName(r.status));
    if (r.deadline.isValid()) {
        html += QStringLiteral("<br>")
            + tr("Deadline: <b>%1</b> (%2)")
                  .arg(QLocale().toString(r.deadline, QLocale::LongFormat), daysLeftText(r, QDate::currentDate()));
    }
    if (const QString warning = Requests::deadlineWarning(r); !warning.isEmpty()) {
        html += QStringLiteral("<br><b>%1</b>").arg(warning.toHtmlEscaped());
    }
    if (r.identityDate.isValid()) {
        html += QStringLiteral("<br>")
            + tr("Identity confirmed on %1: %2")
                  .arg(r.identityDate.toString(Qt::ISODate), r.identityNote.toHtmlEscaped());
    } else if (!r.identityNote.isEmpty()) {
        html += QStringLiteral("<br>") + tr("Identity check: %1").arg(r.identityNote.toHtmlEscaped());
    }
    if (!r.extensionReason.isEmpty()) {
        html += QStringLiteral("<br>") + tr("Extended: %1").arg(r.extensionReason.toHtmlEscaped());
    }
    if (!r.outcome.isEmpty()) {
        html += QStringLiteral("<br>") + tr("Outcome: %1").arg(r.outcome.toHtmlEscaped());
    }
    html += QStringLiteral("</p><p>");
    html += r.isOpen()
        ? tr("Held while the request is open: %n call(s) of the number. Destroying data a request covers is an "
             "offence (DPA 2018 s.173).",
            nullptr, int(r.callIds.size()))
        : tr("Closed: its calls are no longer held by it.");
    html += QStringLiteral("</p>");
    html += callsHtml(r);
    m_details->setHtml(html);
}

QString RequestsWindow::callsHtml(const SubjectRequest& r) const
{
    QString html = QStringLiteral("<p>");
    html += r.requesterName.isEmpty() ? tr("Requester's name: not recorded.")
                                      : tr("Requester's name: <b>%1</b>.").arg(r.requesterName.toHtmlEscaped());
    if (r.isOpen()) {
        html += QStringLiteral(" <a href=\"name:\">%1</a>")
                    .arg(r.requesterName.isEmpty() ? tr("Record it…") : tr("Correct it…"));
    }
    html += QStringLiteral("</p>");
    if (const int doubtful = int(r.doubtfulCallIds().size()); doubtful > 0) {
        html += QStringLiteral("<p style=\"color:#b02020\"><b>%1</b></p>")
                    .arg(tr("%n call(s) of the number name someone other than the requester: decide on each before "
                            "the pack is built.",
                        nullptr, doubtful));
    }
    if (r.numberCalls.isEmpty()) {
        return html;
    }
    html += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
    for (const RequestCall& c : r.numberCalls) {
        QString state;
        if (c.decision == RequestCall::Decision::Excluded) {
            state
                = tr("<i>not the requester's</i> (%1, %2)").arg(c.reason.toHtmlEscaped(), c.decidedBy.toHtmlEscaped());
        } else if (c.decision == RequestCall::Decision::Confirmed) {
            state = tr("theirs, confirmed (%1, %2)").arg(c.reason.toHtmlEscaped(), c.decidedBy.toHtmlEscaped());
        } else if (c.doubtful) {
            state = QStringLiteral("<b style=\"color:#b02020\">%1</b>").arg(tr("names someone else"));
        }
        QStringList links;
        if (r.isOpen() && c.decision != RequestCall::Decision::Excluded) {
            links << QStringLiteral("<a href=\"exclude:%1\">%2</a>").arg(c.callId.toHtmlEscaped(), tr("not theirs…"));
        }
        if (r.isOpen() && c.decision != RequestCall::Decision::Confirmed
            && (c.doubtful || c.decision != RequestCall::Decision::None)) {
            links << QStringLiteral("<a href=\"confirm:%1\">%2</a>").arg(c.callId.toHtmlEscaped(), tr("theirs…"));
        }
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(c.callId.toHtmlEscaped(),
                        QDateTime::fromSecsSinceEpoch(c.startUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                        c.respondentName.isEmpty() ? tr("<i>no name</i>") : c.respondentName.toHtmlEscaped(), state,
                        links.join(QStringLiteral(" · ")));
    }
    return html + QStringLiteral("</table>");
}

void RequestsWindow::openLink(const QUrl& url)
{
    const SubjectRequest r = selected();
    if (r.requestId.isEmpty() || !r.isOpen()) {
        return;
    }
    const QString scheme = url.scheme();
    const QString call = url.path();
    if (scheme == QLatin1String("name")) {
        const QString name = MessageBox::getText(this, tr("Requester's name"),
            tr("The requester's name as they gave it. The letter is addressed to it, and calls of the number that "
               "name someone else wait for your decision."));
        if (!name.isEmpty()) {
            update(
                tr("Record the name"), [id = r.requestId, name](Requests& q) { return q.setRequesterName(id, name); },
                tr("Requester's name recorded."));
        }
        return;
    }
    const bool exclude = scheme == QLatin1String("exclude");
    if (!exclude && scheme != QLatin1String("confirm")) {
        return;
    }
    const QString reason = MessageBox::getText(this,
        exclude ? tr("Not the requester's call") : tr("The requester's call"),
        exclude ? tr("Why is %1 not the requester's (e.g. “their son, named on the call”)? It is left out of the pack "
                     "and no longer held by the request; the reason is kept with it.")
                      .arg(call)
                : tr("Why is %1 the requester's although it names someone else (e.g. “maiden name, confirmed by "
                     "phone”)? It goes in their pack; the reason is kept with it.")
                      .arg(call));
    if (reason.isEmpty()) {
        setDone(tr("Nothing changed: a decision on a call needs its reason."));
        return;
    }
    update(
        exclude ? tr("Leave the call out") : tr("Confirm the call"),
        [id = r.requestId, call, reason, exclude](Requests& q) {
            return q.decideCall(
                id, call, exclude ? RequestCall::Decision::Excluded : RequestCall::Decision::Confirmed, reason);
        },
        exclude ? tr("%1 left out of the request: not in its pack, no longer held by it.").arg(call)
                : tr("%1 confirmed as the requester's: it goes in the pack.").arg(call));
}

void RequestsWindow::newRequest()
{
    auto* dialog = new NewRequestDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewRequestDialog::submitted, this, [this, dialog] {
        const NewSubjectRequest request = dialog->request();
        m_statusText->setBusy(tr("Recording the request…"));
        ++m_pending;
        m_worker->run<Requests>(
            this, [request](Requests& q) { return q.create(request); },
            [this, dialog = QPointer<NewRequestDialog>(dialog)](Result<SubjectRequest> r) {
                --m_pending;
                if (!r) {
                    setDone(tr("The request was not recorded: %1").arg(r.errorMessage()));
                    if (dialog) {
                        dialog->failed(r.errorMessage()); // what was typed stays, to be corrected
                    }
                    return;
                }
                if (dialog) {
                    dialog->succeeded();
                }
                m_wanted = r->requestId;
                const QString name = r->reference.isEmpty() ? r->requestId : r->reference;
                const int calls = int(r->callIds.size());
                QString done = r->deadline.isValid()
                    ? tr("Request %1 recorded: due %2; %n call(s) held.", nullptr, calls)
                          .arg(name, r->deadline.toString(Qt::ISODate))
                    : tr("Request %1 recorded: the month starts when identity is confirmed; %n call(s) held.", nullptr,
                        calls)
                          .arg(name);
                if (calls == 0) {
                    done += QLatin1Char(' ')
                        + tr("No call in the cache was made to that number: check it against the request (the "
                             "answer may be that none is held).");
                }
                setDone(done);
                refresh();
                Q_EMIT requestsChanged();
            });
    });
    dialog->show();
}

void RequestsWindow::update(const QString& title, std::function<Status(Requests&)> work, const QString& done)
{
    m_wanted = selected().requestId;
    ++m_pending;
    showDetails();
    m_worker->run<Requests>(
        this, [work = std::move(work)](Requests& q) { return work(q); },
        [this, title, done](Status st) {
            --m_pending;
            if (!st) {
                setDone(tr("%1: %2").arg(title, st.errorMessage()));
                MessageBox::critical(this, title, st.errorMessage());
                return;
            }
            setDone(done);
            refresh();
            Q_EMIT requestsChanged();
        });
}

void RequestsWindow::buildPack(const QString& zipPath, bool identityUnconfirmed)
{
    const QString id = selected().requestId;
    if (id.isEmpty()) {
        return;
    }
    DsarPackOptions options;
    options.audio = m_audio->isChecked();
    options.identityUnconfirmed = identityUnconfirmed;
    auto progress = std::make_shared<Progress>();
    m_statusText->setBusy(options.audio
            ? tr("Building the pack: anonymising the transcripts and bleeping the recordings…")
            : tr("Building the pack: anonymising the transcripts…"),
        progress);
    ++m_pending;
    showDetails();
    m_worker->run<DsarPack>(
        this,
        [id, zipPath, options, progress](DsarPack& pack) { return pack.write(id, zipPath, options, progress.get()); },
        [this](Result<DsarPackSummary> s) {
            --m_pending;
            if (!s && Progress::isCancelledMessage(s.errorMessage())) {
                setDone(s.errorMessage());
                showDetails();
                return;
            }
            if (!s) {
                setDone(tr("The pack was not written: %1").arg(s.errorMessage()));
                MessageBox::critical(this, tr("Subject access pack"), s.errorMessage());
                showDetails();
                return;
            }
            setDone(tr("Pack written: %1 (%n call(s), %2 redactions, %3), signed with key %4. Check it, then send "
                       "it and mark the request completed.",
                nullptr, s->calls)
                        .arg(QDir::toNativeSeparators(s->zipPath))
                        .arg(s->redacted)
                        .arg(QLocale().formattedDataSize(s->bytes))
                        .arg(s->keyId));
            showDetails();
        });
}

void RequestsWindow::setDone(const QString& text)
{
    m_statusText->setDone(text);
    Q_EMIT message(text);
}

QString RequestsWindow::statusText() const
{
    return m_statusText->text();
}

} // namespace Earmark::Gui

#include "ui/quality/ReportsWindow.h"

#include "cache/AuditTrail.h"
#include "cache/CacheWorker.h"
#include "core/Files.h"
#include "ui/evaluation/EvaluationPdf.h"
#include "ui/quality/ReportCharts.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QString number(const std::optional<double>& v)
{
    return v ? QString::number(*v, 'f', 1) : QString();
}

void fill(QTableWidget* table, const QList<QStringList>& rows)
{
    table->setSortingEnabled(false);
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows[r].size(); ++c) {
            auto* item = new QTableWidgetItem;
            bool isNumber = false;
            const double v = rows[r][c].toDouble(&isNumber);
            item->setData(Qt::DisplayRole, isNumber ? QVariant(v) : QVariant(rows[r][c]));
            item->setToolTip(rows[r][c]);
            table->setItem(r, c, item);
        }
    }
    table->setSortingEnabled(true);
}

QTableWidget* table(const QStringList& headers, QWidget* parent)
{
    auto* t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    // The first column (a name or a question) takes the width left and wraps; the figures fit their contents. The
    // table never scrolls sideways.
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    t->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    t->setWordWrap(true);
    t->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    return t;
}
} // namespace

ReportsWindow::ReportsWindow(CacheWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_from(new QDateEdit(QDate::currentDate().addMonths(-3), this))
    , m_to(new QDateEdit(QDate::currentDate(), this))
    , m_agent(new QComboBox(this))
    , m_campaign(new QComboBox(this))
    , m_grouping(new QComboBox(this))
    , m_charts(new ReportCharts(this))
    , m_summary(table({tr("Group"), tr("Evaluations"), tr("Average score"), tr("Pass rate %"), tr("Auto-fails")}, this))
    , m_questions(table({tr("Question"), tr("Answered"), tr("Failed"), tr("Failure rate %")}, this))
    , m_status(new QLabel(this))
{
    setWindowTitle(tr("Quality reports"));
    setObjectName(QStringLiteral("reportsWindow"));
    m_agent->setObjectName(QStringLiteral("reportAgent"));
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_agent->addItem(tr("All researchers"), QString());
    m_campaign->addItem(tr("All campaigns"), QString());
    m_grouping->addItem(tr("Researcher"), int(ReportGrouping::Agent));
    m_grouping->addItem(tr("Campaign"), int(ReportGrouping::Campaign));
    m_grouping->addItem(tr("Week"), int(ReportGrouping::Week));
    m_grouping->addItem(tr("Month"), int(ReportGrouping::Month));
    m_grouping->addItem(tr("Day"), int(ReportGrouping::Day));
    auto* refreshButton = new QPushButton(tr("&Refresh"), this);
    auto* csvButton = new QPushButton(tr("Export &CSV"), this);
    auto* pdfButton = new QPushButton(tr("Researcher &PDF…"), this);
    pdfButton->setToolTip(tr("The selected researcher's summary for the period, to hand to them"));
    auto* csvMenu = new QMenu(csvButton);
    csvButton->setMenu(csvMenu);

    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Calls from"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to"), this));
    filters->addWidget(m_to);
    filters->addWidget(m_agent);
    filters->addWidget(m_campaign);
    filters->addWidget(new QLabel(tr("by"), this));
    filters->addWidget(m_grouping);
    filters->addWidget(refreshButton);
    filters->addStretch(1);
    filters->addWidget(csvButton);
    filters->addWidget(pdfButton);
    auto* tables = new QSplitter(this);
    tables->addWidget(m_summary);
    tables->addWidget(m_questions);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_charts);
    split->addWidget(tables);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(1200, 800);
    for (QPushButton* b : findChildren<QPushButton*>()) {
        b->setAutoDefault(false);
    }
    refreshButton->setDefault(true); // Return in a filter refreshes

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(refreshButton, &QPushButton::clicked, this, &ReportsWindow::refresh);
    for (QComboBox* c : {m_agent, m_campaign, m_grouping}) {
        connect(c, &QComboBox::activated, this, &ReportsWindow::refresh);
    }
    for (QDateEdit* d : {m_from, m_to}) {
        connect(d, &QDateEdit::editingFinished, this, &ReportsWindow::refresh);
    }
    auto csv = [this](CsvKind kind, const QString& name) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), name, tr("CSV (*.csv)"));
        if (!path.isEmpty()) {
            exportCsv(kind, path);
        }
    };
    connect(csvMenu->addAction(tr("Summary table")), &QAction::triggered, this,
        [csv] { csv(CsvKind::Summary, QStringLiteral("quality-summary.csv")); });
    connect(csvMenu->addAction(tr("Question failure rates")), &QAction::triggered, this,
        [csv] { csv(CsvKind::Questions, QStringLiteral("quality-questions.csv")); });
    connect(csvMenu->addAction(tr("Every evaluation")), &QAction::triggered, this,
        [csv] { csv(CsvKind::Evaluations, QStringLiteral("quality-evaluations.csv")); });
    connect(pdfButton, &QPushButton::clicked, this, [this] {
        if (m_agent->currentData().toString().isEmpty()) {
            m_status->setText(tr("Choose a researcher first: the PDF is one researcher's summary."));
            return;
        }
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the researcher's summary"),
            QStringLiteral("quality-%1.pdf").arg(m_agent->currentData().toString()), tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            exportAgentPdf(path);
        }
    });
    connect(this, &ReportsWindow::exported, this, [this](const QString& path, const QString& error) {
        m_status->setText(error.isEmpty() ? tr("Saved %1").arg(path) : error);
        if (error.isEmpty()) {
            const QString native = QDir::toNativeSeparators(path);
            m_worker->run<AuditTrail>(
                this, [native](AuditTrail& t) { return t.record(QStringLiteral("report.export"), {}, native); },
                [](Status) {});
        }
    });
}

void ReportsWindow::setRange(const QDate& from, const QDate& to)
{
    m_from->setDate(from);
    m_to->setDate(to);
}

void ReportsWindow::setAgent(const QString& agentId)
{
    if (m_agent->findData(agentId) < 0) {
        m_agent->addItem(agentId, agentId);
    }
    m_agent->setCurrentIndex(m_agent->findData(agentId));
}

void ReportsWindow::setGrouping(ReportGrouping grouping)
{
    m_grouping->setCurrentIndex(m_grouping->findData(int(grouping)));
}

ReportGrouping ReportsWindow::grouping() const
{
    return ReportGrouping(m_grouping->currentData().toInt());
}

ReportFilter ReportsWindow::filter() const
{
    ReportFilter f;
    f.fromUtc = QDateTime(m_from->date(), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    f.toUtc = QDateTime(m_to->date().addDays(1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
    f.agentId = m_agent->currentData().toString();
    f.campaign = m_campaign->currentData().toString();
    return f;
}

void ReportsWindow::refresh()
{
    const ReportFilter f = filter();
    const ReportGrouping g = grouping();
    // A daily trend for up to six weeks, weekly for up to six months, monthly beyond: enough points to read a trend.
    const qint64 days = m_from->date().daysTo(m_to->date());
    const ReportGrouping trend = days > 183 ? ReportGrouping::Month
        : days > 42                         ? ReportGrouping::Week
                                            : ReportGrouping::Day;
    m_status->setText(tr("Computing…"));
    m_worker->run<Reports>(
        this, [f, g, trend](Reports& reports) { return reports.overview(f, g, trend, 5000); },
        [this](Result<ReportOverview> overview) {
            showData(overview);
            Q_EMIT refreshed();
        });
}

void ReportsWindow::showData(const Result<ReportOverview>& overview)
{
    if (!overview) {
        // Nothing half-read is kept: the exports say why there is nothing to export.
        m_data = {};
        m_readError = overview.errorMessage();
        m_status->setText(m_readError);
        return;
    }
    m_data = overview.value();
    m_readError.clear();
    const ReportOverview& d = m_data;
    for (auto [combo, items] : {std::pair {m_agent, d.agents}, std::pair {m_campaign, d.campaigns}}) {
        const QString current = combo->currentData().toString();
        while (combo->count() > 1) {
            combo->removeItem(1);
        }
        for (const QString& item : items) {
            combo->addItem(combo == m_agent ? d.agentLabel(item) : item, item);
        }
        combo->setCurrentIndex(std::max(0, combo->findData(current)));
    }
    QList<QStringList> rows;
    int total = 0;
    // Researchers by name (the id too: names repeat), as the call list names them; the CSV keeps the ids.
    const bool byAgent = grouping() == ReportGrouping::Agent;
    QList<ReportRow> shown = d.summary;
    for (ReportRow& r : shown) {
        if (byAgent) {
            r.key = d.agentLabel(r.key);
        }
    }
    for (const ReportRow& r : shown) {
        rows << QStringList {r.key, QString::number(r.evaluations), number(r.averageScore),
            QString::number(r.passRate * 100, 'f', 1), QString::number(r.autoFails)};
        total += r.evaluations;
    }
    fill(m_summary, rows);
    rows.clear();
    for (const QuestionFailure& q : d.questions) {
        rows << QStringList {
            q.text, QString::number(q.answered), QString::number(q.failed), QString::number(q.rate() * 100, 'f', 1)};
    }
    fill(m_questions, rows);
    m_charts->setData(shown, m_grouping->currentText().toLower(), d.trend);
    m_status->setText(tr("%n submitted evaluation(s) in the period.", nullptr, total));
}

void ReportsWindow::exportCsv(CsvKind kind, const QString& path)
{
    if (kind != CsvKind::Evaluations && !m_readError.isEmpty()) {
        Q_EMIT exported(path, tr("Nothing was exported: the report cannot be read (%1).").arg(m_readError));
        return;
    }
    QString csv;
    switch (kind) {
    case CsvKind::Summary:
        csv = Reports::summaryCsv(m_data.summary, grouping());
        break;
    case CsvKind::Questions:
        csv = Reports::questionsCsv(m_data.questions);
        break;
    case CsvKind::Evaluations: {
        const ReportFilter f = filter();
        m_worker->run<Reports>(
            this,
            [f](Reports& reports) -> Result<QString> {
                auto evaluations = reports.evaluations(f);
                if (!evaluations) {
                    return evaluations.error();
                }
                return Reports::evaluationsCsv(evaluations.value());
            },
            [this, path](Result<QString> text) {
                // A read error is reported, never exported as an empty file.
                Q_EMIT exported(
                    path, text ? Files::writeAtomically(path, text->toUtf8()).errorMessage() : text.errorMessage());
            });
        return;
    }
    }
    Q_EMIT exported(path, Files::writeAtomically(path, csv.toUtf8()).errorMessage());
}

void ReportsWindow::exportAgentPdf(const QString& path)
{
    if (!m_readError.isEmpty()) {
        Q_EMIT exported(path, tr("Nothing was exported: the report cannot be read (%1).").arg(m_readError));
        return;
    }
    const QString agent = m_agent->currentData().toString();
    if (agent.isEmpty() || m_data.summary.isEmpty()) {
        Q_EMIT exported(path, tr("Choose a researcher with evaluations in the period first."));
        return;
    }
    EvaluationPdf::AgentSummary s;
    s.agentId = m_data.agentLabel(agent);
    s.periodLabel = tr("Calls from %1 to %2")
                        .arg(m_from->date().toString(QStringLiteral("d MMM yyyy")),
                            m_to->date().toString(QStringLiteral("d MMM yyyy")));
    for (const ReportRow& r : m_data.summary) {
        s.total.evaluations += r.evaluations;
        s.total.autoFails += r.autoFails;
    }
    // The whole period's average and pass rate, weighted by the evaluations of each row.
    double scoreSum = 0;
    double passSum = 0;
    for (const ReportRow& r : m_data.summary) {
        scoreSum += r.averageScore.value_or(0) * r.evaluations;
        passSum += r.passRate * r.evaluations;
    }
    if (s.total.evaluations > 0) {
        s.total.averageScore = scoreSum / s.total.evaluations;
        s.total.passRate = passSum / s.total.evaluations;
    }
    s.trend = m_data.trend;
    s.questions = m_data.questions;
    s.evaluations = m_data.evaluations;
    Q_EMIT exported(path, EvaluationPdf::writeAgentSummary(path, s).errorMessage());
}

} // namespace Earmark::Gui

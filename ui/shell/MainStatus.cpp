#include "ui/shell/MainStatus.h"

#include "sync/SyncReport.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>

namespace Earmark::Gui {

MainStatus::MainStatus(QStatusBar* bar)
    : QObject(bar)
    , m_text(new QLabel(bar))
    , m_progress(new QProgressBar(bar))
{
    m_text->setObjectName(QStringLiteral("statusText"));
    m_progress->setMaximumWidth(260);
    m_progress->hide();
    bar->addWidget(m_text, 1);
    bar->addPermanentWidget(m_progress);
}

void MainStatus::showMessage(const QString& message)
{
    if (isBusy()) {
        m_progress->hide(); // the step it showed is over
    }
    m_text->setText(message);
    m_messageShown.start();
}

void MainStatus::showBusy(const QString& message)
{
    m_progress->setRange(0, 0); // a busy bar: the length is not known
    m_progress->show();
    m_text->setText(message);
}

bool MainStatus::isBusy() const
{
    return m_progress->isVisible() && m_progress->maximum() == 0;
}

void MainStatus::showIdle(const QString& text)
{
    if (!m_syncing && (!m_messageShown.isValid() || m_messageShown.elapsed() > MessageMs)) {
        m_text->setText(text);
    }
}

void MainStatus::showSyncProgress(const SyncProgress& p)
{
    m_syncing = true;
    m_progress->show();
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(1, p.callsTotal)));
    m_progress->setValue(static_cast<int>(p.callsDone));
    m_text->setText(
        tr("Syncing: %1 of %2 calls, %3 KB read").arg(p.callsDone).arg(p.callsTotal).arg(p.bytesDone / 1024));
}

void MainStatus::syncEnded(const QString& error)
{
    m_syncing = false;
    m_progress->hide();
    if (!error.isEmpty()) {
        m_text->setText(tr("Sync failed: %1").arg(error));
    }
}

void MainStatus::setText(const QString& text)
{
    m_text->setText(text);
}

QString MainStatus::text() const
{
    return m_text->text();
}

} // namespace Earmark::Gui

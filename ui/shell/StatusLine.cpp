#include "ui/shell/StatusLine.h"

#include "core/Progress.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

namespace Earmark::Gui {

StatusLine::StatusLine(QWidget* parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_poll(new QTimer(this))
{
    m_text->setObjectName(QStringLiteral("statusLineText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse); // a path or key id can be copied from it
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel);
    m_cancel->setObjectName(QStringLiteral("statusLineCancel"));
    m_cancel->setToolTip(tr("Stop: nothing is written"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_work) {
            m_work->cancel();
            m_cancel->setEnabled(false);
            m_text->setText(tr("Cancelling…"));
        }
    });
    m_poll->setInterval(150);
    connect(m_poll, &QTimer::timeout, this, &StatusLine::showProgress);
}

void StatusLine::setBusy(const QString& text, std::shared_ptr<Progress> progress)
{
    m_busy = true;
    m_work = std::move(progress);
    m_text->setText(text);
    m_progress->setRange(0, 0);
    m_progress->setFormat(tr("%v of %m"));
    m_progress->show();
    m_cancel->setVisible(m_work != nullptr);
    m_cancel->setEnabled(true);
    if (m_work) {
        m_poll->start();
    }
}

void StatusLine::showProgress()
{
    if (m_work && m_work->total() > 0) {
        m_progress->setRange(0, int(m_work->total()));
        m_progress->setValue(int(m_work->done()));
    }
}

void StatusLine::setDone(const QString& text)
{
    m_busy = false;
    m_poll->stop();
    m_work.reset();
    m_progress->hide();
    m_cancel->hide();
    m_text->setText(text);
}

QString StatusLine::text() const
{
    return m_text->text();
}

} // namespace Earmark::Gui

#include "ui/shell/StatusLine.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

namespace Earmark::Gui {

StatusLine::StatusLine(QWidget* parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_progress(new QProgressBar(this))
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
}

void StatusLine::setBusy(const QString& text)
{
    m_busy = true;
    m_text->setText(text);
    m_progress->show();
}

void StatusLine::setDone(const QString& text)
{
    m_busy = false;
    m_progress->hide();
    m_text->setText(text);
}

QString StatusLine::text() const
{
    return m_text->text();
}

} // namespace Earmark::Gui

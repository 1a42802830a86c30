#include "ui/shell/ToolWindow.h"

#include <QKeySequence>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>

namespace Earmark::Gui {

ToolWindow::ToolWindow(QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_close(new QPushButton(tr("Close"), this))
{
    m_close->setObjectName(QStringLiteral("closeWindow"));
    m_close->setAutoDefault(false);
    connect(m_close, &QPushButton::clicked, this, &QWidget::close);
    for (const QKeySequence& key : {QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)}) {
        auto* shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, &QWidget::close);
    }
}

void ToolWindow::showEvent(QShowEvent* event)
{
    if (!m_placed && parentWidget()) {
        m_placed = true;
        const QRect over = parentWidget()->window()->geometry();
        QRect place(QPoint(0, 0), size());
        place.moveCenter(over.center());
        if (const QScreen* screen = parentWidget()->screen()) {
            const QRect room = screen->availableGeometry();
            place.moveLeft(std::clamp(place.left(), room.left(), std::max(room.left(), room.right() - place.width())));
            place.moveTop(std::clamp(place.top(), room.top(), std::max(room.top(), room.bottom() - place.height())));
        }
        move(place.topLeft());
    }
    QWidget::showEvent(event);
}

} // namespace Earmark::Gui

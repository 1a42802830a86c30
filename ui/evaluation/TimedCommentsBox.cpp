#include "ui/evaluation/TimedCommentsBox.h"

#include "core/TimeText.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

TimedCommentsBox::TimedCommentsBox(QWidget* parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_edit(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add"), this))
{
    m_list->setObjectName(QStringLiteral("timedComments"));
    m_list->setMaximumHeight(72);
    m_list->setToolTip(tr("Click a comment to hear that moment"));
    m_edit->setObjectName(QStringLiteral("commentEdit"));
    m_edit->setPlaceholderText(tr("Comment at the playhead (Ctrl+M), Enter to pin it"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_edit, 1);
    row->addWidget(m_add);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list); // shown once there are comments
    layout->addLayout(row);

    auto* commentKey = new QAction(this);
    commentKey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    commentKey->setShortcutContext(Qt::WindowShortcut);
    addAction(commentKey);
    connect(commentKey, &QAction::triggered, this, [this] {
        m_at = m_position ? m_position() : 0.0;
        m_edit->setFocus();
    });
    connect(m_edit, &QLineEdit::textEdited, this, [this](const QString& text) {
        if (!m_at && !text.isEmpty()) {
            m_at = m_position ? m_position() : 0.0; // the moment typing began
        }
    });
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { Q_EMIT commentEntered(m_edit->text()); });
    connect(m_add, &QPushButton::clicked, this, [this] { Q_EMIT commentEntered(m_edit->text()); });
    for (auto signal : {&QListWidget::itemActivated, &QListWidget::itemClicked}) {
        connect(m_list, signal, this,
            [this](QListWidgetItem* item) { Q_EMIT seekRequested(item->data(Qt::UserRole).toDouble()); });
    }
}

void TimedCommentsBox::setComments(
    const QList<TimedComment>& comments, const std::function<QString(const QString&)>& label)
{
    m_list->clear();
    for (const TimedComment& c : comments) {
        auto* item = new QListWidgetItem(QStringLiteral("%1  %2").arg(clockText(c.atS), c.text), m_list);
        item->setData(Qt::UserRole, c.atS);
        item->setToolTip(tr("%1 · click to hear this moment").arg(label(c.byUser)));
    }
    m_list->setVisible(m_list->count() > 0);
}

void TimedCommentsBox::clear()
{
    m_list->clear();
    m_list->hide();
}

void TimedCommentsBox::setInputEnabled(bool enabled)
{
    m_edit->setEnabled(enabled);
    m_add->setEnabled(enabled);
}

double TimedCommentsBox::takeMoment()
{
    const double at = m_at.value_or(m_position ? m_position() : 0.0);
    m_at.reset();
    m_edit->clear();
    return at;
}

} // namespace Earmark::Gui

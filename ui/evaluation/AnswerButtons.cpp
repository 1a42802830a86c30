#include "ui/evaluation/AnswerButtons.h"

#include <QBoxLayout>
#include <QButtonGroup>
#include <QKeyEvent>
#include <QLabel>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <QStylePainter>
#include <QToolButton>

namespace Earmark::Gui {

namespace {
// The chosen answer in the selection colours, so that it reads at a glance, editable or not. The buttons never take
// focus (one tab stop per question): the row's focus is a frame round it.
const QString kStyle
    = QStringLiteral("QToolButton { padding: 3px 7px; border: 1px solid palette(mid); background: palette(button); }"
                     "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
                     " border-color: palette(highlight); font-weight: bold; }"
                     "QToolButton:hover:!checked { background: palette(light); }"
                     // Read-only (a submitted evaluation): the answers not chosen are plain text, nothing to press.
                     "QToolButton[answerReadOnly=\"true\"]:!checked { border-color: transparent;"
                     " background: transparent; color: palette(mid); }");
} // namespace

AnswerButtons::AnswerButtons(Layout layout, QWidget* parent)
    : QWidget(parent)
    , m_layout(new QBoxLayout(layout == Layout::Row ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom, this))
    , m_group(new QButtonGroup(this))
    , m_caption(new QLabel(this))
{
    m_layout->setContentsMargins(2, 2, 2, 2);
    m_layout->setSpacing(0);
    if (layout == Layout::Row) {
        m_layout->addSpacing(8);
        m_layout->addWidget(m_caption, 1);
    } else {
        m_caption->hide(); // each answer is whole on its own line
    }
    // The caption never widens the row: it takes what room is left.
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_caption->setObjectName(QStringLiteral("answerCaption"));
    m_caption->setTextFormat(Qt::PlainText);
    m_group->setExclusive(true);
    setFocusPolicy(Qt::StrongFocus);
    setStyleSheet(kStyle);
    connect(m_group, &QButtonGroup::idClicked, this, [this] {
        showCaption();
        Q_EMIT changed();
    });
}

void AnswerButtons::addChoice(const QString& text, const QVariant& value, const QString& caption, int key)
{
    auto* b = new QToolButton(this);
    b->setText(text);
    b->setCheckable(true);
    b->setFocusPolicy(Qt::NoFocus);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    b->installEventFilter(this);
    const int index = int(m_choices.size());
    const int digit = key == -1 ? (index < 9 ? index + 1 : NoKey) : key;
    m_choices.append({value, caption, digit});
    m_group->addButton(b, index);
    m_layout->insertWidget(index, b);
    if (m_layout->direction() == QBoxLayout::TopToBottom) {
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }
    const QString what = caption.isEmpty() ? text : caption;
    b->setToolTip(digit == NoKey ? what : tr("%1 (key %2)").arg(what).arg(digit));
}

int AnswerButtons::count() const
{
    return int(m_choices.size());
}

QToolButton* AnswerButtons::button(int index) const
{
    return qobject_cast<QToolButton*>(m_group->button(index));
}

int AnswerButtons::checkedIndex() const
{
    return m_group->checkedId();
}

QVariant AnswerButtons::value() const
{
    const int i = checkedIndex();
    return i >= 0 ? m_choices.at(i).value : QVariant();
}

bool AnswerButtons::setValue(const QVariant& value)
{
    if (!value.isValid()) {
        choose(-1);
        return true;
    }
    for (int i = 0; i < m_choices.size(); ++i) {
        if (m_choices.at(i).value == value) {
            choose(i);
            return true;
        }
    }
    return false;
}

void AnswerButtons::choose(int index)
{
    if (index == checkedIndex()) {
        return;
    }
    if (index < 0) {
        // An exclusive group keeps one button checked: let go of it to clear the answer.
        m_group->setExclusive(false);
        if (QAbstractButton* b = m_group->checkedButton()) {
            b->setChecked(false);
        }
        m_group->setExclusive(true);
    } else {
        m_group->button(index)->setChecked(true);
    }
    showCaption();
    Q_EMIT changed();
}

void AnswerButtons::showCaption()
{
    const int i = checkedIndex();
    m_caption->setText(i >= 0 ? m_choices.at(i).caption : QString());
}

void AnswerButtons::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    setFocusPolicy(readOnly ? Qt::NoFocus : Qt::StrongFocus);
    for (QAbstractButton* b : m_group->buttons()) {
        b->setProperty("answerReadOnly", readOnly);
        b->style()->unpolish(b);
        b->style()->polish(b);
        b->update();
    }
}

bool AnswerButtons::eventFilter(QObject* watched, QEvent* event)
{
    // Read-only, a click on an answer does nothing (the buttons stay enabled, so that they are not greyed out).
    const bool click = event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonRelease
        || event->type() == QEvent::MouseButtonDblClick;
    return (m_readOnly && click) || QWidget::eventFilter(watched, event);
}

void AnswerButtons::keyPressEvent(QKeyEvent* event)
{
    if (m_readOnly) {
        QWidget::keyPressEvent(event);
        return;
    }
    // Shortcuts with Ctrl, Alt or Meta belong to the window (Ctrl+Space plays), never to an answer.
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    const int key = event->key();
    const int current = checkedIndex();
    if (key >= Qt::Key_0 && key <= Qt::Key_9) {
        for (int i = 0; i < m_choices.size(); ++i) {
            if (m_choices.at(i).key == key - Qt::Key_0) {
                choose(i);
                return;
            }
        }
    } else if (key == Qt::Key_Left || key == Qt::Key_Right) {
        const int next
            = key == Qt::Key_Left ? std::max(0, current - 1) : std::min(int(m_choices.size()) - 1, current + 1);
        choose(next);
        return;
    } else if (key == Qt::Key_Delete || key == Qt::Key_Backspace) {
        choose(-1);
        return;
    } else if (!event->text().isEmpty() && event->text().at(0).isLetter()) {
        // The first letter of an answer (Y, N, the option's initial): the first one after the current that has it.
        const QChar letter = event->text().at(0).toLower();
        for (int step = 1; step <= m_choices.size(); ++step) {
            const int i = (std::max(current, -1) + step) % int(m_choices.size());
            const QString text = m_group->button(i)->text();
            if (!text.isEmpty() && text.at(0).toLower() == letter) {
                choose(i);
                return;
            }
        }
    }
    QWidget::keyPressEvent(event);
}

void AnswerButtons::focusInEvent(QFocusEvent* event)
{
    update();
    QWidget::focusInEvent(event);
}

void AnswerButtons::focusOutEvent(QFocusEvent* event)
{
    update();
    QWidget::focusOutEvent(event);
}

void AnswerButtons::paintEvent(QPaintEvent*)
{
    if (!hasFocus()) {
        return;
    }
    QStylePainter p(this);
    QStyleOptionFocusRect option;
    option.initFrom(this);
    option.rect = rect();
    p.drawPrimitive(QStyle::PE_FrameFocusRect, option);
}

} // namespace Earmark::Gui

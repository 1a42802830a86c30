#pragma once

#include <QVariant>
#include <QWidget>

class QButtonGroup;
class QBoxLayout;
class QLabel;
class QToolButton;

namespace Earmark::Gui {

// A short choice as a row of segmented buttons (Yes / No / N/A, a labelled scale, a scorecard's options): one click
// answers, the chosen one stands out, and with the row focused a digit or the first letter picks an answer, the
// arrows move it and Delete clears it. Read-only it stays readable (not greyed): the answer highlighted, nothing
// clickable. The row never changes size as it is answered.
class AnswerButtons : public QWidget
{
    Q_OBJECT

public:
    enum class Layout
    {
        Row, // segmented, side by side (yes/no, scales)
        Column, // one under the other (choices with long labels), still one tab stop
    };
    explicit AnswerButtons(Layout layout = Layout::Row, QWidget* parent = nullptr);

    static constexpr int NoKey = -2;
    // key: the digit that picks it (-1: its position, from 1; NoKey: none, its letter only); caption: what it means,
    // said beside the row when it is chosen.
    void addChoice(const QString& text, const QVariant& value, const QString& caption = {}, int key = -1);

    QVariant value() const; // invalid when not answered
    // Chooses the answer with this value (an invalid value clears it); false when there is none. Emits changed().
    bool setValue(const QVariant& value);
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    QToolButton* button(int index) const;
    int count() const;

Q_SIGNALS:
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    struct Choice
    {
        QVariant value;
        QString caption;
        int key = 0;
    };
    int checkedIndex() const;
    void choose(int index);
    void showCaption();

    QBoxLayout* m_layout;
    QButtonGroup* m_group;
    QLabel* m_caption;
    QList<Choice> m_choices;
    bool m_readOnly = false;
};

} // namespace Earmark::Gui

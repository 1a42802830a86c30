#pragma once

#include "quality/Evaluation.h"

#include <QWidget>
#include <functional>
#include <optional>

class QLineEdit;
class QListWidget;
class QPushButton;

namespace Earmark::Gui {

// An evaluation's comments pinned to moments of the call: the list (click one to hear that moment) and the line to
// type a new one. The moment is the playhead when Ctrl+M was pressed or typing began.
class TimedCommentsBox : public QWidget
{
    Q_OBJECT

public:
    explicit TimedCommentsBox(QWidget* parent = nullptr);

    void setPositionSource(std::function<double()> position) { m_position = std::move(position); }
    void setComments(const QList<TimedComment>& comments, const std::function<QString(const QString&)>& label);
    void clear();
    void setInputEnabled(bool enabled);
    // The moment the comment being typed belongs to; clears the line for the next one.
    double takeMoment();

    QListWidget* list() const { return m_list; }

Q_SIGNALS:
    void commentEntered(const QString& text);
    void seekRequested(double seconds);

private:
    std::function<double()> m_position;
    std::optional<double> m_at;
    QListWidget* m_list;
    QLineEdit* m_edit;
    QPushButton* m_add;
};

} // namespace Earmark::Gui

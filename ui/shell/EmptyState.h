#pragma once

#include <QObject>
#include <QString>

class QAbstractItemView;
class QLabel;

namespace Earmark::Gui {

// What an empty list or table says instead of showing blank rows: a centred, wrapped line in the view ("Nothing is
// due: ..."), shown while the view has no row to show (none, or all hidden by a filter; call update() after
// hiding rows) and hidden as soon as one shows.
class EmptyState : public QObject
{
    Q_OBJECT

public:
    EmptyState(QAbstractItemView* view, const QString& text);

    void setText(const QString& text);
    QString text() const;
    // Whether the line shows now (the view has no visible row).
    bool isShown() const;
    void update();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void place();

    QAbstractItemView* m_view;
    QLabel* m_label;
};

} // namespace Earmark::Gui

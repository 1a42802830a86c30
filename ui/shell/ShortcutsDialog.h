#pragma once

#include <QDialog>

class QAction;

namespace Earmark::Gui {

// Every action with its shortcut, generated from the actions themselves so the list is never out of date.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);
};

} // namespace Earmark::Gui

#pragma once

#include <QWidget>

class QPushButton;

namespace Earmark::Gui {

// A window of its own beside the main window (Cases, Subject access requests): it closes with its Close button,
// Esc or Ctrl+W (the platform's Close), and it first opens centred over the main window and inside the screen,
// never over the main window's menu bar when no window manager places it. It keeps its place after that.
class ToolWindow : public QWidget
{
    Q_OBJECT

public:
    explicit ToolWindow(QWidget* parent = nullptr);

    // The Close button, for the subclass's bottom row.
    QPushButton* closeButton() const { return m_close; }

protected:
    void showEvent(QShowEvent* event) override;

private:
    QPushButton* m_close;
    bool m_placed = false;
};

} // namespace Earmark::Gui

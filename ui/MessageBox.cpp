#include "MessageBox.h"

namespace Earmark::Gui::MessageBox {

namespace {
QMessageBox::StandardButton g_next = QMessageBox::NoButton;
QString g_lastText;

QMessageBox::StandardButton show(QMessageBox::Icon icon, QWidget* parent, const QString& title, const QString& text)
{
    g_lastText = text;
    if (g_next != QMessageBox::NoButton) {
        return std::exchange(g_next, QMessageBox::NoButton);
    }
    QMessageBox box(icon, title, text, QMessageBox::Ok, parent);
    return static_cast<QMessageBox::StandardButton>(box.exec());
}
} // namespace

QMessageBox::StandardButton critical(QWidget* parent, const QString& title, const QString& text)
{
    return show(QMessageBox::Critical, parent, title, text);
}

QMessageBox::StandardButton information(QWidget* parent, const QString& title, const QString& text)
{
    return show(QMessageBox::Information, parent, title, text);
}

void setNextAnswer(QMessageBox::StandardButton answer)
{
    g_next = answer;
}

QString lastText()
{
    return g_lastText;
}

} // namespace Earmark::Gui::MessageBox

#include "ui/shell/MessageBox.h"

#include <QFileDialog>
#include <QInputDialog>
#include <optional>

namespace Earmark::Gui::MessageBox {

namespace {
QMessageBox::StandardButton g_next = QMessageBox::NoButton;
QList<QMessageBox::StandardButton> g_queue;
QString g_lastText;
std::optional<QString> g_nextText;
std::optional<QString> g_nextSave;

QMessageBox::StandardButton show(QMessageBox::Icon icon, QWidget* parent, const QString& title, const QString& text)
{
    g_lastText = text;
    if (!g_queue.isEmpty()) {
        return g_queue.takeFirst();
    }
    if (g_next != QMessageBox::NoButton) {
        return std::exchange(g_next, QMessageBox::NoButton);
    }
    QMessageBox box(icon, title, text,
        icon == QMessageBox::Question ? QMessageBox::Yes | QMessageBox::No : QMessageBox::Ok, parent);
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

QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text)
{
    return show(QMessageBox::Question, parent, title, text);
}

QString getText(QWidget* parent, const QString& title, const QString& label, bool multiLine, const QString& initial)
{
    g_lastText = label;
    if (g_nextText) {
        return *std::exchange(g_nextText, std::nullopt);
    }
    bool ok = false;
    const QString text = multiLine ? QInputDialog::getMultiLineText(parent, title, label, initial, &ok)
                                   : QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    return ok ? text.trimmed() : QString();
}

void setNextText(const QString& text)
{
    g_nextText = text;
}

QString getSaveFileName(QWidget* parent, const QString& title, const QString& suggested, const QString& filter)
{
    if (g_nextSave) {
        return *std::exchange(g_nextSave, std::nullopt);
    }
    return QFileDialog::getSaveFileName(parent, title, suggested, filter);
}

void setNextSaveFileName(const QString& path)
{
    g_nextSave = path;
}

void setNextAnswer(QMessageBox::StandardButton answer)
{
    g_next = answer;
}

void setNextAnswers(const QList<QMessageBox::StandardButton>& answers)
{
    g_queue = answers;
}

QString lastText()
{
    return g_lastText;
}

} // namespace Earmark::Gui::MessageBox

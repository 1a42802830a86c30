#pragma once

#include <QMessageBox>

namespace Earmark::Gui {

// Message boxes through one seam, so that tests can answer them without a blocking dialog
// (as KeePassXC's MessageBox::setNextAnswer).
namespace MessageBox {

QMessageBox::StandardButton critical(QWidget* parent, const QString& title, const QString& text);
QMessageBox::StandardButton information(QWidget* parent, const QString& title, const QString& text);
QMessageBox::StandardButton question(QWidget* parent, const QString& title, const QString& text);
// Asks for a line or a paragraph of text (multiLine); empty when cancelled.
QString getText(
    QWidget* parent, const QString& title, const QString& label, bool multiLine = false, const QString& initial = {});
// Test seam: the next getText returns this at once (an empty string: cancelled).
void setNextText(const QString& text);
// Asks where to save a file; empty when cancelled.
QString getSaveFileName(QWidget* parent, const QString& title, const QString& suggested, const QString& filter);
// Test seam: the next getSaveFileName returns this at once.
void setNextSaveFileName(const QString& path);
// Test seam: the next box returns this answer at once instead of showing; its text is kept for the test.
void setNextAnswer(QMessageBox::StandardButton answer);
// Test seam: the next boxes, in turn, return these (for a flow that asks and then tells).
void setNextAnswers(const QList<QMessageBox::StandardButton>& answers);
QString lastText();

} // namespace MessageBox
} // namespace Earmark::Gui

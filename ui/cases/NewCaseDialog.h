#pragma once

#include "cases/Cases.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Earmark::Gui {

// Opens a complaint, query or staff-safety case: its type, reference, the respondent's number (typed any way: every
// cached call of the number is linked) and the calls selected in the list.
class NewCaseDialog : public QDialog
{
    Q_OBJECT

public:
    NewCaseDialog(const QStringList& selectedCalls, QWidget* parent = nullptr);

    NewCase request() const;
    QComboBox* typeBox() const { return m_type; }
    QLineEdit* referenceEdit() const { return m_reference; }
    QLineEdit* phoneEdit() const { return m_phone; }
    QCheckBox* linkSelected() const { return m_linkSelected; }
    // "Every call of the number of C-…": the selected call's number, used without showing it.
    QCheckBox* useCallsNumber() const { return m_useNumber; }

    // Checks what was typed; when it can be sent, emits submitted() and stays open until the cache answers:
    // succeeded() closes it, failed() shows why and keeps everything typed.
    void accept() override;
    void succeeded();
    void failed(const QString& problem);

Q_SIGNALS:
    void submitted();

private:
    QStringList m_selected;
    QComboBox* m_type;
    QLineEdit* m_reference;
    QLineEdit* m_phone;
    QLineEdit* m_owner;
    QCheckBox* m_linkSelected;
    QCheckBox* m_useNumber;
    QLabel* m_problem;
    QPushButton* m_ok = nullptr;
};

} // namespace Earmark::Gui

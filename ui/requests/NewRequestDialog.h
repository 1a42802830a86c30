#pragma once

#include "requests/Requests.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

namespace Earmark::Gui {

// Records a subject access request however it came: by letter, e-mail, phone or in person (a request made verbally
// counts: the ICO's guidance), with the requester's number, the day it was received and whether identity was asked for.
class NewRequestDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewRequestDialog(QWidget* parent = nullptr);

    NewSubjectRequest request() const;
    QLineEdit* phoneEdit() const { return m_phone; }
    QLineEdit* referenceEdit() const { return m_reference; }
    QDateEdit* receivedEdit() const { return m_received; }
    QComboBox* channelBox() const { return m_channel; }
    QCheckBox* identityPending() const { return m_identity; }

    void accept() override;

private:
    QLineEdit* m_phone;
    QDateEdit* m_received;
    QComboBox* m_channel;
    QLineEdit* m_reference;
    QCheckBox* m_identity;
    QLineEdit* m_identityNote;
    QLabel* m_problem;
};

} // namespace Earmark::Gui

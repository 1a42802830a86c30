#pragma once

#include "requests/Requests.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;

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
    QLineEdit* nameEdit() const { return m_name; }
    QDateEdit* receivedEdit() const { return m_received; }
    QComboBox* channelBox() const { return m_channel; }
    QCheckBox* identityPending() const { return m_identity; }

    // Checks what was typed; when it can be sent, emits submitted() and stays open until the cache answers:
    // succeeded() closes it, failed() shows why and keeps everything typed.
    void accept() override;
    void succeeded();
    void failed(const QString& problem);

Q_SIGNALS:
    void submitted();

private:
    QLineEdit* m_phone;
    QDateEdit* m_received;
    QComboBox* m_channel;
    QLineEdit* m_reference;
    QLineEdit* m_name;
    QCheckBox* m_identity;
    QLineEdit* m_identityNote;
    QLabel* m_problem;
    QPushButton* m_ok = nullptr;
};

} // namespace Earmark::Gui

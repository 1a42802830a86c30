#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QRadioButton;

namespace Earmark::Gui {

// Flags the moment being played as threatening or abusive (staff safety), with a note: the flag opens or joins the
// respondent's safety case and holds the call.
class FlagSafetyDialog : public QDialog
{
    Q_OBJECT

public:
    FlagSafetyDialog(const QString& callId, double seconds, QWidget* parent = nullptr);

    QString kind() const; // "threatening" or "abusive"
    QString note() const;
    qint64 atMs() const { return m_atMs; }
    QString callId() const { return m_callId; }
    QRadioButton* threateningButton() const { return m_threatening; }
    QRadioButton* abusiveButton() const { return m_abusive; }
    QPlainTextEdit* noteEdit() const { return m_note; }

private:
    QString m_callId;
    qint64 m_atMs;
    QRadioButton* m_threatening;
    QRadioButton* m_abusive;
    QPlainTextEdit* m_note;
};

} // namespace Earmark::Gui

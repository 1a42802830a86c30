#pragma once

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QDialogButtonBox;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Places a legal hold on the selected calls: a case reference and a reason, both required. The hold keeps the calls
// from retention and erasure until it is released.
class PlaceHoldDialog : public QDialog
{
    Q_OBJECT

public:
    PlaceHoldDialog(CacheWorker* worker, QStringList callIds, QWidget* parent = nullptr);

    QLineEdit* caseEdit() const { return m_case; }
    QPlainTextEdit* reasonEdit() const { return m_reason; }
    // "Already held: C-… by H-…" when some of the calls are held already (empty until the worker answers, or none).
    QString alreadyHeldText() const;
    // Places the hold with what the fields say (the OK button).
    void place();

Q_SIGNALS:
    // The hold's id and a sentence for the status line.
    void placed(const QString& holdId, const QString& message);

private:
    void updateOk();
    void showAlreadyHeld(const QStringList& lines);

    CacheWorker* m_worker;
    QStringList m_callIds;
    QLineEdit* m_case;
    QPlainTextEdit* m_reason;
    QLabel* m_alreadyHeld;
    QDialogButtonBox* m_buttons;
};

} // namespace Earmark::Gui

#pragma once

#include "training/ScenarioLibrary.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Flags a region of a call as a training scenario: title, category, learning objectives, notes, tags, difficulty.
// Only the region's anonymised transcript and bleeped audio are kept; the trainer's text is anonymised too.
class ScenarioDialog : public QDialog
{
    Q_OBJECT

public:
    ScenarioDialog(CacheWorker* worker, const QString& callId, double startS, double endS, QWidget* parent = nullptr);

    void setDetails(const Scenario& details);
    Scenario details() const;
    void save();

Q_SIGNALS:
    void saved(qint64 id, const QString& error);

private:
    CacheWorker* m_worker;
    QString m_callId;
    double m_start;
    double m_end;
    QLineEdit* m_title;
    QComboBox* m_category;
    QPlainTextEdit* m_objectives;
    QPlainTextEdit* m_notes;
    QLineEdit* m_tags;
    QSpinBox* m_difficulty;
};

} // namespace Earmark::Gui

#pragma once

#include "quality/EvaluationRepository.h"

#include <QDialog>
#include <functional>

class QTextBrowser;

namespace Earmark::Gui {

// An evaluation's history: every revision (who, when, score, why) and every change of state, with the reviewers'
// display names.
class EvaluationHistoryDialog : public QDialog
{
    Q_OBJECT

public:
    EvaluationHistoryDialog(const EvaluationHistory& history, const std::function<QString(const QString&)>& label,
        QWidget* parent = nullptr);

    QString text() const;

private:
    QTextBrowser* m_view;
};

} // namespace Earmark::Gui

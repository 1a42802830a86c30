#pragma once

#include "core/Result.h"
#include "quality/Evaluation.h"
#include "quality/Reports.h"

namespace Earmark::Gui::EvaluationPdf {

// One evaluation as a manager hands it to the tele researcher: the score and result, every section and answer,
// the comments pinned to the call, and the history of revisions and events.
Status write(const QString& path, const Evaluation& evaluation, const Scorecard::Template& scorecard,
    const QString& reviewer, const QList<EvaluationRevision>& revisions, const QList<EvaluationEvent>& events);

// A tele researcher's summary for a period: totals, the trend, the questions most often failed, each evaluation.
struct AgentSummary
{
    QString agentId; // as shown: "Priya Shah (TR101)", or the id alone when no name is known
    QString periodLabel; // e.g. "1 Nov 2026 to 30 Nov 2026"
    ReportRow total;
    QList<ReportRow> trend;
    QList<QuestionFailure> questions;
    QList<EvaluationSummary> evaluations;
};
Status writeAgentSummary(const QString& path, const AgentSummary& summary);

// The HTML that goes into the PDF (the same document; tests read it back with pdftotext).
QString evaluationHtml(const Evaluation& evaluation, const Scorecard::Template& scorecard, const QString& reviewer,
    const QList<EvaluationRevision>& revisions, const QList<EvaluationEvent>& events);

} // namespace Earmark::Gui::EvaluationPdf

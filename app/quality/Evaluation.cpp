#include "quality/Evaluation.h"

#include "scorecard/RecordingNoticeCheck.h"

#include <QCoreApplication>
#include <QObject>

namespace Earmark {

namespace {
struct StateNames
{
    EvaluationState state;
    const char* name;
    const char* label;
};
constexpr StateNames kStates[] = {
    {EvaluationState::Draft, "draft", QT_TRANSLATE_NOOP("Earmark", "Draft")},
    {EvaluationState::Submitted, "submitted", QT_TRANSLATE_NOOP("Earmark", "Submitted")},
    {EvaluationState::Acknowledged, "acknowledged", QT_TRANSLATE_NOOP("Earmark", "Acknowledged")},
    {EvaluationState::Disputed, "disputed", QT_TRANSLATE_NOOP("Earmark", "Disputed")},
    {EvaluationState::Resolved, "resolved", QT_TRANSLATE_NOOP("Earmark", "Resolved")},
};
} // namespace

QString stateName(EvaluationState state)
{
    for (const auto& s : kStates) {
        if (s.state == state) {
            return QLatin1String(s.name);
        }
    }
    return {};
}

QString stateLabel(EvaluationState state)
{
    for (const auto& s : kStates) {
        if (s.state == state) {
            return QCoreApplication::translate("Earmark", s.label);
        }
    }
    return {};
}

std::optional<EvaluationState> stateFromName(const QString& name)
{
    for (const auto& s : kStates) {
        if (name == QLatin1String(s.name)) {
            return s.state;
        }
    }
    return std::nullopt;
}

QStringList Evaluation::overridesMissingComment() const
{
    QStringList out;
    for (auto it = suggestions.begin(); it != suggestions.end(); ++it) {
        const QJsonValue a = answers.value(it.key());
        if (!a.isUndefined() && a.toString() != it->answer && overrides.value(it.key()).trimmed().isEmpty()) {
            out.append(it.key());
        }
    }
    out.sort();
    return out;
}

QList<Evaluation::DraftProblem> Evaluation::draftProblems(const Scorecard::Template& t) const
{
    QList<DraftProblem> problems;
    for (const Scorecard::Problem& p : Scorecard::checkAnswers(t, answers)) {
        const QString qid = p.path.section(QLatin1Char('.'), -1);
        const auto* q = t.question(qid);
        problems.append({q ? qid : QString(), (q ? q->text : p.path) + QStringLiteral(": ") + p.message});
    }
    for (const QString& qid : overridesMissingComment()) {
        const auto* q = t.question(qid);
        problems.append(
            {qid, QObject::tr("%1: say why your answer differs from the suggestion").arg(q ? q->text : qid)});
    }
    return problems;
}

QString Evaluation::agentLabel() const
{
    return agentName.isEmpty() ? agentId : QStringLiteral("%1 (%2)").arg(agentName, agentId);
}

QHash<QString, Suggestion> automaticSuggestions(const Scorecard::Template& t, const Transcript* transcript)
{
    QHash<QString, Suggestion> suggestions;
    if (!transcript) {
        return suggestions;
    }
    for (const Scorecard::Section& section : t.sections) {
        for (const Scorecard::Question& q : section.questions) {
            if (q.autoCheck != QLatin1String("recording_notice")) {
                continue;
            }
            if (const auto found = Scorecard::findRecordingNotice(*transcript, q.autoWithinS)) {
                suggestions.insert(q.id, {QStringLiteral("yes"), found->atS, found->heard});
            } else {
                suggestions.insert(q.id,
                    {QStringLiteral("no"), std::nullopt,
                        QObject::tr("no approved notice wording in the agent's first %1 s").arg(q.autoWithinS)});
            }
        }
    }
    return suggestions;
}

} // namespace Earmark

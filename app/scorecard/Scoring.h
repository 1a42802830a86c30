#pragma once

#include "scorecard/Scorecard.h"

#include <QJsonObject>

namespace Earmark::Scorecard {

// The outcome of scoring one set of answers (shared/spec/scorecard.md, "Scoring").
struct ScoreResult
{
    std::optional<double> score; // 0-100, one decimal; absent when no section is applicable
    bool pass = false;
    QString autoFail; // the question that triggered fail_form, or empty
    QList<QPair<QString, std::optional<double>>> sections; // in template order; absent: not applicable

    // {"score": 73.3, "result": "pass", "auto_fail": null, "sections": {"opening": 66.7}}
    QJsonObject toJson() const;
};

// Rounds to one decimal place, half away from zero (robust to binary representation: 12.45 -> 12.5).
double roundOneDecimal(double value);

// A scored question's fraction (0-1) for an answer by the rules, or nothing for "na", no answer or an unusable one.
std::optional<double> answerFraction(const Question& question, const QJsonValue& answer);

// Whether a question is shown for these answers (its show_if holds, or it has none).
bool isShown(const Question& question, const QJsonObject& answers);

// Answers that do not fit the template: unknown questions, wrong types, "na" where not allowed, required shown
// questions unanswered.
QList<Problem> checkAnswers(const Template& scorecard, const QJsonObject& answers);

// Scores answers by the rules (answers are assumed checked; anything unusable counts as not answered).
ScoreResult score(const Template& scorecard, const QJsonObject& answers);

// Reads an answers file ({"scorecard": id, "version": n, "answers": {...}}) for this template.
Result<QJsonObject> parseAnswersFile(const QByteArray& json, const Template& scorecard, QList<Problem>* problems);

} // namespace Earmark::Scorecard

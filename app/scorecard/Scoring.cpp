#include "scorecard/Scoring.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace Earmark::Scorecard {

namespace {
bool sameAnswer(const QJsonValue& a, const QJsonValue& b)
{
    if (a.isDouble() && b.isDouble()) {
        return a.toDouble() == b.toDouble();
    }
    return a == b;
}

bool holds(const QJsonObject& condition, const QJsonObject& answers)
{
    if (condition.contains(QStringLiteral("any"))) {
        for (const QJsonValue& c : condition.value(QStringLiteral("any")).toArray()) {
            if (holds(c.toObject(), answers)) {
                return true;
            }
        }
        return false;
    }
    if (condition.contains(QStringLiteral("all"))) {
        for (const QJsonValue& c : condition.value(QStringLiteral("all")).toArray()) {
            if (!holds(c.toObject(), answers)) {
                return false;
            }
        }
        return true;
    }
    return sameAnswer(answers.value(condition.value(QStringLiteral("question")).toString()),
        condition.value(QStringLiteral("answer")));
}

// The question's fraction for an answer, or nothing when not applicable.
std::optional<double> fraction(const Question& q, const QJsonValue& a)
{
    if (a.isUndefined() || a.isNull() || a.toString() == QLatin1String("na")) {
        return std::nullopt;
    }
    switch (q.type) {
    case Type::YesNo:
        if (a.toString() == QLatin1String("yes")) {
            return 1.0;
        }
        if (a.toString() == QLatin1String("no")) {
            return 0.0;
        }
        return std::nullopt;
    case Type::Scale:
        if (!a.isDouble() || a.toDouble() < q.min || a.toDouble() > q.max) {
            return std::nullopt;
        }
        return (a.toDouble() - q.min) / double(q.max - q.min);
    case Type::Choice: {
        double largest = 0;
        const Option* chosen = nullptr;
        for (const Option& o : q.options) {
            largest = std::max(largest, o.points);
            if (o.id == a.toString()) {
                chosen = &o;
            }
        }
        if (!chosen) {
            return std::nullopt;
        }
        return largest > 0 ? chosen->points / largest : 0.0;
    }
    case Type::Text:
        break;
    }
    return std::nullopt;
}

QJsonValue optionalNumber(const std::optional<double>& v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}
} // namespace

std::optional<double> answerFraction(const Question& question, const QJsonValue& answer)
{
    return fraction(question, answer);
}

double roundOneDecimal(double value)
{
    const double scaled = value * 10.0;
    // A nudge of a few ulps: 12.45 is stored as 12.4499999..., yet is a half to be rounded away from zero.
    const double nudge = std::abs(scaled) * 4 * std::numeric_limits<double>::epsilon();
    return std::round(scaled + (scaled >= 0 ? nudge : -nudge)) / 10.0;
}

QJsonObject ScoreResult::toJson() const
{
    QJsonObject s;
    for (const auto& [id, value] : sections) {
        s.insert(id, optionalNumber(value));
    }
    return QJsonObject {{QStringLiteral("score"), optionalNumber(score)},
        {QStringLiteral("result"), pass ? QStringLiteral("pass") : QStringLiteral("fail")},
        {QStringLiteral("auto_fail"), autoFail.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(autoFail)},
        {QStringLiteral("sections"), s}};
}

bool isShown(const Question& question, const QJsonObject& answers)
{
    return question.showIf.isEmpty() || holds(question.showIf, answers);
}

QList<Problem> checkAnswers(const Template& t, const QJsonObject& answers)
{
    QList<Problem> problems;
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QString path = QStringLiteral("$.answers.") + it.key();
        const Question* q = t.question(it.key());
        if (!q) {
            problems.append(
                {path, QStringLiteral("no question \"%1\" in %2 version %3").arg(it.key(), t.id).arg(t.version)});
            continue;
        }
        const QJsonValue a = it.value();
        if (a.toString() == QLatin1String("na") && q->type != Type::Text) {
            if (!q->naAllowed) {
                problems.append({path, QStringLiteral("\"na\" is not allowed for this question")});
            }
            continue;
        }
        switch (q->type) {
        case Type::YesNo:
            if (a.toString() != QLatin1String("yes") && a.toString() != QLatin1String("no")) {
                problems.append({path,
                    QStringLiteral("must be \"yes\", \"no\"%1")
                        .arg(q->naAllowed ? QStringLiteral(" or \"na\"") : QString())});
            }
            break;
        case Type::Scale:
            if (!a.isDouble() || std::floor(a.toDouble()) != a.toDouble() || a.toDouble() < q->min
                || a.toDouble() > q->max) {
                problems.append({path, QStringLiteral("must be a whole number from %1 to %2").arg(q->min).arg(q->max)});
            }
            break;
        case Type::Choice:
            if (!fraction(*q, a)) {
                QStringList ids;
                for (const Option& o : q->options) {
                    ids << o.id;
                }
                problems.append({path, QStringLiteral("must be one of %1").arg(ids.join(QStringLiteral(", ")))});
            }
            break;
        case Type::Text:
            if (!a.isString()) {
                problems.append({path, QStringLiteral("must be text")});
            }
            break;
        }
    }
    for (const Section& s : t.sections) {
        for (const Question& q : s.questions) {
            const QJsonValue a = answers.value(q.id);
            if (q.required && isShown(q, answers)
                && (a.isUndefined() || a.isNull() || (a.isString() && a.toString().isEmpty()))) {
                problems.append({QStringLiteral("$.answers.") + q.id, QStringLiteral("required, not answered")});
            }
        }
    }
    return problems;
}

ScoreResult score(const Template& t, const QJsonObject& answers)
{
    ScoreResult r;
    double formSum = 0;
    double formWeight = 0;
    for (const Section& s : t.sections) {
        double sum = 0;
        double weight = 0;
        bool failSection = false;
        for (const Question& q : s.questions) {
            if (!q.scored() || !isShown(q, answers)) {
                continue; // not shown: not applicable
            }
            const QJsonValue a = answers.value(q.id);
            const auto f = fraction(q, a);
            if (!f) {
                continue;
            }
            sum += *f * q.weight;
            weight += q.weight;
            Fail triggered = Fail::None;
            if (q.type == Type::YesNo && a.toString() == QLatin1String("no")) {
                triggered = q.critical;
            } else if (q.type == Type::Choice) {
                for (const Option& o : q.options) {
                    if (o.id == a.toString()) {
                        triggered = o.fail;
                    }
                }
            }
            if (triggered == Fail::Section) {
                failSection = true;
            } else if (triggered == Fail::Form && r.autoFail.isEmpty()) {
                r.autoFail = q.id;
            }
        }
        std::optional<double> sectionScore;
        if (weight > 0) {
            sectionScore = sum / weight;
        }
        if (failSection) {
            sectionScore = 0.0; // stays applicable
        }
        r.sections.append(
            {s.id, sectionScore ? std::optional<double>(roundOneDecimal(*sectionScore * 100)) : std::nullopt});
        if (sectionScore) {
            formSum += *sectionScore * s.weight;
            formWeight += s.weight;
        }
    }
    if (formWeight > 0) {
        r.score = roundOneDecimal(100 * formSum / formWeight);
    }
    if (!r.autoFail.isEmpty()) {
        r.score = 0.0;
    }
    r.pass = r.score && *r.score >= t.passMark && r.autoFail.isEmpty();
    return r;
}

Result<QJsonObject> parseAnswersFile(const QByteArray& json, const Template& t, QList<Problem>* problems)
{
    QList<Problem> found;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    QJsonObject answers;
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        found.append({QStringLiteral("$"), QStringLiteral("malformed JSON or not an object")});
    } else {
        const QJsonObject o = doc.object();
        if (o.value(QStringLiteral("scorecard")).toString() != t.id
            || o.value(QStringLiteral("version")).toInt() != t.version) {
            found.append({QStringLiteral("$.scorecard"),
                QStringLiteral("the answers are for %1 version %2, the template is %3 version %4")
                    .arg(o.value(QStringLiteral("scorecard")).toString())
                    .arg(o.value(QStringLiteral("version")).toInt())
                    .arg(t.id)
                    .arg(t.version)});
        }
        if (!o.value(QStringLiteral("answers")).isObject()) {
            found.append({QStringLiteral("$.answers"), QStringLiteral("must be an object of question id to answer")});
        }
        answers = o.value(QStringLiteral("answers")).toObject();
        found += checkAnswers(t, answers);
    }
    if (problems) {
        *problems = found;
    }
    if (!found.isEmpty()) {
        return makeError(found.first().text());
    }
    return answers;
}

} // namespace Earmark::Scorecard

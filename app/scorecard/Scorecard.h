#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <optional>

namespace Earmark::Scorecard {

// One problem found in a template or an answers file: where (a JSON path such as $.sections[0].weight) and what.
struct Problem
{
    QString path;
    QString message;
    QString text() const { return path + QStringLiteral(": ") + message; }
};

enum class Type
{
    YesNo,
    Scale,
    Choice,
    Text,
};

enum class Fail
{
    None,
    Section,
    Form,
};

struct Option
{
    QString id;
    QString label;
    double points = 0;
    Fail fail = Fail::None;
};

struct Question
{
    QString id;
    QString text;
    Type type = Type::YesNo;
    double weight = 1;
    Fail critical = Fail::None; // yes_no: "no" triggers it
    bool naAllowed = true;
    bool required = true;
    int min = 0;
    int max = 0;
    QList<Option> options;
    QJsonObject showIf; // empty: always shown
    QString autoCheck;
    double autoWithinS = 0;

    bool scored() const { return type != Type::Text; }
};

struct Section
{
    QString id;
    QString title;
    double weight = 1;
    QList<Question> questions;
};

// A scorecard template (shared/spec/scorecard.md, earmark.scorecard/1).
struct Template
{
    QString id;
    int version = 0;
    QString title;
    double passMark = 0;
    QList<Section> sections;

    const Question* question(const QString& questionId) const;

    // Parses and validates; every problem is reported (not only the first).
    static Result<Template> parse(const QByteArray& json, QList<Problem>* problems);
};

} // namespace Earmark::Scorecard

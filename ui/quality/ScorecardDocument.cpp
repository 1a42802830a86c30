#include "ui/quality/ScorecardDocument.h"

#include <QJsonDocument>
#include <QObject>

namespace Earmark::Gui {

void ScorecardDocument::setJson(const QByteArray& json)
{
    m_doc = QJsonDocument::fromJson(json).object();
}

QByteArray ScorecardDocument::json() const
{
    return QJsonDocument(m_doc).toJson(QJsonDocument::Indented);
}

QJsonArray ScorecardDocument::sections() const
{
    return m_doc.value(QStringLiteral("sections")).toArray();
}

QJsonObject ScorecardDocument::section(int s) const
{
    return sections().at(s).toObject();
}

void ScorecardDocument::setSection(int s, const QJsonObject& section)
{
    QJsonArray all = sections();
    all.replace(s, section);
    m_doc.insert(QStringLiteral("sections"), all);
}

QJsonArray ScorecardDocument::questions(int s) const
{
    return section(s).value(QStringLiteral("questions")).toArray();
}

void ScorecardDocument::setQuestions(int s, const QJsonArray& questions)
{
    QJsonObject so = section(s);
    so.insert(QStringLiteral("questions"), questions);
    setSection(s, so);
}

QJsonObject ScorecardDocument::question(int s, int q) const
{
    return questions(s).at(q).toObject();
}

void ScorecardDocument::setQuestion(int s, int q, const QJsonObject& question)
{
    QJsonArray all = questions(s);
    all.replace(q, question);
    setQuestions(s, all);
}

int ScorecardDocument::addSection()
{
    QJsonArray all = sections();
    const int n = int(all.size()) + 1;
    all.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("section-%1").arg(n)},
        {QStringLiteral("title"), QObject::tr("Section %1").arg(n)}, {QStringLiteral("weight"), 1},
        {QStringLiteral("questions"), QJsonArray()}});
    m_doc.insert(QStringLiteral("sections"), all);
    return n - 1;
}

int ScorecardDocument::addQuestion(int s)
{
    if (sections().isEmpty()) {
        addSection();
    }
    QJsonArray all = questions(s);
    // The first free id of the form question-n anywhere in the scorecard.
    int n = 1;
    while (QJsonDocument(m_doc).toJson().contains(QStringLiteral("\"question-%1\"").arg(n).toUtf8())) {
        ++n;
    }
    all.append(QJsonObject {{QStringLiteral("id"), QStringLiteral("question-%1").arg(n)},
        {QStringLiteral("text"), QObject::tr("New question")}, {QStringLiteral("type"), QStringLiteral("yes_no")},
        {QStringLiteral("weight"), 1}});
    setQuestions(s, all);
    return int(all.size()) - 1;
}

void ScorecardDocument::remove(int s, int q)
{
    if (q < 0) {
        QJsonArray all = sections();
        all.removeAt(s);
        m_doc.insert(QStringLiteral("sections"), all);
        return;
    }
    QJsonArray all = questions(s);
    all.removeAt(q);
    setQuestions(s, all);
}

std::optional<int> ScorecardDocument::move(int s, int q, int delta)
{
    QJsonArray all = q < 0 ? sections() : questions(s);
    const int from = q < 0 ? s : q;
    const int to = from + delta;
    if (to < 0 || to >= all.size()) {
        return std::nullopt;
    }
    const QJsonValue v = all.at(from);
    all.removeAt(from);
    all.insert(to, v);
    if (q < 0) {
        m_doc.insert(QStringLiteral("sections"), all);
    } else {
        setQuestions(s, all);
    }
    return to;
}

} // namespace Earmark::Gui

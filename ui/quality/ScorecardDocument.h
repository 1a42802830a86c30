#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace Earmark::Gui {

// The scorecard the editor holds, as its JSON: the template's fields, its sections and their questions by index,
// and what the tree does to them (add, remove, move). Not validated here: the editor checks it as it changes.
class ScorecardDocument
{
public:
    void setJson(const QByteArray& json);
    QByteArray json() const; // indented, as a file holds it

    const QJsonObject& object() const { return m_doc; }
    // A field of the template itself ("id", "title", "pass_mark", "version", ...).
    QJsonValue value(const QString& key) const { return m_doc.value(key); }
    void setObject(const QJsonObject& doc) { m_doc = doc; }
    void insert(const QString& key, const QJsonValue& value) { m_doc.insert(key, value); }

    QJsonArray sections() const;
    QJsonObject section(int s) const;
    void setSection(int s, const QJsonObject& section);
    QJsonObject question(int s, int q) const;
    void setQuestion(int s, int q, const QJsonObject& question);

    // A new section at the end ("Section n"); its index.
    int addSection();
    // A new yes/no question at the end of section s (a first section is made when there is none); its index.
    int addQuestion(int s);
    // Removes section s, or its question q when q >= 0.
    void remove(int s, int q);
    // Moves section s (q < 0) or its question q by delta places; the new index, none when it would leave the list.
    std::optional<int> move(int s, int q, int delta);

private:
    QJsonArray questions(int s) const;
    void setQuestions(int s, const QJsonArray& questions);

    QJsonObject m_doc;
};

} // namespace Earmark::Gui

#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

// Scores an anonymiser's output on the evaluation corpus (tests/anonymise/corpus/README.md), the same way for
// Earmark and for other tools (whose output lines come from tests/bench/peers/run.js): by the words of the input
// that survive in the output. An entity is caught when none of its identifying words survives (fillers, titles
// and little words inside a span do not count); the other words of the utterance that do not survive are
// over-redaction; an utterance without an entity must come out unchanged.
namespace Earmark::CorpusScore {

struct Entity
{
    QString type; // PERSON, PHONE, ... (shared/spec/anonymisation.md)
    int start = 0; // UTF-16 offsets in the text
    int end = 0;
    QString value;
    bool staff = false;
};

struct Item
{
    QString id;
    QString context; // what the other party said just before
    QString speaker;
    QString text;
    QList<Entity> entities;
};

struct Miss
{
    QString id;
    QString type;
    QString value;
    QString output;
};

struct Score
{
    QHash<QString, int> total; // entities by type
    QHash<QString, int> caught;
    int otherWords = 0; // words of the input outside every entity
    int otherWordsRemoved = 0;
    int innocent = 0; // utterances without an entity
    int innocentChanged = 0;
    QList<Miss> misses; // entities not caught, and innocent utterances changed (type "INNOCENT")

    double recall(const QStringList& types) const; // caught / total over these types (all when empty)
    int totalOf(const QStringList& types) const;
    // A table in Markdown: recall by type, structured values, names, addresses, over-redaction, innocent changed.
    QString table(const QString& tool) const;
};

// The types the issue calls structured values (all but PERSON and ADDRESS).
QStringList structuredTypes();

// Reads a corpus file; the error names the line.
bool readCorpus(const QString& path, QList<Item>* items, QString* error);
// Reads a tool's output lines {"id": ..., "output": ...}; placeholders are [SOMETHING] in brackets.
bool readOutputs(const QString& path, QHash<QString, QString>* outputs, QString* error);

// What Earmark makes of one utterance: a two-turn transcript (the context by the other party, then the utterance)
// anonymised without call metadata (as `earmark-cli anonymise` on a transcript file), staff pseudonymised.
QString earmarkOutput(const Item& item);

Score score(const QList<Item>& items, const QHash<QString, QString>& outputs);

} // namespace Earmark::CorpusScore

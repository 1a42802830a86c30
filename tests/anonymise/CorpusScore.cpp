#include "CorpusScore.h"

#include "anonymise/Anonymiser.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace Earmark::CorpusScore {

namespace {

struct Word
{
    QString text;
    int start = 0;
    int end = 0;
};

QList<Word> wordsOf(const QString& text)
{
    QList<Word> words;
    int i = 0;
    while (i < text.size()) {
        if (!text.at(i).isLetterOrNumber()) {
            ++i;
            continue;
        }
        const int start = i;
        while (i < text.size() && text.at(i).isLetterOrNumber()) {
            ++i;
        }
        words.append(Word {text.mid(start, i - start), start, i});
    }
    return words;
}

// Words inside a span that identify nobody: fillers, titles, little words. A tool that keeps them has still
// removed the value.
bool identifies(const QString& word)
{
    static const QSet<QString> none {QStringLiteral("um"), QStringLiteral("uh"), QStringLiteral("er"),
        QStringLiteral("erm"), QStringLiteral("ah"), QStringLiteral("eh"), QStringLiteral("hmm"), QStringLiteral("mm"),
        QStringLiteral("the"), QStringLiteral("of"), QStringLiteral("and"), QStringLiteral("a"), QStringLiteral("an"),
        QStringLiteral("no"), QStringLiteral("sorry"), QStringLiteral("i"), QStringLiteral("mean"),
        QStringLiteral("meant"), QStringLiteral("mr"), QStringLiteral("mrs"), QStringLiteral("ms"),
        QStringLiteral("miss"), QStringLiteral("dr")};
    return !none.contains(word.toLower());
}

// Which input words survive in the output: the longest common subsequence of the two word sequences, after the
// output's placeholders are taken out.
QList<bool> surviving(const QList<Word>& in, const QString& output)
{
    static const QRegularExpression placeholder(QStringLiteral("\\[[A-Z][A-Z0-9_]*\\]"));
    const QList<Word> out = wordsOf(QString(output).replace(placeholder, QStringLiteral(" ")));
    const qsizetype n = in.size();
    const qsizetype m = out.size();
    QList<int> lcs((n + 1) * (m + 1), 0);
    const auto at = [m](qsizetype i, qsizetype j) { return i * (m + 1) + j; };
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            lcs[at(i, j)] = in.at(i).text == out.at(j).text ? lcs[at(i + 1, j + 1)] + 1
                                                            : std::max(lcs[at(i + 1, j)], lcs[at(i, j + 1)]);
        }
    }
    QList<bool> kept(n, false);
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n && j < m) {
        if (in.at(i).text == out.at(j).text) {
            kept[i++] = true;
            ++j;
        } else if (lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            ++i;
        } else {
            ++j;
        }
    }
    return kept;
}

} // namespace

QStringList structuredTypes()
{
    return {QStringLiteral("PHONE"), QStringLiteral("EMAIL"), QStringLiteral("POSTCODE"),
        QStringLiteral("DATE_OF_BIRTH"), QStringLiteral("CARD"), QStringLiteral("NINO"), QStringLiteral("NHS"),
        QStringLiteral("SORT_CODE"), QStringLiteral("BANK_ACCOUNT")};
}

int Score::totalOf(const QStringList& types) const
{
    int n = 0;
    for (auto it = total.cbegin(); it != total.cend(); ++it) {
        n += types.isEmpty() || types.contains(it.key()) ? it.value() : 0;
    }
    return n;
}

double Score::recall(const QStringList& types) const
{
    int found = 0;
    for (auto it = caught.cbegin(); it != caught.cend(); ++it) {
        found += types.isEmpty() || types.contains(it.key()) ? it.value() : 0;
    }
    const int all = totalOf(types);
    return all == 0 ? 1.0 : double(found) / all;
}

QString Score::table(const QString& tool) const
{
    const auto cell = [this](const QStringList& types) {
        return QStringLiteral("%1 (%2 of %3)")
            .arg(recall(types), 0, 'f', 2)
            .arg(qRound(recall(types) * totalOf(types)))
            .arg(totalOf(types));
    };
    QString out = QStringLiteral("%1\n").arg(tool);
    QStringList types = total.keys();
    types.sort();
    for (const QString& t : types) {
        out += QStringLiteral("  %1 %2\n").arg(t, -14).arg(cell({t}));
    }
    out += QStringLiteral("  %1 %2\n").arg(QStringLiteral("structured"), -14).arg(cell(structuredTypes()));
    out += QStringLiteral("  %1 %2\n").arg(QStringLiteral("all"), -14).arg(cell({}));
    out += QStringLiteral("  %1 %2 of %3 other words removed\n")
               .arg(QStringLiteral("over-redaction"), -14)
               .arg(otherWordsRemoved)
               .arg(otherWords);
    out += QStringLiteral("  %1 %2 of %3 changed\n")
               .arg(QStringLiteral("innocent"), -14)
               .arg(innocentChanged)
               .arg(innocent);
    return out;
}

bool readCorpus(const QString& path, QList<Item>* items, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    int line = 0;
    while (!file.atEnd()) {
        ++line;
        const QByteArray raw = file.readLine().trimmed();
        if (raw.isEmpty()) {
            continue;
        }
        const QJsonObject o = QJsonDocument::fromJson(raw).object();
        Item item {o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("context")).toString(),
            o.value(QStringLiteral("speaker")).toString(), o.value(QStringLiteral("text")).toString(), {}};
        if (item.id.isEmpty() || item.text.isEmpty()) {
            *error = QStringLiteral("%1:%2: not a corpus line (no id or text)").arg(path).arg(line);
            return false;
        }
        for (const QJsonValue& v : o.value(QStringLiteral("entities")).toArray()) {
            const QJsonObject e = v.toObject();
            Entity entity {e.value(QStringLiteral("type")).toString(), e.value(QStringLiteral("start")).toInt(),
                e.value(QStringLiteral("end")).toInt(), e.value(QStringLiteral("value")).toString(),
                e.value(QStringLiteral("staff")).toBool()};
            if (item.text.mid(entity.start, entity.end - entity.start) != entity.value) {
                *error = QStringLiteral("%1:%2: the offsets of '%3' do not match the text (check.py says more)")
                             .arg(path)
                             .arg(line)
                             .arg(entity.value);
                return false;
            }
            item.entities.append(entity);
        }
        items->append(item);
    }
    return true;
}

bool readOutputs(const QString& path, QHash<QString, QString>* outputs, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    while (!file.atEnd()) {
        const QJsonObject o = QJsonDocument::fromJson(file.readLine()).object();
        if (o.contains(QStringLiteral("id"))) {
            outputs->insert(o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("output")).toString());
        }
    }
    return true;
}

QString earmarkOutput(const Item& item)
{
    const QString other
        = item.speaker == QLatin1String("agent") ? QStringLiteral("respondent") : QStringLiteral("agent");
    QJsonArray segments;
    if (!item.context.isEmpty()) {
        segments.append(QJsonObject {{QStringLiteral("speaker"), other}, {QStringLiteral("start_s"), 0.0},
            {QStringLiteral("end_s"), 1.0}, {QStringLiteral("text"), item.context}});
    }
    segments.append(QJsonObject {{QStringLiteral("speaker"), item.speaker}, {QStringLiteral("start_s"), 1.0},
        {QStringLiteral("end_s"), 2.0}, {QStringLiteral("text"), item.text}});
    const QJsonObject doc {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
        {QStringLiteral("call_id"), QStringLiteral("C-CORPUS")}, {QStringLiteral("language"), QStringLiteral("en-GB")},
        {QStringLiteral("segments"), segments}};
    Anonymise::Options options;
    options.staff = Anonymise::StaffPolicy::Pseudonymise;
    const auto r = Anonymise::Anonymiser(options).anonymise(QJsonDocument(doc).toJson(QJsonDocument::Compact));
    if (!r) {
        return item.text; // scored as nothing found
    }
    const QJsonArray out = r->transcript.value(QStringLiteral("segments")).toArray();
    return out.last().toObject().value(QStringLiteral("text")).toString();
}

Score score(const QList<Item>& items, const QHash<QString, QString>& outputs)
{
    Score s;
    for (const Item& item : items) {
        const QString output = outputs.value(item.id, item.text);
        if (item.entities.isEmpty()) {
            ++s.innocent;
            if (output != item.text) {
                ++s.innocentChanged;
                s.misses.append(Miss {item.id, QStringLiteral("INNOCENT"), item.text, output});
            }
        }
        const QList<Word> words = wordsOf(item.text);
        const QList<bool> kept = surviving(words, output);
        QList<bool> inEntity(words.size(), false);
        for (const Entity& e : item.entities) {
            bool leaked = false;
            for (qsizetype w = 0; w < words.size(); ++w) {
                if (words.at(w).end > e.start && words.at(w).start < e.end) {
                    inEntity[w] = true;
                    leaked = leaked || (kept.at(w) && identifies(words.at(w).text));
                }
            }
            ++s.total[e.type];
            if (leaked) {
                s.misses.append(Miss {item.id, e.type, e.value, output});
            } else {
                ++s.caught[e.type];
            }
        }
        for (qsizetype w = 0; w < words.size(); ++w) {
            if (!inEntity.at(w)) {
                ++s.otherWords;
                s.otherWordsRemoved += kept.at(w) ? 0 : 1;
            }
        }
    }
    return s;
}

} // namespace Earmark::CorpusScore

// The anonymiser on a day's transcripts: 3,000 calls of the demo script (about 60,000 segments, word-timed),
// with the respondents' names from metadata.
//   build/release/tests/bench/bench_anonymise                  the benchmark
//   build/release/tests/bench/bench_anonymise --corpus F.jsonl   writes the segments as JSON lines (for redact-pii)
//   build/release/tests/bench/bench_anonymise --score F.jsonl    scores another tool's output lines against the
//                                                               planted values, next to Earmark's own
//   build/release/tests/bench/bench_anonymise --corpus-score C.jsonl [OUT.jsonl TOOL SECONDS]
//                                                               scores Earmark (or another tool's output lines)
//                                                               on the evaluation corpus (tests/anonymise/corpus)
// tests/bench/compare-redact-pii.sh runs the comparison with the npm package redact-pii on the demo day;
// tests/bench/compare-anonymisers.sh compares with redact-pii and openredaction on the corpus.
#include "CorpusScore.h"
#include "anonymise/Anonymiser.h"
#include "anonymise/SpokenText.h"
#include "demo/DemoScript.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <benchmark/benchmark.h>
#include <cstdio>

using namespace Earmark;
using namespace Earmark::Anonymise;

namespace {
constexpr int Calls = 3000;

struct Segment
{
    QString callId;
    QString speaker;
    QString text;
    QStringList values; // planted phone numbers, postcodes and e-mails said in this segment
    QStringList names; // parts of the respondent's name said in it
};

struct Call
{
    Demo::CallPlan plan;
    QByteArray transcript;
    QList<Segment> segments;
};

QString chars(const QString& text)
{
    QString out;
    for (const Symbol& s : normalise(tokenize(text))) {
        out += s.kind == Symbol::Kind::Word ? QString() : s.chars;
    }
    return out;
}

bool says(const QString& text, const QString& value)
{
    if (value.contains(u'@')) {
        const QString local = value.section(u'@', 0, 0);
        return text.toLower().contains(QString(local).replace(u'.', QStringLiteral(" dot ")))
            || text.toLower().contains(value);
    }
    return chars(text).contains(QString(value).remove(u' ').toUpper());
}

bool saysWord(const QString& text, const QString& word)
{
    return QRegularExpression(
        QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(word)), QRegularExpression::CaseInsensitiveOption)
        .match(text)
        .hasMatch();
}

QList<Call> corpus()
{
    QList<Call> calls;
    for (int i = 0; i < Calls; ++i) {
        Call c;
        c.plan = Demo::planCall(i, 7, 1);
        QJsonArray segments;
        double t = 0;
        for (const Demo::Turn& turn : c.plan.turns) {
            Segment s {c.plan.callId,
                turn.who == Demo::Speaker::Agent ? QStringLiteral("agent") : QStringLiteral("respondent"), turn.text,
                {}, {}};
            for (const QString& v : c.plan.spokenPersonal) {
                if (says(turn.text, v)) {
                    s.values << v;
                }
            }
            for (const QString& part : c.plan.respondentName.split(u' ', Qt::SkipEmptyParts)) {
                if (saysWord(turn.text, part)) {
                    s.names << part;
                }
            }
            c.segments.append(s);
            QJsonArray words;
            const double start = t;
            for (const QString& w : turn.text.split(u' ', Qt::SkipEmptyParts)) {
                words.append(QJsonObject {
                    {QStringLiteral("w"), w}, {QStringLiteral("start_s"), t}, {QStringLiteral("end_s"), t + 0.3}});
                t += 0.35;
            }
            segments.append(QJsonObject {{QStringLiteral("speaker"), s.speaker}, {QStringLiteral("start_s"), start},
                {QStringLiteral("end_s"), t}, {QStringLiteral("text"), turn.text}, {QStringLiteral("words"), words}});
            t += 0.5;
        }
        c.transcript
            = QJsonDocument(QJsonObject {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
                                {QStringLiteral("call_id"), c.plan.callId}, {QStringLiteral("segments"), segments}})
                  .toJson(QJsonDocument::Compact);
        calls.append(c);
    }
    return calls;
}

Options optionsFor(const Demo::CallPlan& plan)
{
    Options o;
    o.knownNames = {plan.respondentName};
    o.agentNames = {plan.agent.name};
    return o;
}

QList<Call>& theCorpus()
{
    static QList<Call> calls = corpus();
    return calls;
}

void BM_AnonymiseDay(benchmark::State& state)
{
    const QList<Call>& calls = theCorpus();
    qint64 segments = 0;
    for (const Call& c : calls) {
        segments += c.segments.size();
    }
    for (auto _ : state) {
        for (const Call& c : calls) {
            auto r = Anonymiser(optionsFor(c.plan)).anonymise(c.transcript);
            benchmark::DoNotOptimize(r);
        }
    }
    state.counters["calls"] = calls.size();
    state.counters["segments"] = double(segments);
}
BENCHMARK(BM_AnonymiseDay)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_AnonymiseDayWithoutMetadata(benchmark::State& state)
{
    for (auto _ : state) {
        for (const Call& c : theCorpus()) {
            auto r = Anonymiser().anonymise(c.transcript);
            benchmark::DoNotOptimize(r);
        }
    }
}
BENCHMARK(BM_AnonymiseDayWithoutMetadata)->Unit(benchmark::kMillisecond)->Iterations(3);

struct Score
{
    int values = 0;
    int valuesLeaked = 0;
    int names = 0;
    int namesLeaked = 0;
    int innocent = 0;
    int innocentChanged = 0;
};

Score score(const QList<Segment>& segments, const QStringList& outputs)
{
    Score s;
    for (int i = 0; i < segments.size(); ++i) {
        const Segment& seg = segments[i];
        const QString& out = outputs[i];
        for (const QString& v : seg.values) {
            ++s.values;
            s.valuesLeaked += says(out, v) ? 1 : 0;
        }
        for (const QString& n : seg.names) {
            ++s.names;
            s.namesLeaked += saysWord(out, n) ? 1 : 0;
            if (saysWord(out, n) && qEnvironmentVariableIsSet("EARMARK_SHOW_LEAKS")) {
                std::fprintf(stderr, "leak %s: %s\n", qPrintable(n), qPrintable(out));
            }
        }
        if (seg.values.isEmpty() && seg.names.isEmpty()) {
            ++s.innocent;
            s.innocentChanged += out != seg.text ? 1 : 0;
        }
    }
    return s;
}

void print(const char* who, const Score& s, double seconds)
{
    std::printf("%-28s values %d leaked %d (%.1f%%) | names %d leaked %d (%.1f%%) | other segments %d changed %d "
                "(%.1f%%) | %.2f s\n",
        who, s.values, s.valuesLeaked, 100.0 * s.valuesLeaked / std::max(1, s.values), s.names, s.namesLeaked,
        100.0 * s.namesLeaked / std::max(1, s.names), s.innocent, s.innocentChanged,
        100.0 * s.innocentChanged / std::max(1, s.innocent), seconds);
}

int writeCorpus(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        return 1;
    }
    for (const Call& c : theCorpus()) {
        for (const Segment& s : c.segments) {
            f.write(
                QJsonDocument(QJsonObject {{QStringLiteral("text"), s.text}}).toJson(QJsonDocument::Compact) + '\n');
        }
    }
    return 0;
}

int scoreOutputs(const QString& path, double otherSeconds)
{
    QList<Segment> all;
    QStringList ours;
    for (const Call& c : theCorpus()) { // warm up: name lists loaded, allocator primed (as the benchmark does)
        (void)Anonymiser(optionsFor(c.plan)).anonymise(c.transcript);
    }
    QElapsedTimer timer;
    timer.start();
    for (const Call& c : theCorpus()) {
        auto r = Anonymiser(optionsFor(c.plan)).anonymise(c.transcript);
        for (const QJsonValue seg : r->transcript.value(QStringLiteral("segments")).toArray()) {
            ours << seg.toObject().value(QStringLiteral("text")).toString();
        }
        all += c.segments;
    }
    const double ourSeconds = timer.elapsed() / 1000.0;
    QList<Segment> withoutNames = all;
    QStringList oursWithoutMetadata;
    for (const Call& c : theCorpus()) {
        auto r = Anonymiser().anonymise(c.transcript);
        for (const QJsonValue seg : r->transcript.value(QStringLiteral("segments")).toArray()) {
            oursWithoutMetadata << seg.toObject().value(QStringLiteral("text")).toString();
        }
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return 1;
    }
    QStringList theirs;
    for (const QByteArray& line : f.readAll().split('\n')) {
        if (!line.isEmpty()) {
            theirs << QJsonDocument::fromJson(line).object().value(QStringLiteral("text")).toString();
        }
    }
    if (theirs.size() != all.size()) {
        std::fprintf(
            stderr, "%s has %d lines for %d segments\n", qPrintable(path), int(theirs.size()), int(all.size()));
        return 1;
    }
    print("earmark (call metadata)", score(all, ours), ourSeconds);
    print("earmark (text only)", score(all, oursWithoutMetadata), 0);
    print("redact-pii", score(all, theirs), otherSeconds);
    return 0;
}
// The corpus scored for one tool: Earmark itself (timed here), or another's output lines (timed by its runner).
int scoreCorpus(const QStringList& args)
{
    QList<CorpusScore::Item> items;
    QString error;
    if (!CorpusScore::readCorpus(args[2], &items, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    QHash<QString, QString> outputs;
    QString tool = QStringLiteral("Earmark %1").arg(QString::fromLatin1(Anonymiser::Version));
    double seconds = 0;
    if (args.size() >= 4) {
        if (!CorpusScore::readOutputs(args[3], &outputs, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        tool = args.value(4, args[3]);
        seconds = args.value(5).toDouble();
    } else {
        for (const CorpusScore::Item& i : items) { // warm up: name lists loaded
            (void)CorpusScore::earmarkOutput(i);
        }
        QElapsedTimer timer;
        timer.start();
        for (const CorpusScore::Item& i : items) {
            outputs.insert(i.id, CorpusScore::earmarkOutput(i));
        }
        seconds = timer.nsecsElapsed() / 1e9;
    }
    const CorpusScore::Score s = CorpusScore::score(items, outputs);
    std::printf("%s  %.3f s for %d utterances\n", qPrintable(s.table(tool)), seconds, int(items.size()));
    return 0;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == QLatin1String("--corpus")) {
        return writeCorpus(args[2]);
    }
    if (args.size() >= 3 && args[1] == QLatin1String("--score")) {
        return scoreOutputs(args[2], args.size() >= 4 ? args[3].toDouble() : 0);
    }
    if (args.size() >= 3 && args[1] == QLatin1String("--corpus-score")) {
        return scoreCorpus(args);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    return 0;
}

#include "training/ScenarioLibrary.h"

#include "anonymise/Anonymiser.h"
#include "archive/Archive.h"
#include "cache/Cache.h"
#include "cache/Statement.h"
#include "core/Files.h"
#include "core/TimeText.h"
#include "redaction/AudioRedactor.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace Earmark {

namespace {
constexpr double MaxClipS = 15 * 60;

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

// The segments of the anonymised transcript inside [from, to], with times from the region's start.
// The part of a segment's text said between from and to: from the first word inside to the last, with the text's own
// punctuation and capitals (the words carry neither), placeholders included.
QString partOfText(const QString& text, const QJsonArray& words, double from, double to)
{
    const QString lower = text.toLower();
    qsizetype cursor = 0;
    qsizetype begin = -1;
    qsizetype end = -1;
    for (const QJsonValue v : words) {
        const QJsonObject w = v.toObject();
        const QString word = w.value(QStringLiteral("w")).toString().toLower();
        // The word itself, not the same letters inside a longer word; a word not found leaves the cursor where it was.
        qsizetype at = word.isEmpty() ? -1 : lower.indexOf(word, cursor);
        const auto inWord = [&](qsizetype i) { return i >= 0 && i < lower.size() && lower.at(i).isLetterOrNumber(); };
        while (at >= 0 && (inWord(at - 1) || inWord(at + word.size()))) {
            at = lower.indexOf(word, at + 1);
        }
        if (at < 0) {
            continue;
        }
        cursor = at + word.size();
        const double ws = w.value(QStringLiteral("start_s")).toDouble();
        if (ws >= from && ws < to) {
            begin = begin < 0 ? at : begin;
            end = cursor;
            while (end < text.size() && text.at(end).isPunct() && text.at(end) != QLatin1Char('[')) {
                ++end; // the word's own full stop, comma or question mark
            }
        }
    }
    return begin < 0 ? QString() : text.mid(begin, end - begin).trimmed();
}

QJsonObject excerptOf(const QJsonObject& transcript, double from, double to)
{
    QJsonArray segments;
    for (const QJsonValue v : transcript.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject seg = v.toObject();
        const double s = seg.value(QStringLiteral("start_s")).toDouble();
        const double e = seg.value(QStringLiteral("end_s")).toDouble();
        if (e <= from || s >= to) {
            continue;
        }
        QJsonObject out {{QStringLiteral("speaker"), seg.value(QStringLiteral("speaker"))},
            {QStringLiteral("start_s"), std::max(0.0, s - from)}, {QStringLiteral("end_s"), std::min(to, e) - from}};
        const QJsonArray words = seg.value(QStringLiteral("words")).toArray();
        const QString text = words.isEmpty() || (s >= from && e <= to)
            ? seg.value(QStringLiteral("text")).toString()
            : partOfText(seg.value(QStringLiteral("text")).toString(), words, from, to);
        if (text.trimmed().isEmpty()) {
            continue; // a turn that only touches the region: nothing of it is said inside
        }
        out.insert(QStringLiteral("text"), text);
        segments.append(out);
    }
    return QJsonObject {{QStringLiteral("schema"), QStringLiteral("earmark.transcript/1")},
        {QStringLiteral("anonymised"), true}, {QStringLiteral("segments"), segments}};
}

const QString kStaffPolicy = QStringLiteral("training.staff_names");

Scenario readRow(const Statement& s, bool withClip)
{
    Scenario r;
    r.id = s.int64(0);
    r.callId = s.text(1);
    r.startS = s.real(2);
    r.endS = s.real(3);
    r.title = s.text(4);
    r.category = s.text(5);
    r.objectives = s.text(6);
    r.notes = s.text(7);
    for (const QJsonValue t : QJsonDocument::fromJson(s.text(8).toUtf8()).array()) {
        r.tags << t.toString();
    }
    r.difficulty = int(s.int64(9));
    r.excerpt = QJsonDocument::fromJson(s.text(10).toUtf8()).object();
    r.createdBy = s.text(11);
    r.createdUtc = s.int64(12);
    if (withClip) {
        r.clip = s.blob(13);
        r.clipLayout = s.text(14);
    }
    return r;
}

const QString kColumns = QStringLiteral("id, call_id, start_s, end_s, title, category, objectives, notes, tags, "
                                        "difficulty, excerpt, created_by, created_utc");
} // namespace

QStringList Scenario::categories()
{
    return {QObject::tr("Recording notice"), QObject::tr("Introduction"), QObject::tr("Refusal handling"),
        QObject::tr("Complaint"), QObject::tr("Abusive caller"), QObject::tr("Leading questions"),
        QObject::tr("Data protection"), QObject::tr("Closing"), QObject::tr("Good practice")};
}

ScenarioLibrary::ScenarioLibrary(Cache& cache)
    : m_cache(cache)
{ }

Result<qint64> ScenarioLibrary::create(const QString& callId, double startS, double endS, Scenario d)
{
    if (auto st = m_cache.roles().require(Permission::Scenarios); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    if (d.title.trimmed().isEmpty()) {
        return makeError(QObject::tr("A scenario needs a title that says what it shows."));
    }
    if (d.category.trimmed().isEmpty()) {
        return makeError(QObject::tr("A scenario needs a category, such as %1.").arg(Scenario::categories().first()));
    }
    if (!(endS > startS) || startS < 0 || endS - startS > MaxClipS) {
        return makeError(QObject::tr("Select a region of up to 15 minutes in the call first (drag on the waveform)."));
    }
    // The trainer's words go through the anonymiser in the same pass as the call's transcript: "[PERSON_1]" in the
    // notes is the same person as in the excerpt, and two people are never one pseudonym.
    RedactRequest request;
    request.staff = staffPolicy();
    request.texts = QStringList {d.title, d.objectives, d.notes} + d.tags;
    auto redacted = AudioRedactor(m_cache).redact(callId, request);
    if (!redacted) {
        return redacted.error();
    }
    DecodedAudio clip;
    clip.sampleRate = redacted->audio.sampleRate;
    clip.channels = redacted->audio.channels;
    const qint64 total = redacted->audio.frames;
    const qint64 from = std::clamp<qint64>(qint64(startS * clip.sampleRate), 0, total);
    const qint64 to = std::clamp<qint64>(qint64(endS * clip.sampleRate), from, total);
    clip.frames = to - from;
    clip.samples = redacted->audio.samples.mid(from * clip.channels, (to - from) * clip.channels);
    redacted->audio.samples.fill(0);
    auto wav = AudioDecoder::encodeWav(clip);
    if (!wav) {
        return wav.error();
    }
    const QJsonObject excerpt = excerptOf(redacted->transcript, startS, endS);
    const QStringList& texts = redacted->texts;
    if (texts.size() != 3 + d.tags.size()) {
        qFatal("ScenarioLibrary: the redactor returned %d texts for %d", int(texts.size()), int(3 + d.tags.size()));
    }
    const auto keep
        = [](const QString& original, const QString& anonymised) { return original.isEmpty() ? original : anonymised; };
    d.title = keep(d.title, texts.at(0));
    d.objectives = keep(d.objectives, texts.at(1));
    d.notes = keep(d.notes, texts.at(2));
    d.tags = texts.mid(3);
    auto s = m_cache.database().prepare(
        QStringLiteral("INSERT INTO scenarios (call_id, start_s, end_s, title, "
                       "category, objectives, notes, tags, difficulty, excerpt, "
                       "clip, clip_rate, clip_channels, created_by, created_utc, clip_layout) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    if (!s) {
        return s.error();
    }
    const auto text = [](const QString& v) { return v.isNull() ? QStringLiteral("") : v; }; // never NULL
    s->bind(1, callId).bind(2, startS).bind(3, endS).bind(4, d.title.trimmed()).bind(5, d.category);
    s->bind(6, text(d.objectives)).bind(7, text(d.notes));
    s->bind(8, QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(d.tags)).toJson(QJsonDocument::Compact)));
    s->bind(9, std::clamp(d.difficulty, 1, 3));
    s->bind(10, QString::fromUtf8(QJsonDocument(excerpt).toJson(QJsonDocument::Compact))).bind(11, wav.value());
    s->bind(12, clip.sampleRate).bind(13, clip.channels).bind(14, AuditLog::currentActor());
    s->bind(15, QDateTime::currentSecsSinceEpoch()).bind(16, text(redacted->channelLayout));
    if (auto st = s->run(); !st) {
        return st.error();
    }
    const qint64 id = m_cache.database().lastInsertId();
    if (auto st = m_cache.audit().append(QStringLiteral("scenario.create"), callId, QString::number(id)); !st) {
        return st.error();
    }
    return id;
}

Result<QList<Scenario>> ScenarioLibrary::list(const QString& category, const QString& words)
{
    if (auto st = m_cache.roles().require(Permission::Scenarios); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(QStringLiteral("SELECT %1 FROM scenarios WHERE (? = '' OR category = ?) "
                                                       "ORDER BY created_utc DESC, id DESC")
                                            .arg(kColumns));
    if (!s) {
        return s.error();
    }
    s->bind(1, category.isNull() ? QStringLiteral("") : category).bind(2, category);
    QList<Scenario> out;
    const QStringList wanted = words.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    auto read = s->forEachRow([&] {
        Scenario r = readRow(s.value(), false);
        const QString haystack = (r.title + QLatin1Char(' ') + r.objectives + QLatin1Char(' ') + r.notes
            + QLatin1Char(' ') + r.tags.join(QLatin1Char(' ')) + QLatin1Char(' ')
            + QString::fromUtf8(QJsonDocument(r.excerpt).toJson()))
                                     .toLower();
        if (std::all_of(wanted.begin(), wanted.end(), [&](const QString& w) { return haystack.contains(w); })) {
            out.append(r);
        }
    });
    if (!read) {
        return read.error();
    }
    return out;
}

Result<Scenario> ScenarioLibrary::get(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Scenarios); !st) {
        return st.error();
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT %1, clip, clip_layout FROM scenarios WHERE id = ?").arg(kColumns));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    return s->requiredRow(
        [&] { return readRow(s.value(), true); }, QObject::tr("Scenario %1 is not in the library.").arg(id));
}

Status ScenarioLibrary::remove(qint64 id)
{
    if (auto st = m_cache.roles().require(Permission::Scenarios); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    auto s = m_cache.database().prepare(QStringLiteral("DELETE FROM scenarios WHERE id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    if (auto st = s->run(); !st) {
        return st;
    }
    return m_cache.audit().append(QStringLiteral("scenario.remove"), {}, QString::number(id));
}

QString ScenarioLibrary::summaryLine(const Scenario& scenario)
{
    QStringList parts;
    if (!scenario.category.trimmed().isEmpty()) {
        parts << scenario.category.trimmed();
    }
    parts << QObject::tr("difficulty %1 of 3").arg(scenario.difficulty);
    if (!scenario.tags.isEmpty()) {
        parts << scenario.tags.join(QStringLiteral(", "));
    }
    return parts.join(QStringLiteral(" · "));
}

QString ScenarioLibrary::speakerLabel(const QString& speaker)
{
    if (speaker == QLatin1String("agent")) {
        return QObject::tr("Agent");
    }
    if (speaker == QLatin1String("respondent")) {
        return QObject::tr("Respondent");
    }
    return speaker.isEmpty() ? QObject::tr("Other") : speaker.at(0).toUpper() + speaker.mid(1);
}

Anonymise::StaffPolicy ScenarioLibrary::staffPolicy()
{
    return Anonymise::staffPolicyFromName(m_cache.setting(kStaffPolicy)).value_or(Anonymise::StaffPolicy::Pseudonymise);
}

Status ScenarioLibrary::setStaffPolicy(Anonymise::StaffPolicy policy)
{
    if (auto st = m_cache.roles().require(Permission::Scenarios); !st) {
        return st;
    }
    if (auto st = m_cache.setSetting(kStaffPolicy, Anonymise::staffPolicyName(policy)); !st) {
        return st;
    }
    return m_cache.audit().append(QStringLiteral("scenario.policy"), {}, Anonymise::staffPolicyName(policy));
}

Status ScenarioLibrary::exportPack(
    const QList<qint64>& ids, const QString& folder, const QString& title, Progress* progress)
{
    if (auto st = m_cache.roles().require(Permission::Scenarios); !st) {
        return st;
    }
    const Roles::Scope inside(m_cache.roles());
    if (ids.isEmpty()) {
        return makeError(QObject::tr("Choose at least one scenario for the pack."));
    }
    QList<Archive::File> files;
    // What the library stores was anonymised when the scenario was made (with the call's names and the staff
    // policy, in one pass with its transcript): the pack shows exactly that, as the library does, and is not
    // anonymised again (a second pass would number the pseudonyms afresh).
    const QString style = QStringLiteral("<style>body{font-family:sans-serif;max-width:52em;margin:2em auto;"
                                         "line-height:1.4}td,th{padding:4px 8px;text-align:left}.who{color:#555;"
                                         "font-weight:bold}.at{color:#999}</style>");
    QJsonArray manifest;
    QString rows;
    for (int n = 0; n < ids.size(); ++n) {
        if (progress) {
            if (progress->cancelled()) {
                return makeError(Progress::cancelledMessage(QObject::tr("the training pack was not written")));
            }
            progress->report(n, ids.size());
        }
        auto sc = get(ids[n]);
        if (!sc) {
            return sc.error();
        }
        const QString page = QStringLiteral("scenario-%1.html").arg(n + 1);
        const QString clip = QStringLiteral("clips/scenario-%1.wav").arg(n + 1);
        files.append({clip, sc->clip});
        const QString heading = sc->title;
        QString body
            = style + QStringLiteral("<p><a href='index.html'>%1</a></p><h1>%2</h1>").arg(esc(title), esc(heading));
        body += QStringLiteral("<p>%1</p>").arg(esc(summaryLine(*sc)));
        body += QStringLiteral("<audio controls preload='metadata' src='%1'></audio>").arg(clip);
        // Only the sections the trainer wrote: no empty headings.
        if (!sc->objectives.trimmed().isEmpty()) {
            body += QObject::tr("<h2>Learning objectives</h2><p>%1</p>")
                        .arg(esc(sc->objectives).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        }
        if (!sc->notes.trimmed().isEmpty()) {
            body += QObject::tr("<h2>Notes</h2><p>%1</p>")
                        .arg(esc(sc->notes).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
        }
        body += QObject::tr("<h2>Transcript</h2>");
        for (const QJsonValue v : sc->excerpt.value(QStringLiteral("segments")).toArray()) {
            const QJsonObject seg = v.toObject();
            body += QStringLiteral("<p><span class='who'>%1</span> <span class='at'>%2</span><br>%3</p>")
                        .arg(esc(speakerLabel(seg.value(QStringLiteral("speaker")).toString())),
                            clockText(seg.value(QStringLiteral("start_s")).toDouble()),
                            esc(seg.value(QStringLiteral("text")).toString()));
        }
        const QString html
            = QStringLiteral("<!DOCTYPE html><html lang='en'><meta charset='utf-8'><title>%1</title>%2</html>")
                  .arg(esc(heading), body);
        files.append({page, html.toUtf8()});
        rows += QStringLiteral("<tr><td><a href='%1'>%2</a></td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(page, esc(heading), esc(sc->category))
                    .arg(sc->difficulty)
                    .arg(clockText(sc->endS - sc->startS));
        manifest.append(QJsonObject {{QStringLiteral("title"), heading}, {QStringLiteral("category"), sc->category},
            {QStringLiteral("difficulty"), sc->difficulty}, {QStringLiteral("page"), page},
            {QStringLiteral("clip"), clip}, {QStringLiteral("duration_s"), sc->endS - sc->startS},
            {QStringLiteral("clip_sha256"),
                QString::fromLatin1(QCryptographicHash::hash(sc->clip, QCryptographicHash::Sha256).toHex())}});
    }
    const QString index
        = QStringLiteral("<!DOCTYPE html><html lang='en'><meta charset='utf-8'><title>%1</title>%2<h1>%1</h1>"
                         "<table><tr><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>%7</table></html>")
              .arg(esc(title), style, QObject::tr("Scenario"), QObject::tr("Category"), QObject::tr("Difficulty"),
                  QObject::tr("Length"), rows);
    files.append({QStringLiteral("index.html"), index.toUtf8()});
    const QJsonObject m {{QStringLiteral("schema"), QStringLiteral("earmark.training-pack/1")},
        {QStringLiteral("title"), title}, {QStringLiteral("anonymiser"), QLatin1String(Anonymise::Anonymiser::Version)},
        {QStringLiteral("created_utc"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("scenarios"), manifest}};
    files.append({QStringLiteral("manifest.json"), QJsonDocument(m).toJson()});
    const bool zip = folder.endsWith(QLatin1String(".zip"), Qt::CaseInsensitive);
    if (auto st = zip ? Archive::toZip(folder, files) : Archive::toFolder(folder, files); !st) {
        return st;
    }
    return m_cache.audit().append(QStringLiteral("training.export"), {}, QDir::toNativeSeparators(folder));
}

} // namespace Earmark

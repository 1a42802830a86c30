#include "quality/ScorecardLibrary.h"

#include "cache/Cache.h"
#include "cache/RowLookup.h"
#include "cache/Statement.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

// Resources in a static library must be registered explicitly (outside any namespace).
static void initScorecardResources()
{
    Q_INIT_RESOURCE(scorecards);
}

namespace Earmark {

namespace {
// The template without its version, in a canonical form, to tell a changed template from a re-import.
QByteArray contentOf(const QByteArray& json)
{
    QJsonObject o = QJsonDocument::fromJson(json).object();
    o.remove(QStringLiteral("version"));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<QList<ScorecardVersion>> readVersions(Statement& s)
{
    QList<ScorecardVersion> out;
    if (auto st = s.forEachRow([&] {
            out.append({s.text(0), int(s.int64(1)), s.text(2), s.text(3), s.int64(4), s.int64(5) != 0});
        });
        !st) {
        return st.error();
    }
    return out;
}
} // namespace

ScorecardLibrary::ScorecardLibrary(Cache& cache)
    : m_cache(cache)
{ }

Result<QList<ScorecardVersion>> ScorecardLibrary::list()
{
    if (auto st = ensureDefault(); !st) {
        return st.error();
    }
    auto s = m_cache.database().prepare(
        QStringLiteral("SELECT scorecard_id, version, title, created_by, created_utc, retired FROM scorecards "
                       "ORDER BY title COLLATE NOCASE, scorecard_id, version DESC"));
    if (!s) {
        return s.error();
    }
    return readVersions(s.value());
}

Result<QList<ScorecardVersion>> ScorecardLibrary::current()
{
    if (auto st = ensureDefault(); !st) {
        return st.error();
    }
    auto s = m_cache.database().prepare(QStringLiteral(
        "SELECT scorecard_id, version, title, created_by, created_utc, retired FROM scorecards s WHERE retired = 0 "
        "AND version = (SELECT MAX(version) FROM scorecards t WHERE t.scorecard_id = s.scorecard_id AND "
        "t.retired = 0) ORDER BY title COLLATE NOCASE, scorecard_id"));
    if (!s) {
        return s.error();
    }
    return readVersions(s.value());
}

Result<QByteArray> ScorecardLibrary::json(const QString& id, int version)
{
    return lookupRow(
        m_cache.database(), QStringLiteral("SELECT json FROM scorecards WHERE scorecard_id = ? AND version = ?"),
        {id, version}, [](const Statement& s) { return s.text(0).toUtf8(); },
        QObject::tr("Scorecard %1 version %2 is not in the cache: import it first.").arg(id).arg(version));
}

Result<Scorecard::Template> ScorecardLibrary::load(const QString& id, int version)
{
    auto bytes = json(id, version);
    if (!bytes) {
        return bytes.error();
    }
    QList<Scorecard::Problem> problems;
    auto t = Scorecard::Template::parse(bytes.value(), &problems);
    if (!t) {
        return makeError(QObject::tr("Stored scorecard %1 version %2 no longer validates (%3): run earmark-cli verify.")
                             .arg(id)
                             .arg(version)
                             .arg(problems.isEmpty() ? t.errorMessage() : problems.first().text()));
    }
    return t;
}

Result<int> ScorecardLibrary::latestVersion(const QString& id)
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT MAX(version) FROM scorecards WHERE scorecard_id = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, id);
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    return row.value() && !s->isNull(0) ? int(s->int64(0)) : 0;
}

Result<ScorecardLibrary::Stored> ScorecardLibrary::store(const QByteArray& json, QList<Scorecard::Problem>* problems)
{
    auto parsed = Scorecard::Template::parse(json, problems);
    if (!parsed) {
        return parsed.error();
    }
    const Scorecard::Template& t = parsed.value();
    // The default is stored first, so that an edited default becomes its next version rather than its first.
    if (!m_seeding) {
        if (auto st = ensureDefault(); !st) {
            return st.error();
        }
    }
    auto latest = latestVersion(t.id);
    if (!latest) {
        return latest.error();
    }
    const QByteArray content = contentOf(json);
    if (latest.value() >= t.version) {
        auto same = this->json(t.id, t.version);
        if (same && contentOf(same.value()) == content) {
            return Stored {t.version, true};
        }
        auto newest = this->json(t.id, latest.value());
        if (newest && contentOf(newest.value()) == content) {
            return Stored {latest.value(), true};
        }
    }
    const int version = std::max(t.version, latest.value() + 1);
    QJsonObject o = QJsonDocument::fromJson(json).object();
    o.insert(QStringLiteral("version"), version);
    const QByteArray stored = QJsonDocument(o).toJson(QJsonDocument::Indented);

    Transaction tx(m_cache.database());
    if (auto st = tx.begin(); !st) {
        return st.error();
    }
    auto s = m_cache.database().prepare(QStringLiteral("INSERT INTO scorecards (scorecard_id, version, title, json, "
                                                       "created_by, created_utc) VALUES (?, ?, ?, ?, ?, ?)"));
    if (!s) {
        return s.error();
    }
    s->bind(1, t.id).bind(2, version).bind(3, t.title).bind(4, QString::fromUtf8(stored));
    s->bind(5, AuditLog::currentActor()).bind(6, QDateTime::currentSecsSinceEpoch());
    if (auto st = s->run(); !st) {
        return st.error();
    }
    if (auto st = m_cache.audit().append(QStringLiteral("scorecard.store"), t.id, QString::number(version)); !st) {
        return st.error();
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    if (auto st = m_cache.audit().checkpoint(); !st) {
        return st.error();
    }
    return Stored {version, false};
}

Status ScorecardLibrary::setRetired(const QString& id, int version, bool retired)
{
    auto s = m_cache.database().prepare(
        QStringLiteral("UPDATE scorecards SET retired = ? WHERE scorecard_id = ? AND version = ?"));
    if (!s) {
        return s.error();
    }
    s->bind(1, retired ? 1 : 0).bind(2, id).bind(3, version);
    if (auto st = s->run(); !st) {
        return st;
    }
    return m_cache.audit().append(retired ? QStringLiteral("scorecard.retire") : QStringLiteral("scorecard.restore"),
        id, QString::number(version));
}

QByteArray ScorecardLibrary::defaultScorecardJson()
{
    initScorecardResources();
    QFile file(QStringLiteral(":/earmark/scorecards/survey-call-quality.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("The default scorecard is missing from the resources");
    }
    return file.readAll();
}

Status ScorecardLibrary::ensureDefault()
{
    auto s = m_cache.database().prepare(QStringLiteral("SELECT COUNT(*) FROM scorecards"));
    if (!s) {
        return s.error();
    }
    auto row = s->step();
    if (!row) {
        return row.error();
    }
    if (row.value() && s->int64(0) > 0) {
        return {};
    }
    QList<Scorecard::Problem> problems;
    m_seeding = true;
    auto stored = store(defaultScorecardJson(), &problems);
    m_seeding = false;
    if (!stored) {
        return stored.error();
    }
    return {};
}

} // namespace Earmark

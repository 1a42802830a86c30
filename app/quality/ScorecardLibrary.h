#pragma once

#include "core/Result.h"
#include "scorecard/Scorecard.h"

#include <QList>
#include <QString>

namespace Earmark {

class Cache;

// A stored scorecard version: what the list of scorecards shows.
struct ScorecardVersion
{
    QString id;
    int version = 0;
    QString title;
    QString createdBy;
    qint64 createdUtc = 0;
    bool retired = false;
};

// The scorecards kept in the cache. A stored version never changes: storing a changed template stores it as the
// next version, and every evaluation keeps the version it was scored with.
class ScorecardLibrary
{
public:
    explicit ScorecardLibrary(Cache& cache);

    // Every stored version, newest first within each scorecard, scorecards by title.
    Result<QList<ScorecardVersion>> list();
    // The newest version of each scorecard that is not retired: what new evaluations are offered.
    Result<QList<ScorecardVersion>> current();

    Result<Scorecard::Template> load(const QString& id, int version);
    Result<QByteArray> json(const QString& id, int version);
    Result<int> latestVersion(const QString& id); // 0 when none

    struct Stored
    {
        int version = 0;
        bool unchanged = false; // the same template was already stored under this version
    };
    // Validates and stores a template (from the editor or an imported file). Identical to a stored version: nothing
    // changes. Otherwise it is stored as its own version when that is free and newer, else as the next version.
    Result<Stored> store(const QByteArray& json, QList<Scorecard::Problem>* problems);

    // Retired versions are kept (evaluations refer to them) but no longer offered for new evaluations.
    Status setRetired(const QString& id, int version, bool retired);

    // Stores the default "Survey call quality" scorecard when the cache has none (list, current and store do this
    // first, so the default is always version 1).
    Status ensureDefault();
    static QByteArray defaultScorecardJson();

private:
    Cache& m_cache;
    bool m_seeding = false;
};

} // namespace Earmark

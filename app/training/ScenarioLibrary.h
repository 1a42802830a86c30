#pragma once

#include "anonymise/Entities.h"
#include "core/Progress.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace Earmark {

class Cache;

// A region of a call kept for training: what the trainer wrote about it, and only anonymised material (the
// anonymised transcript excerpt and the bleeped audio clip as WAV).
struct Scenario
{
    qint64 id = 0;
    QString callId;
    double startS = 0;
    double endS = 0;
    QString title;
    QString category; // e.g. "Recording notice", "Refusal handling", "Complaint"
    QString objectives;
    QString notes;
    QStringList tags;
    int difficulty = 2; // 1 easy .. 3 hard
    QJsonObject excerpt; // earmark.transcript/1, anonymised, the region's segments with times from the region start
    QByteArray clip; // WAV
    QString clipLayout; // the call's channel layout (agent and respondent lanes)
    QString createdBy;
    qint64 createdUtc = 0;

    static QStringList categories();
};

// The training scenario library in the cache, and training packs exported from it.
class ScenarioLibrary
{
public:
    explicit ScenarioLibrary(Cache& cache);

    // Cuts the region from the call's anonymised transcript and bleeped audio and stores it with the trainer's notes,
    // anonymised in the same pass as the transcript (one pseudonym per person across all of them) with the staff
    // policy below. What is stored is what the library shows and what a pack exports.
    Result<qint64> create(const QString& callId, double startS, double endS, Scenario details);
    // What training material does with staff names (a cache setting; default: pseudonymise).
    Anonymise::StaffPolicy staffPolicy();
    Status setStaffPolicy(Anonymise::StaffPolicy policy);
    // All scenarios (without clips), newest first; filtered by category and words in title, notes, tags or excerpt.
    Result<QList<Scenario>> list(const QString& category = {}, const QString& words = {});
    Result<Scenario> get(qint64 id); // with its clip
    Status remove(qint64 id);

    // Writes a training pack to folder: index.html, one page per scenario with its clip playable in any browser,
    // the anonymised transcript, objectives and notes; manifest.json. Works offline; nothing personal in it. A path
    // ending in .zip gets the same files in one zip archive (a folder of the archive's name inside).
    // progress (when given) counts the scenarios done and is checked before each: cancelled, nothing is written.
    Status exportPack(
        const QList<qint64>& ids, const QString& folder, const QString& title, Progress* progress = nullptr);

    // An excerpt's speaker as a pack and the library show it ("Agent", "Respondent").
    // "Recording notice · difficulty 2 of 3 · notice, opening": the parts a scenario has (no tags, no dot for them).
    static QString summaryLine(const Scenario& scenario);
    static QString speakerLabel(const QString& speaker);

private:
    Cache& m_cache;
};

} // namespace Earmark

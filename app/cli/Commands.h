#pragma once

#include "cli/CliContext.h"

namespace Earmark::Cli {

// A command: setup() declares and parses its options before anything is opened (so usage errors never touch the
// keychain) and returns false after printing the problem; run() does the work, with the cache unlocked and open
// when needsCache, and returns the exit status.
struct Command
{
    const char* name;
    const char* synopsis;
    bool needsCache;
    bool createsCache;
    bool (*setup)(CliContext& ctx);
    int (*run)(CliContext& ctx);
    // When set: whether these arguments need the cache after all (evidence verify does not, evidence export does).
    bool (*needsCacheFor)(const QStringList& args) = nullptr;
};

const QList<Command>& commands();

// Parses ctx.args() with the options already added to ctx.parser(); prints a usage error and returns false.
bool parseArgs(CliContext& ctx, int minPositional, int maxPositional, const char* usage);

// Reads a --from/--to style option (YYYY-MM-DD, UTC) into seconds since the epoch, addDays later; prints the
// problem and returns false when it is not a date. An option not given leaves out unchanged.
bool parseDay(CliContext& ctx, const QString& option, qint64& out, int addDays);

bool syncSetup(CliContext& ctx);
int syncRun(CliContext& ctx);
bool callsSetup(CliContext& ctx);
int callsRun(CliContext& ctx);
bool exportAudioSetup(CliContext& ctx);
int exportAudioRun(CliContext& ctx);
bool verifySetup(CliContext& ctx);
int verifyRun(CliContext& ctx);
bool scorecardSetup(CliContext& ctx);
int scorecardRun(CliContext& ctx);
bool anonymiseSetup(CliContext& ctx);
int anonymiseRun(CliContext& ctx);
bool anonymiseAudioSetup(CliContext& ctx);
int anonymiseAudioRun(CliContext& ctx);
bool scenarioSetup(CliContext& ctx);
int scenarioRun(CliContext& ctx);
bool searchSetup(CliContext& ctx);
int searchRun(CliContext& ctx);
bool transcriptSetup(CliContext& ctx);
int transcriptRun(CliContext& ctx);
bool reportSetup(CliContext& ctx);
int reportRun(CliContext& ctx);
bool retentionSetup(CliContext& ctx);
int retentionRun(CliContext& ctx);
bool certificateSetup(CliContext& ctx);
int certificateRun(CliContext& ctx);
bool rolesSetup(CliContext& ctx);
int rolesRun(CliContext& ctx);
bool holdSetup(CliContext& ctx);
int holdRun(CliContext& ctx);
bool auditSetup(CliContext& ctx);
int auditRun(CliContext& ctx);
bool caseSetup(CliContext& ctx);
int caseRun(CliContext& ctx);
bool evidenceSetup(CliContext& ctx);
int evidenceRun(CliContext& ctx);
bool evidenceNeedsCache(const QStringList& args);
bool dsarSetup(CliContext& ctx);
int dsarRun(CliContext& ctx);
bool demoStoreSetup(CliContext& ctx);
int demoStoreRun(CliContext& ctx);

} // namespace Earmark::Cli

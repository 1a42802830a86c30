#include "cache/CacheSettings.h"
#include "cli/Commands.h"
#include "core/Files.h"
#include "store/RecordingStore.h"
#include "sync/AudioFetcher.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace Earmark::Cli {

bool exportAudioSetup(CliContext& ctx)
{
    ctx.parser().addPositionalArgument(QStringLiteral("CALL_ID"), QStringLiteral("The call."));
    ctx.parser().addOption(
        {QStringLiteral("out"), QStringLiteral("Where to write the audio."), QStringLiteral("FILE")});
    if (!parseArgs(ctx, 1, 1, "export-audio CALL_ID --out FILE")) {
        return false;
    }
    if (ctx.parser().value(QStringLiteral("out")).isEmpty()) {
        ctx.error(QStringLiteral("export-audio needs --out FILE: where to write the call's audio"));
        return false;
    }
    return true;
}

int exportAudioRun(CliContext& ctx)
{
    if (!ctx.allowed(Permission::ExportOriginalAudio)) {
        return 1;
    }
    const QString callId = ctx.parser().positionalArguments().constFirst();
    const QString outPath = ctx.parser().value(QStringLiteral("out"));
    Cache& cache = ctx.cache();
    auto found = cache.calls().find(callId);
    if (!found) {
        ctx.error(found.errorMessage());
        return 1;
    }
    if (!found.value()) {
        ctx.error(QStringLiteral("there is no call %1 in the cache: check the id with earmark-cli calls, or sync first")
                      .arg(callId));
        return 1;
    }
    CallRecord call = *found.value();
    auto blobName = cache.calls().audioBlob(call.id);
    auto syncState = cache.calls().syncStates();
    const bool current = blobName && !blobName.value().isEmpty() && syncState
        && syncState->value(callId).audioBlobSha256 == call.audioSha256;
    if (!current) {
        const QString storePath = CacheSettings(cache).storeLocation();
        auto store = openStore(storePath);
        if (!store) {
            ctx.error(QStringLiteral("the audio of %1 is not cached and the store cannot be opened: %2")
                          .arg(callId, store.errorMessage()));
            return 1;
        }
        AudioFetcher fetcher(cache, *store.value());
        if (auto st = fetcher.fetchAndStore(call); !st) {
            ctx.error(QStringLiteral("the audio of %1 is unavailable: %2").arg(callId, st.errorMessage()));
            return 1;
        }
        blobName = cache.calls().audioBlob(call.id);
    }
    auto key = cache.calls().dataKey(call.id, callId);
    if (!key) {
        ctx.error(key.errorMessage());
        return 1;
    }
    QFile in(cache.blobs().pathOf(blobName.value()));
    if (!in.open(QIODevice::ReadOnly)) {
        ctx.error(
            QStringLiteral("the encrypted audio of %1 is missing from the cache: run earmark-cli verify").arg(callId));
        return 1;
    }
    auto reader = Blob::Reader::open(key.value(), CallRepository::binding(callId, "audio"), &in);
    if (!reader) {
        ctx.error(reader.errorMessage());
        return 1;
    }
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly)) {
        ctx.error(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(outPath), out.errorString()));
        return 1;
    }
    QCryptographicHash sha(QCryptographicHash::Sha256);
    for (qint64 k = 0; k < reader->chunkCount(); ++k) {
        auto chunk = reader->readChunk(k);
        if (!chunk) {
            out.cancelWriting();
            ctx.error(chunk.errorMessage());
            return 1;
        }
        sha.addData(chunk.value());
        if (out.write(chunk.value()) != chunk->size()) {
            out.cancelWriting();
            ctx.error(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(outPath), out.errorString()));
            return 1;
        }
        Files::wipe(chunk.value());
    }
    if (QString::fromLatin1(sha.result().toHex()) != call.audioSha256) {
        out.cancelWriting();
        ctx.error(QStringLiteral("the cached audio of %1 does not match the store's checksum: run earmark-cli verify")
                      .arg(callId));
        return 1;
    }
    if (!out.commit()) {
        ctx.error(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(outPath), out.errorString()));
        return 1;
    }
    if (auto st = cache.audit().append(QStringLiteral("export-audio"), callId, QDir::toNativeSeparators(outPath));
        !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    ctx.out() << "Exported the audio of " << callId << " to " << QDir::toNativeSeparators(outPath) << " ("
              << reader->plainSize() << " bytes, identical to the store's file)\n";
    return 0;
}

bool verifySetup(CliContext& ctx)
{
    return parseArgs(ctx, 0, 0, "verify");
}

int verifyRun(CliContext& ctx)
{
    if (!ctx.allowed(Permission::ReadAudit)) {
        return 1;
    }
    Cache& cache = ctx.cache();
    if (auto st = cache.verify(); !st) {
        ctx.error(QStringLiteral("the cache is not intact: ") + st.errorMessage());
        return 1;
    }
    ctx.out() << "Cache intact: " << cache.calls().count() << " calls, " << cache.blobs().names().size()
              << " encrypted audio files, audit log of " << cache.audit().count() << " entries verified ("
              << cache.database().cipherVersion() << ")\n";
    return 0;
}

const QList<Command>& commands()
{
    static const QList<Command> all = {
        {"demo-store", "demo-store --out DIR [--calls N] [--seed S] [--days D]   write a synthetic recording store",
            false, false, demoStoreSetup, demoStoreRun},
        {"sync", "sync --store PATH [--audio none|all] [--json]             sync the store into the cache", true, true,
            syncSetup, syncRun},
        {"calls", "calls [--phone N] [--agent ID] [--from D] [--to D] [--json]  list calls, newest first", true, false,
            callsSetup, callsRun},
        {"export-audio", "export-audio CALL_ID --out FILE                         write a call's original audio", true,
            false, exportAudioSetup, exportAudioRun},
        {"verify", "verify                                                   check every blob and the audit log", true,
            false, verifySetup, verifyRun},
        {"scorecard", "scorecard check TEMPLATE | score TEMPLATE ANSWERS [--json]  validate a scorecard, score answers",
            false, false, scorecardSetup, scorecardRun},
        {"search", "search WORDS... [--limit N] [--json]                   find words said in any call", true, false,
            searchSetup, searchRun},
        {"transcript",
            "transcript show CALL_ID [--revision N] [--json] | history CALL_ID | import CALL_ID FILE  corrections",
            true, false, transcriptSetup, transcriptRun},
        {"scenario",
            "scenario add CALL_ID --from S --to S --title T ... | list | pack --out DIR|FILE.zip  training library",
            true, false, scenarioSetup, scenarioRun},
        {"anonymise", "anonymise IN.json [--out OUT.json] [--entities TYPES]  anonymise a transcript", false, false,
            anonymiseSetup, anonymiseRun},
        {"anonymise-audio",
            "anonymise-audio CALL_ID --out FILE.wav [--silence]     the audio with personal data bleeped", true, false,
            anonymiseAudioSetup, anonymiseAudioRun},
        {"report",
            "report [--by agent|campaign|week|month] [--from D] [--to D] [--agent ID] [--campaign C] "
            "[--questions|--evaluations]  quality report as CSV",
            true, false, reportSetup, reportRun},
        {"retention", "retention preview|run [--now YYYY-MM-DD] [--json]       what retention destroys; destroy it",
            true, false, retentionSetup, retentionRun},
        {"certificate", "certificate verify FILE | list [--json] | export RUN_ID --out DIR  destruction certificates",
            true, false, certificateSetup, certificateRun},
        {"hold", "hold add CALL_ID... --reason T --case REF | release HOLD_ID --reason T | list  legal holds", true,
            false, holdSetup, holdRun},
        {"audit", "audit verify | export [--from D] [--to D] [--call ID] [--json|--csv] | accept --reason T | key",
            true, false, auditSetup, auditRun},
        {"case",
            "case create --type complaint|safety|query --ref REF [--phone N] [--call ID]... | add-call | link-calls | "
            "note | flag | close | show | list  complaint and safety cases",
            true, false, caseSetup, caseRun},
        {"evidence", "evidence export CASE_ID --out FILE.zip | verify FILE.zip [--key KEY]  evidence packs", true,
            false, evidenceSetup, evidenceRun, evidenceNeedsCache},
        {"dsar",
            "dsar create --phone N --received D [--channel C] [--ref R] | confirm | extend | close | show | list | "
            "pack ID --out FILE.zip [--audio] | policy  subject access requests",
            true, false, dsarSetup, dsarRun},
        {"roles", "roles list [--json] | assign USER ROLE | revoke USER ROLE | mine  who may do what", true, false,
            rolesSetup, rolesRun},
    };
    return all;
}

} // namespace Earmark::Cli

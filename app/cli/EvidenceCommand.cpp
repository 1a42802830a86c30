#include "archive/BagVerifier.h"
#include "cache/Cache.h"
#include "cases/EvidencePack.h"
#include "cli/Commands.h"

#include <QDir>

namespace Earmark::Cli {

namespace {
const char* EvidenceUsage = "evidence export CASE_ID --out FILE.zip | evidence verify FILE.zip [--key PUBLIC_KEY]";
}

bool evidenceSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addOption({QStringLiteral("out"), QStringLiteral("Where to write the pack."), QStringLiteral("FILE.zip")});
    p.addOption({QStringLiteral("key"), QStringLiteral("The signer's public key, as the sender gave it."),
        QStringLiteral("KEY")});
    if (!parseArgs(ctx, 2, 2, EvidenceUsage)) {
        return false;
    }
    const QString sub = p.positionalArguments().constFirst();
    const auto usage = [&](const QString& problem) {
        ctx.error(problem + QStringLiteral(". Usage: earmark-cli ") + QString::fromLatin1(EvidenceUsage));
        return false;
    };
    if (sub == QLatin1String("export")) {
        return !p.value(QStringLiteral("out")).isEmpty()
            || usage(QStringLiteral("evidence export needs --out FILE.zip"));
    }
    if (sub == QLatin1String("verify")) {
        return true;
    }
    return usage(QStringLiteral("unknown evidence command \"%1\"").arg(sub));
}

// Verifying needs no cache (a recipient may have Earmark without the sender's cache); exporting does.
bool evidenceNeedsCache(const QStringList& args)
{
    return args.value(0) != QLatin1String("verify");
}

int evidenceRun(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    const QStringList args = p.positionalArguments();
    if (args.constFirst() == QLatin1String("verify")) {
        auto checked = BagVerifier::verifyZip(args.at(1), p.value(QStringLiteral("key")));
        if (!checked) {
            ctx.error(checked.errorMessage());
            return 1;
        }
        ctx.out() << "Verified: " << checked->kind << " pack " << checked->reference << ", " << checked->payloadFiles
                  << " files (" << checked->payloadBytes << " bytes), signed by key " << checked->keyId << '\n';
        ctx.out() << "Trusted comment: " << checked->trustedComment << '\n';
        if (checked->keyFromPack) {
            ctx.out() << "The key was taken from the pack's VERIFY.txt: compare key " << checked->keyId
                      << " with the one the sender gave you (or pass it with --key) to know who signed it\n";
        }
        return 0;
    }
    auto written = EvidencePack(ctx.cache()).write(args.at(1), p.value(QStringLiteral("out")));
    if (!written) {
        ctx.error(written.errorMessage());
        return 1;
    }
    ctx.out() << "Evidence pack for case " << written->reference << " written to "
              << QDir::toNativeSeparators(written->zipPath) << ": " << written->calls << " calls, " << written->files
              << " files, signed by key " << written->keyId;
    if (!written->destroyedCalls.isEmpty()) {
        ctx.out() << " (no longer in the cache: " << written->destroyedCalls.join(QLatin1Char(' ')) << ")";
    }
    ctx.out() << '\n';
    return 0;
}

} // namespace Earmark::Cli

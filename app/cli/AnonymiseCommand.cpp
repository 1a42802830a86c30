#include "anonymise/Anonymiser.h"
#include "cache/Cache.h"
#include "cli/Commands.h"
#include "core/Files.h"
#include "redaction/AudioRedactor.h"

#include <QDir>
#include <QJsonDocument>

namespace Earmark::Cli {

namespace {
const char* AnonymiseUsage = "anonymise IN.json [--out OUT.json] [--entities PERSON,PHONE,...] "
                             "[--staff keep|pseudonymise|remove] [--agent NAME]... [--name NAME]...";

std::optional<QSet<Anonymise::Entity>> entitiesOption(CliContext& ctx)
{
    QSet<Anonymise::Entity> out;
    const QString value = ctx.parser().value(QStringLiteral("entities"));
    for (const QString& name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto e = Anonymise::entityFromName(name.trimmed());
        if (!e) {
            QStringList all;
            for (Anonymise::Entity known : Anonymise::allEntities()) {
                all << Anonymise::entityName(known);
            }
            ctx.error(QStringLiteral("--entities: \"%1\" is not an entity type; use %2").arg(name, all.join(u',')));
            return std::nullopt;
        }
        out.insert(*e);
    }
    return out;
}
} // namespace

bool anonymiseSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addPositionalArgument(QStringLiteral("IN"), QStringLiteral("An earmark.transcript/1 file."));
    p.addOption(
        {QStringLiteral("out"), QStringLiteral("Write here (default: standard output)."), QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("entities"), QStringLiteral("Only these types (comma-separated)."), QStringLiteral("TYPES")});
    p.addOption({QStringLiteral("staff"),
        QStringLiteral("The staff's names: keep (default), pseudonymise ([AGENT_1]) or remove ([AGENT])."),
        QStringLiteral("POLICY")});
    p.addOption({QStringLiteral("agent"), QStringLiteral("A member of staff's name on the call (repeatable)."),
        QStringLiteral("NAME")});
    p.addOption({QStringLiteral("name"),
        QStringLiteral("A name known to be said, the respondent's or a third party's (repeatable)."),
        QStringLiteral("NAME")});
    if (!parseArgs(ctx, 1, 1, AnonymiseUsage)) {
        return false;
    }
    const QString staff = p.value(QStringLiteral("staff"));
    if (!staff.isEmpty() && !Anonymise::staffPolicyFromName(staff)) {
        ctx.error(QStringLiteral("--staff: \"%1\" is not a policy; use keep, pseudonymise or remove").arg(staff));
        return false;
    }
    return entitiesOption(ctx).has_value();
}

int anonymiseRun(CliContext& ctx)
{
    const QString in = ctx.parser().positionalArguments().first();
    auto bytes = Files::readAll(in, 64 * 1024 * 1024);
    if (!bytes) {
        ctx.error(bytes.errorMessage());
        return 1;
    }
    Anonymise::Options options;
    options.entities = *entitiesOption(ctx);
    options.agentNames = ctx.parser().values(QStringLiteral("agent"));
    options.knownNames = ctx.parser().values(QStringLiteral("name"));
    options.staff = Anonymise::staffPolicyFromName(ctx.parser().value(QStringLiteral("staff")))
                        .value_or(Anonymise::StaffPolicy::Keep);
    auto result = Anonymise::Anonymiser(options).anonymise(bytes.value());
    if (!result) {
        ctx.error(QStringLiteral("%1 is not a valid transcript: %2")
                      .arg(QDir::toNativeSeparators(in), result.errorMessage()));
        return 1;
    }
    const QByteArray json = QJsonDocument(result->transcript).toJson(QJsonDocument::Indented);
    const QString out = ctx.parser().value(QStringLiteral("out"));
    if (out.isEmpty()) {
        ctx.out() << QString::fromUtf8(json);
        ctx.out().flush();
        return 0;
    }
    if (auto st = Files::writeAtomically(out, json); !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    return 0;
}

bool anonymiseAudioSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addPositionalArgument(QStringLiteral("CALL_ID"), QStringLiteral("The call."));
    p.addOption({QStringLiteral("out"), QStringLiteral("The WAV file to write."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("silence"), QStringLiteral("Silence instead of a tone.")});
    if (!parseArgs(ctx, 1, 1, "anonymise-audio CALL_ID --out FILE.wav [--silence]")) {
        return false;
    }
    if (p.value(QStringLiteral("out")).isEmpty()) {
        ctx.error(QStringLiteral("anonymise-audio needs --out FILE.wav: where to write the redacted audio"));
        return false;
    }
    return true;
}

int anonymiseAudioRun(CliContext& ctx)
{
    const QString callId = ctx.parser().positionalArguments().first();
    const QString out = ctx.parser().value(QStringLiteral("out"));
    Cache& cache = ctx.cache();
    auto redacted = AudioRedactor(cache).redact(callId, ctx.parser().isSet(QStringLiteral("silence")));
    if (!redacted) {
        ctx.error(redacted.errorMessage());
        return 1;
    }
    auto wav = AudioDecoder::encodeWav(redacted->audio);
    if (!wav) {
        ctx.error(wav.errorMessage());
        return 1;
    }
    if (auto st = Files::writeAtomically(out, wav.value()); !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    if (auto st = cache.audit().append(QStringLiteral("anonymise-audio"), callId, QDir::toNativeSeparators(out)); !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    ctx.out() << QStringLiteral("Wrote %1: %2 redacted span(s), %3 s of audio\n")
                     .arg(QDir::toNativeSeparators(out))
                     .arg(redacted->redactions.size())
                     .arg(double(redacted->audio.frames) / std::max(1, redacted->audio.sampleRate), 0, 'f', 1);
    return 0;
}

} // namespace Earmark::Cli

#include "anonymise/Anonymiser.h"
#include "cli/Commands.h"
#include "core/Files.h"

#include <QDir>
#include <QJsonDocument>

namespace Earmark::Cli {

namespace {
const char* AnonymiseUsage = "anonymise IN.json [--out OUT.json] [--entities PERSON,PHONE,...]";

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
    p.addOption({QStringLiteral("out"), QStringLiteral("Write here (default: standard output)."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("entities"), QStringLiteral("Only these types (comma-separated)."),
        QStringLiteral("TYPES")});
    if (!parseArgs(ctx, 1, 1, AnonymiseUsage)) {
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
    auto result = Anonymise::Anonymiser(options).anonymise(bytes.value());
    if (!result) {
        ctx.error(QStringLiteral("%1 is not a valid transcript: %2").arg(QDir::toNativeSeparators(in), result.errorMessage()));
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

} // namespace Earmark::Cli

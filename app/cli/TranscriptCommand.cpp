#include "cache/Cache.h"
#include "cli/Commands.h"
#include "core/Files.h"
#include "store/TranscriptEdit.h"
#include "transcript/TranscriptCorrections.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Earmark::Cli {

namespace {
const char* Usage = "transcript show CALL_ID [--revision N] [--json] | transcript history CALL_ID [--json] | "
                    "transcript import CALL_ID FILE";

int show(CliContext& ctx, const QString& callId)
{
    QCommandLineParser& p = ctx.parser();
    Result<Transcript> t = makeError(QString());
    if (p.isSet(QStringLiteral("revision"))) {
        t = TranscriptCorrections(ctx.cache()).at(callId, p.value(QStringLiteral("revision")).toInt());
    } else {
        auto h = TranscriptCorrections(ctx.cache()).load(callId);
        if (!h) {
            ctx.error(h.errorMessage());
            return 1;
        }
        if (!h->current) {
            ctx.error(QStringLiteral("Call %1 has no transcript: type one in the window (Transcript → Type the "
                                     "transcript) or import one with: earmark-cli transcript import %1 FILE")
                          .arg(callId));
            return 1;
        }
        t = std::move(*h->current);
    }
    if (!t) {
        ctx.error(t.errorMessage());
        return 1;
    }
    if (auto st = ctx.cache().audit().append(QStringLiteral("transcript.read"), callId, {}); !st) {
        ctx.error(st.errorMessage());
        return 1;
    }
    if (p.isSet(QStringLiteral("json"))) {
        ctx.out() << QString::fromUtf8(QJsonDocument::fromJson(t->toJson()).toJson(QJsonDocument::Indented));
    } else {
        ctx.out() << TranscriptEdit::formatTyped(t.value());
    }
    return 0;
}

int history(CliContext& ctx, const QString& callId)
{
    auto h = TranscriptCorrections(ctx.cache()).load(callId);
    if (!h) {
        ctx.error(h.errorMessage());
        return 1;
    }
    const auto when
        = [](qint64 at) { return QDateTime::fromSecsSinceEpoch(at, QTimeZone::utc()).toString(Qt::ISODate); };
    if (ctx.parser().isSet(QStringLiteral("json"))) {
        QJsonArray out;
        if (h->provider) {
            out.append(QJsonObject {{QStringLiteral("revision"), 0}, {QStringLiteral("by"), QStringLiteral("provider")},
                {QStringLiteral("summary"), QStringLiteral("original")}});
        }
        for (const CallDocument& r : std::as_const(h->revisions)) {
            out.append(QJsonObject {{QStringLiteral("revision"), r.revision}, {QStringLiteral("by"), r.byUser},
                {QStringLiteral("at_utc"), when(r.atUtc)}, {QStringLiteral("summary"), r.summary}});
        }
        ctx.out() << QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented));
        return 0;
    }
    if (h->provider) {
        ctx.out() << "0  provider  the provider's original\n";
    }
    for (const CallDocument& r : std::as_const(h->revisions)) {
        ctx.out() << r.revision << "  " << r.byUser << "  " << when(r.atUtc) << "  " << r.summary << '\n';
    }
    if (!h->provider && h->revisions.isEmpty()) {
        ctx.out() << "No transcript yet.\n";
    }
    return 0;
}

int import(CliContext& ctx, const QString& callId, const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ctx.error(QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
        return 1;
    }
    QByteArray bytes = file.read(Transcript::MaxBytes + 1);
    auto h = TranscriptCorrections(ctx.cache()).load(callId);
    if (!h) {
        Files::wipe(bytes);
        ctx.error(h.errorMessage());
        return 1;
    }
    // A JSON transcript replaces the whole text; anything else is a typed transcript ("[0:01.5] Agent: ...").
    const bool json = bytes.trimmed().startsWith('{');
    auto revision = json ? TranscriptCorrections(ctx.cache()).saveWhole(callId, h->revision, bytes)
                         : TranscriptCorrections(ctx.cache()).saveTyped(callId, h->revision, QString::fromUtf8(bytes));
    Files::wipe(bytes);
    if (!revision) {
        ctx.error(QStringLiteral("%1: %2").arg(path, revision.errorMessage()));
        return 1;
    }
    ctx.out() << "Saved as revision " << revision.value() << " of the transcript of " << callId << ".\n";
    return 0;
}
} // namespace

bool transcriptSetup(CliContext& ctx)
{
    QCommandLineParser& p = ctx.parser();
    p.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("show, history or import"));
    p.addPositionalArgument(QStringLiteral("CALL_ID"), QStringLiteral("The call."));
    p.addOption({QStringLiteral("revision"), QStringLiteral("show: this revision (0: the provider's original)."),
        QStringLiteral("N")});
    p.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parseArgs(ctx, 2, 3, Usage)) {
        return false;
    }
    const QStringList args = p.positionalArguments();
    const QString action = args.at(0);
    if (action != QLatin1String("show") && action != QLatin1String("history") && action != QLatin1String("import")) {
        ctx.error(QStringLiteral("unknown action \"%1\": use %2").arg(action, QLatin1String(Usage)));
        return false;
    }
    if ((action == QLatin1String("import")) != (args.size() == 3)) {
        ctx.error(QStringLiteral("usage: earmark-cli %1").arg(QLatin1String(Usage)));
        return false;
    }
    bool ok = true;
    if (p.isSet(QStringLiteral("revision")) && (p.value(QStringLiteral("revision")).toInt(&ok) < 0 || !ok)) {
        ctx.error(
            QStringLiteral("--revision takes a number from 0, not \"%1\"").arg(p.value(QStringLiteral("revision"))));
        return false;
    }
    return true;
}

int transcriptRun(CliContext& ctx)
{
    const QStringList args = ctx.parser().positionalArguments();
    if (args.at(0) == QLatin1String("show")) {
        return show(ctx, args.at(1));
    }
    if (args.at(0) == QLatin1String("history")) {
        return history(ctx, args.at(1));
    }
    return import(ctx, args.at(1), args.at(2));
}

} // namespace Earmark::Cli

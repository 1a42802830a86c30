#include "cli/CliApp.h"

#include "cli/Commands.h"
#include "core/Files.h"
#include "crypto/Passphrase.h"
#include "keys/AuditAnchorKeychain.h"
#include "keys/CacheUnlocker.h"
#include "keys/KeyInfo.h"
#include "keys/KeyRotation.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTimer>
#include <cstdio>
#include <sys/resource.h>

namespace Earmark::Cli {

namespace {
void quietMessages(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    // Scripts get one clear line from us, not Qt or library chatter. EARMARK_DEBUG=1 shows everything.
    static const bool debug = qEnvironmentVariableIntValue("EARMARK_DEBUG") != 0;
    if (debug || type == QtFatalMsg) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
    }
}

void printHelp(QTextStream& out)
{
    out << "Usage: earmark-cli [--cache DIR] [--passphrase-file FILE] COMMAND [ARGS]\n\n"
           "Commands:\n";
    for (const Command& c : commands()) {
        out << "  " << QString::fromLatin1(c.synopsis) << "\n";
    }
    out << "\n--cache DIR             the encrypted cache folder (default $EARMARK_CACHE, else the app data folder)\n"
           "--passphrase-file FILE  protect the cache with a passphrase instead of the OS keychain\n"
           "                        (also EARMARK_PASSPHRASE_FILE)\n";
    out.flush();
}
} // namespace

bool parseArgs(CliContext& ctx, int minPositional, int maxPositional, const char* usage)
{
    QCommandLineParser& p = ctx.parser();
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!p.parse(QStringList {QStringLiteral("earmark-cli")} + ctx.args())) {
        QString problem = p.errorText().trimmed();
        while (problem.endsWith(QLatin1Char('.'))) {
            problem.chop(1); // Qt's own text ends in a full stop
        }
        ctx.error(problem + QStringLiteral(". Usage: earmark-cli ") + QString::fromLatin1(usage));
        return false;
    }
    const qsizetype n = p.positionalArguments().size();
    if (n < minPositional || n > maxPositional) {
        ctx.error(QStringLiteral("wrong number of arguments. Usage: earmark-cli ") + QString::fromLatin1(usage));
        return false;
    }
    return true;
}

int run(int argc, char** argv)
{
    // No core dumps (they would hold keys and audio) and private files only.
    const rlimit noCore {0, 0};
    setrlimit(RLIMIT_CORE, &noCore);
    Files::restrictUmask();
    qInstallMessageHandler(quietMessages);

    // dsar pack writes a PDF, which needs Qt's GUI library: on the offscreen platform, so that no display is needed.
    bool gui = false;
    for (int i = 1; i + 1 < argc; ++i) {
        gui = gui || (qstrcmp(argv[i], "dsar") == 0 && qstrcmp(argv[i + 1], "pack") == 0);
    }
    std::unique_ptr<QCoreApplication> application;
    if (gui) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication& app = *application;
    QCoreApplication::setOrganizationName(QStringLiteral("Earmark"));
    QCoreApplication::setApplicationName(QStringLiteral("earmark"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EARMARK_VERSION));

    QStringList args = app.arguments().mid(1);
    GlobalOptions options;
    options.passphraseFile = qEnvironmentVariable("EARMARK_PASSPHRASE_FILE");
    while (!args.isEmpty() && args.first().startsWith(QLatin1Char('-'))) {
        const QString opt = args.takeFirst();
        if (opt == QLatin1String("--help") || opt == QLatin1String("-h")) {
            CliContext ctx(options, {});
            printHelp(ctx.out());
            return 0;
        }
        if (opt == QLatin1String("--version")) {
            std::printf("earmark-cli %s\n", EARMARK_VERSION);
            return 0;
        }
        const bool isCache = opt == QLatin1String("--cache") || opt.startsWith(QLatin1String("--cache="));
        const bool isPass
            = opt == QLatin1String("--passphrase-file") || opt.startsWith(QLatin1String("--passphrase-file="));
        if (!isCache && !isPass) {
            CliContext(options, {}).error(QStringLiteral("unknown option %1: run earmark-cli --help").arg(opt));
            return 1;
        }
        QString value;
        if (opt.contains(QLatin1Char('='))) {
            value = opt.section(QLatin1Char('='), 1);
        } else if (!args.isEmpty()) {
            value = args.takeFirst();
        } else {
            CliContext(options, {}).error(QStringLiteral("%1 needs a value: run earmark-cli --help").arg(opt));
            return 1;
        }
        (isCache ? options.cacheDir : options.passphraseFile) = value;
    }
    if (args.isEmpty()) {
        CliContext ctx(options, {});
        ctx.error(QStringLiteral("no command given: run earmark-cli --help"));
        return 1;
    }
    const QString name = args.takeFirst();
    if (name == QLatin1String("help")) {
        CliContext ctx(options, {});
        printHelp(ctx.out());
        return 0;
    }
    const Command* command = nullptr;
    for (const Command& c : commands()) {
        if (name == QLatin1String(c.name)) {
            command = &c;
        }
    }
    options.cacheDir = CacheFolder::resolve(options.cacheDir);
    CliContext ctx(options, args);
    if (!command) {
        ctx.error(QStringLiteral("unknown command \"%1\": run earmark-cli --help").arg(name));
        return 1;
    }
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h"))) {
        // The command's own usage, before anything is opened ("earmark-cli roles --help").
        ctx.out() << "Usage: earmark-cli " << QString::fromLatin1(command->synopsis) << '\n';
        ctx.out().flush();
        return 0;
    }
    if (!command->setup(ctx)) {
        return 1;
    }
    if (!command->needsCache
        || (command->needsCacheFor && !command->needsCacheFor(ctx.parser().positionalArguments()))) {
        return command->run(ctx);
    }

    UnlockRequest request;
    request.cacheDir = options.cacheDir;
    request.allowCreate = command->createsCache;
    if (!options.passphraseFile.isEmpty()) {
        auto passphrase = Passphrase::readPassphraseFile(options.passphraseFile);
        if (!passphrase) {
            ctx.error(passphrase.errorMessage());
            return 1;
        }
        request.mode = KeyMode::Passphrase;
        request.passphrase = std::move(passphrase.value());
    }
    int status = 1;
    const QString cacheDir = ctx.options().cacheDir;
    // The keychain's copy of the audit checkpoint, brought up to date before the process ends.
    auto* anchors = new AuditAnchorKeychain(cacheDir, &app);
    auto exitWhenStored = [&app, &status, anchors] { anchors->whenIdle([&app, &status] { app.exit(status); }); };
    // After the command: a keychain cache that destroyed calls replaces its master key before the process ends, so
    // that copies made before cannot be opened with what the keychain holds.
    auto finish = [&app, &ctx, &status, cacheDir, exitWhenStored] {
        auto info = KeyInfo::load(CacheFolder(cacheDir).keyInfoPath());
        if (!info || info->mode != KeyMode::Keychain || !ctx.cache().rotationDue()) {
            exitWhenStored();
            return;
        }
        auto* rotation
            = new KeyRotation(cacheDir, [&ctx](std::shared_ptr<SecretKey> next, std::function<void(Status)> done) {
                  done(ctx.cache().rotateMaster(*next));
              });
        QObject::connect(rotation, &KeyRotation::finished, &app, [&ctx, &status, exitWhenStored](const QString& error) {
            if (!error.isEmpty()) {
                ctx.error(QStringLiteral("the calls were destroyed, but the cache's key was not replaced: %1 Run "
                                         "any earmark-cli command on this cache to try again.")
                              .arg(error));
                status = 1;
            }
            exitWhenStored();
        });
        rotation->start();
    };
    auto* unlocker = new CacheUnlocker(std::move(request));
    QObject::connect(unlocker, &CacheUnlocker::waiting, &app, [&](const QString& message) { ctx.progress(message); });
    QObject::connect(unlocker, &CacheUnlocker::finished, &app, [&](CacheUnlocker* job) {
        if (!job->succeeded()) {
            ctx.error(job->error().message);
            app.exit(1);
            return;
        }
        auto key = std::make_shared<SecretKey>(job->takeKey());
        auto pending = std::make_shared<SecretKey>(job->takePendingKey());
        const std::optional<QByteArray> keptAnchor = job->keychainAuditAnchor();
        // Run the command from the event loop, outside the job's signal.
        QTimer::singleShot(0, &app, [&, key, pending, keptAnchor] {
            CacheOpenOptions openOptions = ctx.openOptions();
            openOptions.pendingMaster = pending->isNull() ? nullptr : pending.get();
            openOptions.keychainAnchor = keptAnchor;
            openOptions.anchorWritten = [anchors](const QByteArray& anchor) { anchors->store(anchor); };
            auto cache = Cache::open(CacheFolder(cacheDir), *key, command->createsCache, openOptions);
            if (!cache) {
                ctx.error(cache.errorMessage());
                app.exit(1);
                return;
            }
            ctx.setCache(std::move(cache.value()));
            auto runCommand = [&] {
                status = command->run(ctx);
                finish();
            };
            if (pending->isNull()
                && KeyInfo::load(CacheFolder(cacheDir).keyInfoPath()).value_or(KeyInfo {}).retiredKeyIds.isEmpty()) {
                runCommand();
                return;
            }
            // A rotation a killed process left: the key file follows what the cache now uses, and old keychain
            // entries are deleted.
            auto* settle = new KeyRotation(cacheDir, {});
            QObject::connect(settle, &KeyRotation::finished, &app, [runCommand](const QString&) { runCommand(); });
            settle->settle(ctx.cache().masterCheck());
        });
    });
    unlocker->start();
    const int loop = app.exec();
    return loop == 0 ? status : loop;
}

} // namespace Earmark::Cli

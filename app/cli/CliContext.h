#pragma once

#include "cache/Cache.h"
#include "cache/Roles.h"
#include "core/Result.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <memory>

namespace Earmark::Cli {

struct GlobalOptions
{
    QString cacheDir;
    QString passphraseFile;
};

// What a command gets: the global options, its own arguments, output streams and (for cache commands) the cache.
class CliContext
{
public:
    CliContext(GlobalOptions options, QStringList args);

    const GlobalOptions& options() const { return m_options; }
    const QStringList& args() const { return m_args; }
    Cache& cache() { return *m_cache; }
    void setCache(std::unique_ptr<Cache> cache) { m_cache = std::move(cache); }
    // How the cache is opened; a command's setup() may relax the audit check (audit verify, audit accept).
    CacheOpenOptions& openOptions() { return m_openOptions; }

    // The command's own options, parsed before the cache is opened.
    QCommandLineParser& parser() { return m_parser; }
    QTextStream& out() { return m_out; }
    // One clear line on stderr: "earmark-cli: <message>".
    void error(const QString& message);
    // Whether the acting user's role allows p (checked in the core library: cache/Roles); prints the refusal
    // (audited there) when it does not. For commands that read through the cache's own repositories.
    bool allowed(Permission p);
    // A transient progress line on stderr, only when stderr is a terminal.
    void progress(const QString& line);
    void endProgress();
    bool stderrIsTerminal() const { return m_tty; }

private:
    GlobalOptions m_options;
    QStringList m_args;
    std::unique_ptr<Cache> m_cache;
    CacheOpenOptions m_openOptions;
    QCommandLineParser m_parser;
    QTextStream m_out;
    QTextStream m_err;
    bool m_tty = false;
    bool m_progressShown = false;
};

} // namespace Earmark::Cli

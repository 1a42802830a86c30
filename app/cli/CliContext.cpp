#include "cli/CliContext.h"

#include <cstdio>
#include <unistd.h>

namespace Earmark::Cli {

CliContext::CliContext(GlobalOptions options, QStringList args)
    : m_options(std::move(options))
    , m_args(std::move(args))
    , m_out(stdout)
    , m_err(stderr)
    , m_tty(::isatty(STDERR_FILENO) == 1)
{ }

void CliContext::error(const QString& message)
{
    endProgress();
    m_out.flush();
    QString line = message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    m_err << "earmark-cli: " << line << Qt::endl;
}

void CliContext::progress(const QString& line)
{
    if (!m_tty) {
        return;
    }
    m_err << "\r\033[K" << line;
    m_err.flush();
    m_progressShown = true;
}

void CliContext::endProgress()
{
    if (m_progressShown) {
        m_err << "\r\033[K";
        m_err.flush();
        m_progressShown = false;
    }
}

bool CliContext::allowed(Permission p)
{
    if (auto st = m_cache->roles().require(p); !st) {
        error(st.errorMessage());
        return false;
    }
    return true;
}

} // namespace Earmark::Cli

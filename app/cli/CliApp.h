#pragma once

namespace Earmark::Cli {

// earmark-cli [--cache DIR] [--passphrase-file FILE] COMMAND [ARGS] (shared/spec/cli.md).
int run(int argc, char** argv);

} // namespace Earmark::Cli

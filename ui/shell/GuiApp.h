#pragma once

namespace Earmark::Gui {

// earmark [--cache DIR] [--passphrase-file FILE]: the same options and environment variables as earmark-cli.
int run(int argc, char** argv);

} // namespace Earmark::Gui

#include "cli/CliApp.h"

int main(int argc, char** argv)
{
    return Earmark::Cli::run(argc, argv);
}

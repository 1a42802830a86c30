#include "ui/shell/GuiApp.h"

int main(int argc, char** argv)
{
    return Earmark::Gui::run(argc, argv);
}

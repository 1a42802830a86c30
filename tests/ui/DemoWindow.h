#pragma once

#include "ui/shell/MainWindow.h"
#include "cache/CacheWorker.h"

#include <QString>
#include <memory>

namespace Earmark::Test {

// A demo store synced into a passphrase cache under dir, and the real main window unlocked on it: what the GUI
// tests start from.
struct DemoWindow
{
    QString store;
    QString cache;
    QString passFile;
    std::unique_ptr<CacheWorker> service;
    std::unique_ptr<Gui::MainWindow> window;

    // Writes a demo store of `calls` calls and syncs it (earmark-cli, real processes); empty when it worked.
    QString makeCache(const QString& dir, int calls);
    // Opens the window (1400 x 900) and unlocks the cache; empty when it worked.
    QString open();
    void close();
    QStringList cliBase() const; // --cache ... --passphrase-file ...
};

} // namespace Earmark::Test

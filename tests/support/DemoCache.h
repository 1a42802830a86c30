#pragma once

#include "TestSupport.h"

#include <QString>
#include <QStringList>

namespace Earmark::Test {

// A demo store written by earmark-cli and synced into a cache opened with a passphrase file, all under one folder
// (dir/store, dir/cache, dir/pass): what the tests that run earmark-cli or the window on real data start from. With
// keychain set before makeCache, the cache keeps its key in the OS keychain instead (no passphrase file).
struct DemoCache
{
    QString store;
    QString cache;
    QString passFile;
    bool keychain = false;

    // Writes a demo store of `calls` calls and syncs it (earmark-cli, real processes); empty when it worked,
    // otherwise what earmark-cli said.
    QString makeCache(const QString& dir, int calls);
    QStringList cliBase() const; // --cache ... --passphrase-file ... (no passphrase file in keychain mode)
    // earmark-cli on this cache: cliBase() followed by args.
    ProcessResult cli(const QStringList& args) const;
};

} // namespace Earmark::Test

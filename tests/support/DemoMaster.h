#pragma once

// Header-only, for tests that link earmark_keys: the master key of a DemoCache's passphrase cache, so that a test can
// open it in process (Cache::open) as the CLI does after unlocking.
#include "DemoCache.h"
#include "cache/CacheFolder.h"
#include "crypto/Passphrase.h"
#include "keys/KeyInfo.h"

namespace Earmark::Test {

inline SecretKey passphraseMaster(const DemoCache& demo)
{
    auto info = KeyInfo::load(CacheFolder(demo.cache).keyInfoPath());
    auto pass = Passphrase::readPassphraseFile(demo.passFile);
    if (!info || !pass) {
        return {};
    }
    auto kek = Passphrase::deriveKey(pass.value(), info->kdf);
    if (!kek) {
        return {};
    }
    auto master = info->unwrapMaster(kek.value());
    return master ? std::move(master.value()) : SecretKey();
}

} // namespace Earmark::Test

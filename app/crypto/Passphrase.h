#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"

#include <QByteArray>
#include <QString>

namespace Earmark::Passphrase {

// Minimum estimated strength: zxcvbn's entropy estimate in bits.
constexpr double MinimumBits = 40.0;

struct Strength
{
    double bits = 0;
    bool acceptable = false;
    QString reason; // why it is weak, in words a person can act on; empty when acceptable
};

// Estimates the strength of a passphrase with zxcvbn (common words, names, keyboard patterns, dates...).
Strength assess(const QString& passphrase);

// Argon2id parameters, stored beside the cache so they can be raised later.
struct KdfParams
{
    quint64 opsLimit = 0;
    quint64 memLimit = 0;
    QByteArray salt;
};

// libsodium's MODERATE Argon2id limits with a fresh random salt.
KdfParams defaultParams();
// True when params are weaker than defaultParams() (the cache should be re-wrapped with stronger ones).
bool isBelowPolicy(const KdfParams& params);

// Derives a 32-byte key-encryption key from the passphrase. Fails only on absurd parameters or memory exhaustion.
Result<SecretKey> deriveKey(const QString& passphrase, const KdfParams& params);

// Reads a passphrase file: its first line, without the line break. Refuses an empty passphrase.
Result<QString> readPassphraseFile(const QString& path);

} // namespace Earmark::Passphrase

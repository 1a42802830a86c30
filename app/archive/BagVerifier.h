#pragma once

#include "core/Result.h"

#include <QString>

namespace Earmark {

// What a verified pack is.
struct BagCheck
{
    QString kind; // Earmark-Pack-Kind
    QString reference; // External-Identifier
    QString keyId; // the signer's key id, as minisign prints it
    QString trustedComment;
    bool keyFromPack = false; // checked against the key written in VERIFY.txt (none was given)
    int payloadFiles = 0;
    qint64 payloadBytes = 0;
};

// Checks a pack zip exactly as ../shared/spec/evidence-pack.md says a recipient does, and nothing more leniently:
// the tag manifest's minisign signature, every tag file and payload file against its SHA-256, every payload file in
// the manifest (an added file fails), Payload-Oxum, and no file outside the bag's one folder. Reads entry by entry
// (hashes stream), so a large or hostile archive cannot exhaust memory.
class BagVerifier
{
public:
    // publicKey: the signer's key as minisign takes it (-P), or a minisign.pub file's text; empty: the key in the
    // pack's VERIFY.txt (the result says so: only a key from the sender proves who signed).
    static Result<BagCheck> verifyZip(const QString& zipPath, const QString& publicKey = {});
};

} // namespace Earmark

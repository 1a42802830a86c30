#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace Earmark {

class SigningKey;

// Signatures in the format of minisign 0.11 (https://jedisct1.github.io/minisign/), so that anyone can check what
// Earmark signs with the Debian package alone: `minisign -Vm FILE -P KEY`. Only the prehashed "ED" form is written
// and accepted (Ed25519 over the file's BLAKE2b-512), with the trusted comment signed as well.
namespace Minisign {

struct PublicKey
{
    QByteArray keyId; // 8 bytes
    QByteArray key; // 32 bytes
};

// The public key as `minisign -P` takes it: base64 of "Ed" || key id || public key.
QString publicKeyText(const SigningKey& key);
// A minisign.pub file: an untrusted comment naming the key id, then the public key line.
QByteArray publicKeyFile(const SigningKey& key);
// Reads a public key line or a whole minisign.pub file.
Result<PublicKey> parsePublicKey(const QString& text);
// The key id as minisign prints it (16 upper-case hex digits).
QString keyIdText(const QByteArray& keyId);

// The contents of FILE.minisig for message. The trusted comment is one line of text (line breaks become spaces).
QByteArray sign(const SigningKey& key, const QByteArray& message, const QString& trustedComment);
// Checks a .minisig file against message and key as minisign -V does; returns the trusted comment.
Result<QString> verify(const PublicKey& key, const QByteArray& message, const QByteArray& signatureFile);

} // namespace Minisign

} // namespace Earmark

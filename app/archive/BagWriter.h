#pragma once

#include "archive/Archive.h"
#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QString>

namespace Earmark {

class SigningKey;

// What bag-info.txt says of a pack (../shared/spec/evidence-pack.md).
struct BagInfo
{
    QString kind; // Earmark-Pack-Kind: "evidence" or "dsar"
    QString reference; // External-Identifier: the case or request reference
    QString organisation; // Source-Organization
    QDate baggingDate;
    QString version; // Earmark-Version
    // Further steps for VERIFY.txt in plain words, numbered from 4 (an evidence pack's custody record).
    QString moreSteps = {};
};

// Builds a BagIt bag (RFC 8493, version 1.0) as the evidence-pack spec lays it out: the payload under data/,
// manifest-sha256.txt over it, bag-info.txt with Payload-Oxum, VERIFY.txt (how a recipient checks the pack with
// minisign and sha256sum, and that nothing was added), tagmanifest-sha256.txt over the tag files, and its signature
// in minisign's format with the cache's key. Held in memory: a pack is a case's or a requester's calls.
class BagWriter
{
public:
    explicit BagWriter(BagInfo info);

    // A payload file by its path under data/ ("calls/C-1/audio.ogg"). Refuses a name outside [A-Za-z0-9._/-] (so the
    // manifests need no escaping), with an empty, "." or ".." part, or given twice.
    [[nodiscard]] Status add(const QString& path, const QByteArray& bytes);
    int payloadCount() const { return int(m_payload.size()); }

    // Every file of the bag, by its path inside the bag's folder.
    QList<Archive::File> files(const SigningKey& key) const;
    // The bag as one zip file whose single folder is named folderName; written whole or not at all.
    [[nodiscard]] Status writeZip(const QString& zipPath, const QString& folderName, const SigningKey& key) const;

    static bool isSafePath(const QString& path);
    // The trusted comment signed with the tag manifest: kind, reference and date, one line.
    static QString trustedComment(const BagInfo& info);

private:
    BagInfo m_info;
    QList<Archive::File> m_payload;
};

} // namespace Earmark

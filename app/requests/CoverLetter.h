#pragma once

#include "core/Result.h"

#include <QDate>
#include <QList>
#include <QString>

namespace Earmark {

// What the letter to a requester says (UK GDPR Art. 15(1)-(3)).
struct CoverLetterCall
{
    QString callId;
    qint64 startUtc = 0;
    double durationS = 0;
    bool transcript = false;
    bool audio = false;
    QDate destroyedFrom; // when retention destroys it
};

struct CoverLetterContent
{
    QString organisation;
    QString requesterName; // "" when no call's metadata names them
    QString reference; // the organisation's reference, else the request id
    QDate received;
    QDate deadline;
    QDate written;
    int retentionDays = 730;
    QString staffNames; // the staff policy applied, as staffNamesText() gives it
    int redacted = 0; // how many passages of other people's data were removed
    bool audioAsked = false;
    QList<CoverLetterCall> calls;
};

// The cover letter of a subject-access pack as HTML (what the PDF shows) and as an A4 PDF (Qt's PDF writer; needs
// a QGuiApplication, which earmark-cli makes on the offscreen platform for dsar pack).
namespace CoverLetter {
QString html(const CoverLetterContent& content);
Result<QByteArray> pdf(const CoverLetterContent& content);
} // namespace CoverLetter

} // namespace Earmark

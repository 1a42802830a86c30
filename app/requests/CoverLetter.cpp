#include "requests/CoverLetter.h"

#include "core/TimeText.h"

#include <QBuffer>
#include <QDateTime>
#include <QGuiApplication>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTimeZone>

namespace Earmark::CoverLetter {

namespace {
QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString day(const QDate& d)
{
    return d.isValid() ? QLocale(QLocale::English, QLocale::UnitedKingdom).toString(d, QStringLiteral("d MMMM yyyy"))
                       : QStringLiteral("-");
}

QString years(int days)
{
    if (days == 730) {
        return QStringLiteral("two years");
    }
    if (days % 365 == 0) {
        return QStringLiteral("%1 years").arg(days / 365);
    }
    return QStringLiteral("%1 days").arg(days);
}
} // namespace

QString html(const CoverLetterContent& c)
{
    const QString org = esc(c.organisation);
    QString h = QStringLiteral("<style>body{font-family:sans-serif;font-size:10pt} h1{font-size:15pt} "
                               "h2{font-size:11.5pt;margin-top:12px} td,th{padding:2px 6px} "
                               "th{text-align:left;background:#eee}</style>");
    h += QStringLiteral("<p>%1<br>%2</p>").arg(org, esc(day(c.written)));
    h += QStringLiteral("<h1>Your subject access request, reference %1</h1>").arg(esc(c.reference));
    h += QStringLiteral("<p>Dear %1,</p>")
             .arg(c.requesterName.isEmpty() ? QStringLiteral("requester") : esc(c.requesterName));
    h += QStringLiteral(
        "<p>Thank you for your request of %1 for a copy of the personal data %2 holds about you (Article 15 of the UK "
        "General Data Protection Regulation and the Data Protection Act 2018). We do hold personal data about you: "
        "the recordings of the telephone calls listed below, made from or to your telephone number. This pack "
        "contains your copy. The law asks us to answer by %3.</p>")
             .arg(esc(day(c.received)), org, esc(day(c.deadline)));

    h += QStringLiteral("<h2>Your calls</h2><table><tr><th>Call</th><th>Date and time (UK)</th><th>Length</th>"
                        "<th>In this pack</th><th>Kept until</th></tr>");
    for (const CoverLetterCall& call : c.calls) {
        QStringList parts {QStringLiteral("details")};
        if (call.transcript) {
            parts << QStringLiteral("transcript");
        }
        if (call.audio) {
            parts << QStringLiteral("recording");
        }
        const QDateTime when
            = QDateTime::fromSecsSinceEpoch(call.startUtc, QTimeZone(QByteArrayLiteral("Europe/London")));
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                 .arg(esc(call.callId), esc(when.toString(QStringLiteral("d MMM yyyy HH:mm"))),
                     durationText(call.durationS), esc(parts.join(QStringLiteral(", "))), esc(day(call.destroyedFrom)));
    }
    h += QStringLiteral("</table>");
    if (!c.audioAsked) {
        h += QStringLiteral("<p>You did not ask for the recordings themselves; if you would like them, tell us and "
                            "we will send them.</p>");
    }

    h += QStringLiteral("<h2>What we removed</h2><p>A call also holds information about other people. To protect "
                        "them, we remove other people's names and telephone numbers from the transcripts, and in the "
                        "recordings the same passages are replaced by a tone. ");
    h += c.redacted == 0 ? QStringLiteral("Your calls held none, so nothing was removed. ")
                         : QStringLiteral("We removed %1 passage%2. A removed name reads [PERSON_1], [PERSON_2] and so "
                                          "on (the same number is the same person within a call), a removed number "
                                          "reads [PHONE]. ")
                               .arg(c.redacted)
                               .arg(c.redacted == 1 ? QString() : QStringLiteral("s"));
    h += c.staffNames == QLatin1String("keep")    ? QStringLiteral("Our interviewers' names are left as they are.")
        : c.staffNames == QLatin1String("remove") ? QStringLiteral("Our interviewers' names are removed.")
                                                  : QStringLiteral("Our interviewers' first names are left; their "
                                                                   "surnames are removed.");
    h += QStringLiteral(" Everything you said about yourself is left in. The file redaction-log.csv lists every "
                        "decision, without the words removed.</p>");

    h += QStringLiteral("<h2>Why we hold it (purposes)</h2><ul><li>Quality monitoring: supervisors listen to and "
                        "score a sample of calls.</li><li>Training: trainers use calls to build training "
                        "scenarios; any transcripts used are anonymised.</li><li>Queries and complaints: we play "
                        "calls back to answer a query or complaint about a call.</li><li>Staff safety: we keep "
                        "evidence of threats or abuse towards our staff.</li></ul>");
    h += QStringLiteral("<h2>What we hold (categories)</h2><p>The call recording, your telephone number, the "
                        "date, time and length of the call, the survey it was for and its outcome, and a "
                        "written transcript where one was made. The data came from the call itself: our telephony "
                        "provider recorded it, with your permission, when the call was made.</p>");
    h += QStringLiteral("<h2>Who sees it (recipients)</h2><p>Our telephony provider, which records and stores the "
                        "calls for us; our own quality, training and complaints staff. We do not sell your data or "
                        "use it for marketing. No decisions about you are made by automated means, and there is no "
                        "profiling.</p>");
    h += QStringLiteral("<h2>How long we keep it</h2><p>Recordings are kept for %1 from the date of the call, then "
                        "destroyed under confidential conditions. A recording is kept longer only while it is "
                        "needed for an open complaint, a legal claim or a request like this one; the table above "
                        "gives each call's date.</p>")
             .arg(years(c.retentionDays));
    h += QStringLiteral(
        "<h2>Your rights</h2><p>You have the right to ask us to correct personal data that is wrong "
        "(rectification), to delete it (erasure), to restrict how we use it (restriction), and to object to our "
        "using it (objection). To use any of these rights, write to us quoting reference %1.</p>"
        "<p>You also have the right to complain to the Information Commissioner's Office (ICO), the UK's "
        "data protection regulator: ico.org.uk/make-a-complaint, telephone 0303 123 1113, or Information "
        "Commissioner's Office, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.</p>")
             .arg(esc(c.reference));
    h += QStringLiteral("<h2>Checking this pack</h2><p>The pack is signed, so that you or anyone you show it to can "
                        "check that nothing in it was changed: VERIFY.txt says how.</p><p>Yours sincerely,<br>The "
                        "data protection team, %1</p>")
             .arg(org);
    return h;
}

Result<QByteArray> pdf(const CoverLetterContent& content)
{
    if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        return makeError(QStringLiteral("The cover letter needs Qt's GUI library running (a bug: the program made no "
                                        "QGuiApplication)."));
    }
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(300);
        writer.setTitle(QStringLiteral("Your subject access request, reference %1").arg(content.reference));
        writer.setCreator(QStringLiteral("Earmark"));
        QTextDocument doc;
        doc.setHtml(html(content));
        doc.print(&writer);
    }
    if (!bytes.startsWith("%PDF")) {
        return makeError(QStringLiteral("The cover letter could not be written as a PDF."));
    }
    return bytes;
}

} // namespace Earmark::CoverLetter

#include "ui/redaction/AnonymisedView.h"

#include "audio/CallAudio.h"
#include "cache/AuditTrail.h"
#include "cache/CacheWorker.h"
#include "core/Files.h"
#include "core/TimeText.h"
#include "redaction/AudioRedactor.h"
#include "store/Transcript.h"
#include "ui/player/PlayerWidget.h"
#include "ui/shell/MessageBox.h"
#include "ui/transcript/TranscriptView.h"

#include <QDateTime>
#include <QDir>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>
#include <QtConcurrent>

namespace Earmark::Gui {

namespace {
using Prepared = Result<QPair<std::shared_ptr<CallAudio>, QJsonObject>>;

QString speakerName(const QString& speaker)
{
    return speaker == QLatin1String("agent")     ? QObject::tr("Agent")
        : speaker == QLatin1String("respondent") ? QObject::tr("Respondent")
                                                 : QObject::tr("Other");
}
} // namespace

AnonymisedView::AnonymisedView(CacheWorker* worker, PlayerWidget* player, TranscriptView* transcript, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
    , m_player(player)
    , m_view(transcript)
{ }

void AnonymisedView::reset()
{
    m_callId.clear();
    m_transcript = QJsonObject();
}

int AnonymisedView::redactionCount() const
{
    return int(m_transcript.value(QStringLiteral("redactions")).toArray().size());
}

void AnonymisedView::show(const QString& callId, const QString& channelLayout)
{
    m_callId = callId;
    m_transcript = QJsonObject();
    m_player->unload(tr("Preparing the anonymised audio…"));
    // The worker decrypts and anonymises; a pool thread encodes the bleeped audio for the player (memory only).
    m_worker->run<AudioRedactor>(
        this,
        [callId](AudioRedactor& redactor) {
            auto redacted = redactor.redact(callId, false);
            if (redacted) {
                redacted->options = {}; // the names it knew stay in the worker: a trainer's window never holds them
            }
            return redacted;
        },
        [this, callId, channelLayout](Result<RedactedAudio> redacted) {
            if (callId != m_callId) {
                return;
            }
            if (!redacted) {
                m_player->unload(redacted.errorMessage());
                Q_EMIT ready(callId, redacted.errorMessage());
                return;
            }
            m_reviewedBy = redacted->review
                ? QStringLiteral("%1 (revision %2)").arg(redacted->review->byUser).arg(redacted->review->revision)
                : QString();
            m_staleSegments = redacted->review ? redacted->staleSegments : 0;
            m_reviewRequired = redacted->reviewRequired;
            const QString reviewAgain = m_canReview ? tr("review them (Ctrl+Shift+D) before this leaves Earmark.")
                                                    : tr("ask a supervisor to review them before this leaves Earmark.");
            if (!redacted->review) {
                m_reviewNote = tr("Found automatically, not yet reviewed by a person: %1").arg(reviewAgain);
            } else {
                m_reviewNote = tr("Redactions reviewed by %1 on %2.")
                                   .arg(redacted->review->byUser,
                                       QDateTime::fromSecsSinceEpoch(redacted->review->atUtc)
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
                if (m_staleSegments > 0) {
                    m_reviewNote += QLatin1Char(' ')
                        + (m_staleSegments == 1
                                ? tr("1 turn corrected since then was found automatically again: %1").arg(reviewAgain)
                                : tr("%1 turns corrected since then were found automatically again: %2")
                                      .arg(m_staleSegments)
                                      .arg(reviewAgain));
                }
            }
            auto* watcher = new QFutureWatcher<Prepared>(this);
            connect(watcher, &QFutureWatcher<Prepared>::finished, this, [this, watcher, callId] {
                watcher->deleteLater();
                Prepared p = watcher->result();
                if (callId != m_callId) {
                    return;
                }
                if (!p) {
                    m_player->unload(p.errorMessage());
                    Q_EMIT ready(callId, p.errorMessage());
                    return;
                }
                m_transcript = p->second;
                auto parsed = Transcript::parse(QJsonDocument(m_transcript).toJson(QJsonDocument::Compact), callId);
                if (parsed) {
                    m_view->setTranscript(parsed.value());
                }
                m_player->load(p->first);
                Q_EMIT ready(callId, QString());
            });
            watcher->setFuture(
                QtConcurrent::run([r = std::move(redacted.value()), channelLayout]() mutable -> Prepared {
                    auto wav = AudioDecoder::encodeWav(r.audio);
                    r.audio.samples.fill(0);
                    if (!wav) {
                        return wav.error();
                    }
                    // A trainer's window knows no call record: the redactor's layout then.
                    auto audio
                        = CallAudio::decode(wav.value(), channelLayout.isEmpty() ? r.channelLayout : channelLayout);
                    Files::wipe(wav.value());
                    if (!audio) {
                        return audio.error();
                    }
                    return QPair<std::shared_ptr<CallAudio>, QJsonObject> {audio.value(), r.transcript};
                }));
        });
}

Status AnonymisedView::exportTo(const QString& path) const
{
    if (m_transcript.isEmpty()) {
        return makeError(tr("Show the anonymised call first."));
    }
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        return Files::writeAtomically(path, QJsonDocument(m_transcript).toJson(QJsonDocument::Indented));
    }
    QString text;
    QString html = tr("<h2>Anonymised transcript of call %1</h2><p>Personal data replaced by the Earmark anonymiser "
                      "(%2 redactions).</p>")
                       .arg(m_transcript.value(QStringLiteral("call_id")).toString().toHtmlEscaped())
                       .arg(redactionCount());
    for (const QJsonValue v : m_transcript.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject seg = v.toObject();
        const QString who = speakerName(seg.value(QStringLiteral("speaker")).toString());
        const QString at = clockText(seg.value(QStringLiteral("start_s")).toDouble());
        const QString words = seg.value(QStringLiteral("text")).toString();
        text += QStringLiteral("[%1] %2: %3\n").arg(at, who, words);
        html += QStringLiteral("<p><b>%1</b> <span style='color:#777'>%2</span><br>%3</p>")
                    .arg(who, at, words.toHtmlEscaped());
    }
    if (!path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
        return Files::writeAtomically(path, text.toUtf8());
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(300);
    writer.setCreator(QStringLiteral("Earmark"));
    QTextDocument doc;
    doc.setHtml(html);
    doc.print(&writer);
    return QFileInfo(path).size() > 0 ? Status() : Status(makeError(tr("Could not write %1.").arg(path)));
}

void AnonymisedView::exportAsked(QWidget* parent)
{
    // Redactions nobody has looked at leave only when the person exporting says so, and the record says which.
    const QString reviewedBy = m_reviewedBy;
    const int stale = m_staleSegments;
    if (m_reviewRequired && (reviewedBy.isEmpty() || stale > 0)) {
        // The organisation's rule: no confirmation lets an unreviewed redaction out.
        const QString what = reviewedBy.isEmpty()
            ? tr("No person has reviewed the redactions of this call.")
            : (stale == 1 ? tr("1 turn of this call was corrected after %1 reviewed its redactions.").arg(reviewedBy)
                          : tr("%1 turns of this call were corrected after %2 reviewed its redactions.")
                                .arg(stale)
                                .arg(reviewedBy));
        MessageBox::information(parent, tr("A review comes first"),
            what + QLatin1Char(' ')
                + tr("Your organisation requires a person to review the redactions before an anonymised transcript "
                     "leaves Earmark: %1")
                      .arg(m_canReview ? tr("review them (Ctrl+Shift+D), then export again.")
                                       : tr("ask a supervisor to review them, then export again.")));
        return;
    }
    if (reviewedBy.isEmpty()
        && MessageBox::question(parent, tr("Export without a review"),
               tr("No person has reviewed the redactions of this call: they were found automatically and may miss "
                  "something. Export it anyway? The audit log records that it left unreviewed."))
            != QMessageBox::Yes) {
        return;
    }
    if (!reviewedBy.isEmpty() && stale > 0
        && MessageBox::question(parent, tr("Export without a review"),
               (stale == 1 ? tr("1 turn of this call was corrected after %1 reviewed its redactions").arg(reviewedBy)
                           : tr("%1 turns of this call were corrected after %2 reviewed its redactions")
                                 .arg(stale)
                                 .arg(reviewedBy))
                   + tr(": their redactions were found automatically again and nobody has looked at them. Export "
                        "it anyway? The audit log records that they left unreviewed."))
            != QMessageBox::Yes) {
        return;
    }
    const QString path = MessageBox::getSaveFileName(parent, tr("Export the anonymised transcript"),
        m_callId + QStringLiteral("-anonymised.txt"), tr("Text (*.txt);;JSON (*.json);;PDF (*.pdf)"));
    if (!path.isEmpty()) {
        if (auto st = exportTo(path); !st) {
            MessageBox::critical(parent, tr("Export"), st.errorMessage());
        } else {
            const QString callId = m_callId;
            const QString native = QDir::toNativeSeparators(path);
            const QString detail = reviewedBy.isEmpty()
                ? QString(native + QStringLiteral("; unreviewed, exported on the user's confirmation"))
                : stale > 0 ? QString(native + QStringLiteral("; reviewed by ") + reviewedBy
                      + QStringLiteral(", %1 corrected turn(s) unreviewed, exported on the user's "
                                       "confirmation")
                            .arg(stale))
                            : QString(native + QStringLiteral("; reviewed by ") + reviewedBy
                                + (m_reviewRequired ? QStringLiteral(", as the organisation requires") : QString()));
            m_worker->run<AuditTrail>(
                this,
                [callId, detail](
                    AuditTrail& t) { return t.record(QStringLiteral("transcript.export-anonymised"), callId, detail); },
                [](Status) {});
            Q_EMIT exported(reviewedBy.isEmpty()
                    ? tr("Anonymised transcript written: %1 (its redactions not reviewed, on your confirmation).")
                          .arg(native)
                    : stale > 0
                    ? tr("Anonymised transcript written: %1 (reviewed by %2; the turns corrected since, "
                         "on your confirmation).")
                          .arg(native, reviewedBy)
                    : tr("Anonymised transcript written: %1 (redactions reviewed by %2).").arg(native, reviewedBy));
        }
    }
}

} // namespace Earmark::Gui

#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QObject>

class QWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class PlayerWidget;
class TranscriptView;

// The call as training and subject-access material shows it: the anonymised transcript (placeholders such as
// [PHONE] and [PERSON_1]) and the audio with every redacted span bleeped, in the same player and transcript view;
// exported as text, JSON (shared/spec/anonymisation.md) or PDF.
class AnonymisedView : public QObject
{
    Q_OBJECT

public:
    AnonymisedView(CacheWorker* worker, PlayerWidget* player, TranscriptView* transcript, QObject* parent);

    // Loads the anonymised version of the call into the player and the transcript view.
    void show(const QString& callId, const QString& channelLayout);
    void reset();
    bool isShown() const { return !m_transcript.isEmpty(); }
    const QJsonObject& transcript() const { return m_transcript; }
    int redactionCount() const;
    // Whether a person reviewed the redactions shown, and who and when (a sentence for the window).
    const QString& reviewNote() const { return m_reviewNote; }
    // Whether a person has reviewed the redactions shown ("" when not), for the export's confirmation and record.
    const QString& reviewedBy() const { return m_reviewedBy; }
    // Turns corrected since the review: their redactions were found automatically again and nobody has looked.
    int staleSegments() const { return m_staleSegments; }
    bool reviewRequired() const { return m_reviewRequired; } // the organisation's rule, as the call was shown
    void setReviewRequired(bool required) { m_reviewRequired = required; } // changed since
    // Whether the user may review redactions (the note says how, or whom to ask).
    void setCanReview(bool can) { m_canReview = can; }

    // Export… from the window: asks first when redactions are unreviewed (none reviewed, or turns corrected since),
    // asks where, writes the file and records in the audit log whether it left reviewed.
    void exportAsked(QWidget* parent);
    // Writes the anonymised transcript; the format follows the file name: .json, .pdf, otherwise plain text.
    Status exportTo(const QString& path) const;

Q_SIGNALS:
    void ready(const QString& callId, const QString& error);
    // An export was written: what the status line says ("Anonymised transcript written: …").
    void exported(const QString& message);

private:
    CacheWorker* m_worker;
    PlayerWidget* m_player;
    TranscriptView* m_view;
    QString m_callId;
    QJsonObject m_transcript;
    QString m_reviewNote;
    QString m_reviewedBy;
    int m_staleSegments = 0;
    bool m_reviewRequired = false;
    bool m_canReview = true;
};

} // namespace Earmark::Gui

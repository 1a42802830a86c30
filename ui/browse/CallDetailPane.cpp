#include "ui/browse/CallDetailPane.h"

#include "audio/CallAudio.h"
#include "browse/CallAudioStream.h"
#include "browse/CallMediaLoader.h"
#include "cache/CacheWorker.h"
#include "cases/SafetyFlags.h"
#include "core/Files.h"
#include "core/TimeText.h"
#include "store/Transcript.h"
#include "ui/evaluation/EvaluationPanel.h"
#include "ui/player/PlayerWidget.h"
#include "ui/player/TalkMetricsLabel.h"
#include "ui/player/WaveformWidget.h"
#include "ui/redaction/AnonymisedView.h"
#include "ui/transcript/TranscriptActions.h"
#include "ui/transcript/TranscriptView.h"
#include "ui/transcript/TurnEditor.h"
#include "ui/transcript/TypingPanel.h"

#include <QAction>
#include <QDateTime>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Earmark::Gui {

namespace {
QString headerOf(const CallRecord& c)
{
    const QString notice = !c.consentRecorded ? QObject::tr("unknown")
        : *c.consentRecorded                  ? QObject::tr("flagged by the provider")
                                              : QObject::tr("not flagged");
    return QObject::tr("<b>%1</b> · %2 · %3<br>Researcher %4 · %5 · %6 · %7 · Recording notice: %8")
        .arg(c.callId.toHtmlEscaped(),
            QDateTime::fromSecsSinceEpoch(c.startUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            durationText(c.durationS), (c.agentName.isEmpty() ? c.agentId : c.agentName).toHtmlEscaped(),
            c.client.toHtmlEscaped(), c.campaign.toHtmlEscaped(), c.disposition.toHtmlEscaped(), notice);
}

using Decoded = Result<std::shared_ptr<CallAudio>>;
} // namespace

CallDetailPane::CallDetailPane(QWidget* parent)
    : QWidget(parent)
    , m_header(new QLabel(this))
    , m_metrics(new TalkMetricsLabel(this))
    , m_player(new PlayerWidget(this))
    , m_transcript(new TranscriptView(this))
    , m_evaluation(new EvaluationPanel(this))
    , m_anonymised(nullptr)
    , m_turnEditor(new TurnEditor(this))
    , m_typing(new TypingPanel(m_player->engine(), this))
    , m_transcriptButton(new QToolButton(this))
    , m_reviewNote(new QLabel(this))
    , m_anonymisedButton(new QToolButton(this))
    , m_exportAnonymised(new QPushButton(tr("Export…"), this))
    , m_find(new QLineEdit(this))
    , m_backToPlayback(new QPushButton(tr("Back to playback"), this))
    , m_stream(new CallAudioStream(this))
{
    // The audio plays as soon as its decoder is open; the evaluation's talk metrics wait for the last frame.
    // The original audio never reaches the player while the anonymised call is shown (it plays the bleeped audio).
    connect(m_stream, &CallAudioStream::opened, this, [this](std::shared_ptr<const CallAudio> audio) {
        if (m_anonymisedButton->isChecked()) {
            m_stream->cancel();
            return;
        }
        m_player->load(audio);
        if (m_pendingSeek >= 0) {
            seek(std::exchange(m_pendingSeek, -1.0));
        }
        Q_EMIT audioReady(m_callId, true);
    });
    connect(m_stream, &CallAudioStream::decoded, this, [this] {
        m_player->audioDecoded();
        m_metrics->setAudio(m_stream->audio());
    });
    connect(m_stream, &CallAudioStream::failed, this, [this](const QString& message) {
        if (m_anonymisedButton->isChecked()) {
            return; // the original's failure is not the bleeped audio's
        }
        const bool wasPlayable = m_player->engine()->audio() != nullptr;
        m_player->unload(tr("The audio cannot be played: %1").arg(message));
        if (!wasPlayable) {
            Q_EMIT audioReady(m_callId, false);
        }
    });
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_find->setPlaceholderText(tr("Find in transcript (Ctrl+F)"));
    m_find->setClearButtonEnabled(true);
    m_find->setObjectName(QStringLiteral("findInTranscript"));
    m_backToPlayback->setObjectName(QStringLiteral("backToPlayback"));
    m_backToPlayback->hide();
    auto* findAction = new QAction(this);
    findAction->setShortcut(QKeySequence::Find);
    findAction->setShortcutContext(Qt::WindowShortcut);
    addAction(findAction);
    connect(findAction, &QAction::triggered, m_find, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    connect(m_find, &QLineEdit::returnPressed, this, &CallDetailPane::findNext);

    auto* transcriptBox = new QWidget(this);
    auto* tl = new QVBoxLayout(transcriptBox);
    tl->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_find, 1);
    bar->addWidget(m_backToPlayback);
    bar->addWidget(m_transcriptButton);
    bar->addWidget(m_anonymisedButton);
    bar->addWidget(m_exportAnonymised);
    tl->addLayout(bar);
    m_reviewNote->setObjectName(QStringLiteral("reviewNote"));
    m_reviewNote->setWordWrap(true);
    m_reviewNote->hide();
    tl->addWidget(m_reviewNote);
    tl->addWidget(m_transcript, 1);
    tl->addWidget(m_turnEditor);
    tl->addWidget(m_typing, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("detailSplitter"));
    split->addWidget(m_player);
    split->addWidget(transcriptBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    // The evaluation beside the player and transcript: scoring while listening.
    auto* side = new QSplitter(Qt::Horizontal, this);
    side->setObjectName(QStringLiteral("evaluationSplitter"));
    side->addWidget(split);
    side->addWidget(m_evaluation);
    side->setStretchFactor(0, 3);
    side->setStretchFactor(1, 2);
    side->setSizes({380, 300}); // at 1280 px: the player's controls whole, the evaluation's questions readable
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_metrics); // the call's talk figures: across the pane, one line at 1280 px
    layout->addWidget(side, 1);
    connect(m_metrics, &TalkMetricsLabel::seekRequested, this, &CallDetailPane::seek);
    m_evaluation->setPositionSource([this] { return m_player->engine()->position(); });
    connect(m_evaluation, &EvaluationPanel::seekRequested, this, &CallDetailPane::seek);
    // The evaluation's timed comments as flags on the waveform.
    connect(m_evaluation, &EvaluationPanel::evaluationChanged, this, [this] {
        QList<double> at;
        if (m_evaluation->current()) {
            for (const TimedComment& c : m_evaluation->current()->comments) {
                at << c.atS;
            }
        }
        m_player->waveform()->setMarkers(at);
    });

    connect(m_player, &PlayerWidget::positionChanged, m_transcript, &TranscriptView::setPosition);
    connect(m_transcript, &TranscriptView::seekRequested, this, &CallDetailPane::seek);
    connect(m_transcript, &TranscriptView::followChanged, m_backToPlayback,
        [this](bool following) { m_backToPlayback->setVisible(!following); });
    connect(m_backToPlayback, &QPushButton::clicked, this, [this] { m_transcript->setFollowing(true); });
    m_transcriptButton->setObjectName(QStringLiteral("transcriptTools"));
    m_transcriptButton->setText(tr("Transcript"));
    m_transcriptButton->setPopupMode(QToolButton::InstantPopup);
    // Room for the menu's arrow beside the text (Fusion draws it over the last letter otherwise).
    m_transcriptButton->setMinimumWidth(
        m_transcriptButton->fontMetrics().horizontalAdvance(m_transcriptButton->text()) + 30);
    m_transcriptButton->setToolTip(tr("Correct a turn (F2), type a transcript (Ctrl+Shift+Y), review redactions "
                                      "(Ctrl+Shift+D), history of corrections"));
    m_anonymisedButton->setObjectName(QStringLiteral("anonymisedView"));
    m_anonymisedButton->setText(tr("Anonymised"));
    m_anonymisedButton->setCheckable(true);
    m_anonymisedButton->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_anonymisedButton->setToolTip(
        tr("Show the call as training or subject-access material: personal data replaced and bleeped (Ctrl+Shift+A)"));
    m_exportAnonymised->setToolTip(tr("Save the anonymised transcript as text, JSON or PDF"));
    m_exportAnonymised->hide();
    connect(m_anonymisedButton, &QToolButton::toggled, this, &CallDetailPane::setAnonymised);
    connect(m_exportAnonymised, &QPushButton::clicked, this, [this] { m_anonymised->exportAsked(this); });
    connect(m_player, &PlayerWidget::followRequested, this,
        [this] { m_transcript->setFollowing(!m_transcript->following()); });
    clear();
}

CallDetailPane::~CallDetailPane() = default;

void CallDetailPane::setWorker(CacheWorker* worker)
{
    m_worker = worker;
    m_evaluation->setWorker(worker);
    m_anonymised = new AnonymisedView(worker, m_player, m_transcript, this);
    connect(m_anonymised, &AnonymisedView::ready, this, [this](const QString& callId, const QString& error) {
        if (callId == m_callId && error.isEmpty() && m_anonymisedButton->isChecked()) {
            m_reviewNote->setText(QStringLiteral("<i>%1</i>").arg(m_anonymised->reviewNote().toHtmlEscaped()));
            m_reviewNote->show();
        }
        if (callId == m_callId && !m_original) {
            if (!error.isEmpty()) {
                m_transcript->setNoTranscript(error);
                m_player->unload(error);
            }
            Q_EMIT audioReady(callId, error.isEmpty());
        }
    });
    m_transcriptActions = new TranscriptActions(worker, this, m_turnEditor, m_typing);
    m_transcriptButton->setMenu(m_transcriptActions->menu());
    connect(m_transcriptActions, &TranscriptActions::transcriptChanged, this,
        [this](const QString& callId, const Transcript& t) {
            if (callId == m_callId && !m_anonymisedButton->isChecked()) {
                showTranscript(t);
            }
        });
    connect(m_transcriptActions, &TranscriptActions::historyLoaded, this, [this](const QString& callId) {
        const TranscriptHistory& h = m_transcriptActions->history();
        if (callId != m_callId || m_anonymisedButton->isChecked() || !h.current || !h.provider) {
            return; // a typed transcript is all Earmark's: nothing to tell apart
        }
        QSet<int> corrected;
        for (int i = 0; i < h.current->segments.size(); ++i) {
            const TranscriptSegment& now = h.current->segments.at(i);
            if (i >= h.provider->segments.size() || now.text != h.provider->segments.at(i).text
                || now.speaker != h.provider->segments.at(i).speaker) {
                corrected.insert(i);
            }
        }
        m_transcript->setCorrected(corrected);
    });
    connect(m_transcriptActions, &TranscriptActions::redactionsSaved, this, [this](const QString& callId) {
        if (callId == m_callId && m_anonymisedButton->isChecked()) {
            m_anonymised->show(m_callId, m_channelLayout); // the anonymised view follows the new redaction set
        }
    });
}

void CallDetailPane::showTranscript(const Transcript& transcript)
{
    m_transcript->setTranscript(transcript);
    QList<double> turns;
    for (const auto& s : transcript.segments) {
        turns << s.startS;
    }
    m_player->setTurns(turns);
}

void CallDetailPane::setAnonymised(bool on)
{
    if (m_anonymisedButton->isChecked() != on) {
        m_anonymisedButton->setChecked(on); // comes back here through toggled
        return;
    }
    m_exportAnonymised->setVisible(on);
    m_reviewNote->hide();
    if (m_callId.isEmpty() || !m_anonymised) {
        return;
    }
    if (on) {
        m_stream->cancel(); // the original stops decoding: the player is the bleeped audio's now
        m_anonymised->show(m_callId, m_channelLayout);
        return;
    }
    m_anonymised->reset();
    const QString id = std::exchange(m_callId, QString());
    showCall(id);
}

void CallDetailPane::showCallAt(const QString& callId, double seconds)
{
    if (callId == m_callId) {
        seek(seconds);
        return;
    }
    m_pendingSeek = seconds;
    showCall(callId);
    connect(
        this, &CallDetailPane::loaded, this,
        [this, callId, seconds] {
            if (m_callId == callId) {
                m_transcript->setPosition(seconds);
            }
        },
        Qt::SingleShotConnection);
}

void CallDetailPane::seek(double seconds)
{
    m_player->engine()->seek(seconds); // keeps playing if it was playing
    m_transcript->setFollowing(true);
    m_transcript->setPosition(seconds);
}

void CallDetailPane::saveLayout() const
{
    QSettings settings;
    for (const char* name : {"detailSplitter", "evaluationSplitter"}) {
        if (const auto* splitter = findChild<QSplitter*>(QLatin1String(name))) {
            settings.setValue(QStringLiteral("window/") + QLatin1String(name), splitter->saveState());
        }
    }
}

void CallDetailPane::restoreLayout()
{
    const QSettings settings;
    for (const char* name : {"detailSplitter", "evaluationSplitter"}) {
        if (auto* splitter = findChild<QSplitter*>(QLatin1String(name))) {
            splitter->restoreState(settings.value(QStringLiteral("window/") + QLatin1String(name)).toByteArray());
        }
    }
}

void CallDetailPane::clear()
{
    m_stream->cancel();
    m_callId.clear();
    m_header->setText(tr("<b>No call selected</b>"));
    m_transcript->setNoTranscript(tr("Select a call in the list to listen to it and read its transcript."));
    m_player->unload(QString());
    m_metrics->clear();
    m_evaluation->clear();
    if (m_transcriptActions) {
        m_transcriptActions->setCall(QString());
    }
}

void CallDetailPane::showCall(const QString& callId)
{
    if (!m_worker || callId.isEmpty() || callId == m_callId) {
        return;
    }
    m_callId = callId;
    Q_EMIT callChosen(callId);
    m_stream->cancel();
    if (!m_original) {
        showAnonymisedOnly();
        return;
    }
    if (m_transcriptActions) {
        m_transcriptActions->setCall(callId); // a turn being corrected or a typed text is settled first
    }
    m_player->unload(tr("Loading the audio…"));
    m_metrics->clear();
    m_evaluation->clear();
    if (m_anonymised && m_anonymised->isShown()) {
        m_anonymised->reset();
    }
    m_anonymisedButton->blockSignals(true);
    m_anonymisedButton->setChecked(false);
    m_anonymisedButton->blockSignals(false);
    m_exportAnonymised->hide();
    m_reviewNote->hide();
    m_worker->run<CallMediaLoader>(
        this, [callId](CallMediaLoader& loader) { return loader.load(callId, AudioDelivery::Stream); },
        [this](CallMedia media) {
            if (media.callId != m_callId) {
                Files::wipe(media.audio);
                return;
            }
            if (!media.error.isEmpty()) {
                m_header->setText(media.callId.toHtmlEscaped());
                m_transcript->setNoTranscript(media.error);
                m_player->unload(media.error);
                Q_EMIT loaded(media.callId);
                Q_EMIT audioReady(media.callId, false);
                return;
            }
            m_header->setText(headerOf(media.call));
            m_channelLayout = media.call.channelLayout;
            std::optional<Transcript> transcript;
            m_player->setTurns({});
            if (media.transcript.isEmpty()) {
                m_transcript->setNoTranscript(tr("This call has no transcript: the provider did not send one. Type "
                                                 "it while you listen: Transcript → Type the transcript "
                                                 "(Ctrl+Shift+Y)."));
            } else if (auto t = Transcript::parse(media.transcript, media.callId)) {
                showTranscript(t.value());
                transcript = std::move(t.value());
            } else {
                m_transcript->setNoTranscript(t.errorMessage());
            }
            m_evaluation->setCall(media.callId, transcript);
            Files::wipe(media.transcript);
            refreshFlags();
            Q_EMIT loaded(media.callId);
            if (!media.audioSource) {
                m_player->unload(media.audioError);
                Q_EMIT audioReady(media.callId, false);
                return;
            }
            // Decrypted chunk by chunk as it is decoded on a pool thread: it plays from the first decoded seconds.
            auto source = std::move(media.audioSource);
            m_stream->start(source, media.call.channelLayout, media.call.durationS,
                [source] { return source->matchesFetchedFile(); });
        });
}

void CallDetailPane::refreshFlags()
{
    if (!m_worker || m_callId.isEmpty()) {
        return;
    }
    const QString callId = m_callId;
    m_worker->run<SafetyFlags>(
        this, [callId](SafetyFlags& flags) { return flags.ofCall(callId); },
        [this, callId](Result<QList<SafetyFlag>> flags) {
            if (callId != m_callId) {
                return;
            }
            QList<WaveformWidget::Flag> marks;
            // A flag that cannot be read is no reason to stop listening: the waveform just shows none.
            for (const SafetyFlag& f : flags ? flags.value() : QList<SafetyFlag>()) {
                QString text = tr("%1 (safety case %2)").arg(f.kind, f.caseReference);
                if (!f.note.isEmpty()) {
                    text += QStringLiteral(": ") + f.note;
                }
                marks << WaveformWidget::Flag {double(f.atMs) / 1000.0, text};
            }
            m_player->waveform()->setFlags(marks);
        });
}

void CallDetailPane::setAccess(bool original, bool evaluate, bool reviewRedactions)
{
    if (m_anonymised) {
        m_anonymised->setCanReview(reviewRedactions);
    }
    m_original = original;
    m_evaluation->setVisible(evaluate);
    // Without the original there is nothing to switch back to: the toggle stays on, and says why.
    m_anonymisedButton->setEnabled(original);
    if (!original) {
        m_anonymisedButton->setToolTip(tr("Your role sees calls only anonymised: the original audio and transcript "
                                          "need the supervisor, complaint-handler or administrator role."));
    }
    if (!original && !m_callId.isEmpty()) {
        showAnonymisedOnly();
    }
}

void CallDetailPane::showAnonymisedOnly()
{
    // A role without the original (trainers) gets the call as training material only: the anonymised transcript and
    // the bleeped audio. Nothing of the original is loaded into the window.
    if (m_transcriptActions) {
        m_transcriptActions->setCall(QString());
    }
    m_evaluation->clear();
    m_header->setText(tr("<b>%1</b> · Anonymised: names, numbers and other personal data are replaced in the "
                         "transcript and bleeped in the audio.")
                          .arg(m_callId.toHtmlEscaped()));
    m_player->unload(tr("Preparing the anonymised audio…"));
    m_transcript->setNoTranscript(tr("Anonymising the transcript…"));
    m_anonymisedButton->blockSignals(true);
    m_anonymisedButton->setChecked(true);
    m_anonymisedButton->blockSignals(false);
    m_exportAnonymised->show();
    m_reviewNote->hide();
    if (m_anonymised) {
        m_anonymised->show(m_callId, QString());
    }
    Q_EMIT loaded(m_callId);
}

void CallDetailPane::findNext()
{
    const QString text = m_find->text();
    if (text.isEmpty()) {
        return;
    }
    m_transcript->setFollowing(false);
    if (!m_transcript->find(text)) {
        QTextCursor c = m_transcript->textCursor();
        c.movePosition(QTextCursor::Start);
        m_transcript->setTextCursor(c);
        m_transcript->find(text);
    }
}

QString CallDetailPane::transcriptText() const
{
    return m_transcript->toPlainText();
}

QString CallDetailPane::headerText() const
{
    return m_header->text();
}

QString CallDetailPane::metricsText() const
{
    return m_metrics->text();
}

} // namespace Earmark::Gui

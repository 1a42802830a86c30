#pragma once

#include "quality/Evaluation.h"
#include "store/Transcript.h"

#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QLabel;
class QListWidget;
class QPushButton;
class QTimer;

namespace Earmark {
class CacheWorker;
} // namespace Earmark

namespace Earmark::Gui {

class EvaluationActionsBar;
class EvaluationForm;
class EvaluationPicker;
class EvaluationSession;
class RunningScoreLabel;
class TimedCommentsBox;

// Scoring a call beside the player: the scorecard form with its running score, the automatic checks' suggestions,
// the talk metrics, comments pinned to times in the call, and the evaluation's life (submit, acknowledge, dispute,
// resolve, re-score, history, PDF). Drafts are saved automatically; everything is read and written on the cache's
// worker thread (EvaluationSession): the panel asks the reviewer and shows the results.
class EvaluationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationPanel(QWidget* parent = nullptr);
    ~EvaluationPanel() override;

    void setWorker(CacheWorker* worker);
    // Where the player is (for timed comments).
    void setPositionSource(std::function<double()> position);
    void setCall(const QString& callId, const std::optional<Transcript>& transcript);
    void clear();

    // The actions, also for tests and keyboard use.
    void startEvaluation();
    void addComment(const QString& text);
    void submit();
    void acknowledge();
    void dispute();
    void resolve();
    void rescore();
    // Writes the evaluation shown as a PDF a manager hands to the tele researcher; pdfWritten follows.
    void exportPdf(const QString& path);
    void showHistory();

    const std::optional<Evaluation>& current() const { return m_current; }
    EvaluationForm* form() const { return m_form; }
    QString scoreText() const;
    QString statusText() const;
    QListWidget* commentList() const;
    QPushButton* submitButton() const;
    EvaluationActionsBar* actionsBar() const { return m_actions; }
    bool isBusy() const;

Q_SIGNALS:
    void seekRequested(double seconds);
    // After every load or change: the evaluation shown (for tests and the window's status).
    void evaluationChanged();
    void pdfWritten(const QString& path, const QString& error);

private:
    void connectSession();
    void showLoaded(qint64 showId);
    void showEvaluation(const Evaluation& e);
    void discardDraft();
    void formChanged();
    void saveDraftNow();
    void updateScore();
    void updateButtons();
    // Scrolls the form to a question and puts the cursor in it (its reason box when that is what is missing).
    void showQuestion(const QString& questionId);
    void setStatus(const QString& text);
    bool ensureReviewerName();

    EvaluationSession* m_session;
    std::optional<Transcript> m_transcript;
    std::optional<Evaluation> m_current;
    std::shared_ptr<Scorecard::Template> m_template;
    bool m_rescoring = false;

    QLabel* m_title;
    EvaluationPicker* m_picker;
    RunningScoreLabel* m_score;
    EvaluationForm* m_form;
    QWidget* m_formBox;
    TimedCommentsBox* m_comments;
    EvaluationActionsBar* m_actions;
    QLabel* m_status;
    QTimer* m_autosave;
};

} // namespace Earmark::Gui

#pragma once

#include "quality/Evaluation.h"
#include "quality/ScorecardLibrary.h"
#include "store/Transcript.h"

#include <QHash>
#include <QWidget>
#include <functional>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

namespace Earmark {
class CacheWorker;
class CallAudio;
class EvaluationRepository;
} // namespace Earmark

namespace Earmark::Gui {

class EvaluationForm;

// Scoring a call beside the player: the scorecard form with its running score, the automatic checks' suggestions,
// the talk metrics, comments pinned to times in the call, and the evaluation's life (submit, acknowledge, dispute,
// resolve, re-score, history, PDF). Drafts are saved automatically; everything is read and written on the cache's
// worker thread.
class EvaluationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit EvaluationPanel(QWidget* parent = nullptr);
    ~EvaluationPanel() override;

    void setService(CacheWorker* service) { m_worker = service; }
    // Where the player is (for timed comments).
    void setPositionSource(std::function<double()> position) { m_position = std::move(position); }
    void setCall(const QString& callId, const std::optional<Transcript>& transcript);
    void setAudio(const std::shared_ptr<const CallAudio>& audio);
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
    QString metricsText() const;
    QString statusText() const;
    QListWidget* commentList() const { return m_comments; }
    QPushButton* submitButton() const { return m_submit; }
    bool isBusy() const { return m_pending > 0; }

Q_SIGNALS:
    void seekRequested(double seconds);
    // After every load or change: the evaluation shown (for tests and the window's status).
    void evaluationChanged();
    void pdfWritten(const QString& path, const QString& error);

private:
    struct Loaded;
    void reload(qint64 showId = 0);
    void showLoaded(const Loaded& loaded, qint64 showId);
    void showEvaluation(const Evaluation& e);
    void formChanged();
    void saveDraftNow(std::function<void()> then = {});
    void updateScore();
    void updateButtons();
    void setStatus(const QString& text);
    void run(const QString& what, std::function<Status(EvaluationRepository&)> work, qint64 showId);
    QString reviewerLabel(const QString& user) const;
    bool ensureReviewerName();

    CacheWorker* m_worker = nullptr;
    std::function<double()> m_position;
    QString m_callId;
    std::optional<Transcript> m_transcript;
    std::optional<Evaluation> m_current;
    std::shared_ptr<Scorecard::Template> m_template;
    QList<Evaluation> m_evaluations;
    QList<ScorecardVersion> m_scorecards;
    QHash<QString, QString> m_reviewerNames;
    QHash<QString, std::shared_ptr<Scorecard::Template>> m_templates;
    bool m_rescoring = false;
    std::optional<double> m_commentAt;
    int m_pending = 0;

    QLabel* m_title;
    QComboBox* m_evaluationCombo;
    QComboBox* m_scorecardCombo;
    QPushButton* m_start;
    QLabel* m_score;
    QLabel* m_metrics;
    EvaluationForm* m_form;
    QWidget* m_formBox;
    QListWidget* m_comments;
    QLineEdit* m_commentEdit;
    QPushButton* m_addComment;
    QPushButton* m_submit;
    QPushButton* m_discard;
    QPushButton* m_acknowledge;
    QPushButton* m_dispute;
    QPushButton* m_resolve;
    QPushButton* m_rescore;
    QPushButton* m_history;
    QPushButton* m_pdf;
    QLabel* m_status;
    QTimer* m_autosave;
};

} // namespace Earmark::Gui

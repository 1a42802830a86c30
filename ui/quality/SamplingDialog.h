#pragma once

#include "quality/SamplingRepository.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Sampling plans: which calls supervisors review (per period, N calls or a percentage per tele researcher,
// restricted by campaign, disposition and duration), drawing a period's sample with a recorded seed, drawing it
// again for an auditor, and the sample-size helper.
class SamplingDialog : public QDialog
{
    Q_OBJECT

public:
    SamplingDialog(CacheWorker* worker, QWidget* parent = nullptr);

    void refresh();
    void newPlan();
    void savePlan();
    void draw(const QDate& day, const QString& seed = {});
    void checkSample(int row);

    QLineEdit* nameEdit() const { return m_name; }
    QComboBox* periodEdit() const { return m_period; }
    QSpinBox* perAgentEdit() const { return m_perAgent; }
    QLineEdit* reviewersEdit() const { return m_reviewers; }
    QTableWidget* samplesTable() const { return m_samples; }
    QDateEdit* dayEdit() const { return m_day; }
    QListWidget* plansList() const { return m_plans; }
    QString lastMessage() const { return m_lastMessage; }
    QString sampleSizeText() const;
    QString planMarginText() const; // what the plan's own calls per researcher give
    void setSampleSizeInputs(double marginPoints, double expectedPercent, int population);

Q_SIGNALS:
    void changed(); // plans or samples (the review queues change with them)
    void done(); // after any action finished (for tests)

private:
    void showPlan(const SamplingPlanRecord& plan);
    SamplePlan planFromForm() const;
    void updateSampleSize();
    QString suggestedName() const; // what the form's plan does: "Weekly, 5 per researcher"
    void followName();
    void updateDrawButton();
    void report(const QString& message, bool error);

    CacheWorker* m_worker;
    QList<SamplingPlanRecord> m_planRecords;
    QList<DrawnSample> m_sampleRecords;
    qint64 m_planId = 0;
    QString m_lastMessage;

    QListWidget* m_plans;
    QLineEdit* m_name;
    QString m_autoName; // the name the dialog gave, followed while the supervisor leaves it
    QComboBox* m_period;
    QComboBox* m_mode;
    QSpinBox* m_perAgent;
    QDoubleSpinBox* m_percent;
    QSpinBox* m_minimum;
    QLineEdit* m_campaigns;
    QLineEdit* m_dispositions;
    QSpinBox* m_minDuration;
    QSpinBox* m_maxDuration;
    QLineEdit* m_reviewers;
    QDateEdit* m_day;
    bool m_dayDefaulted = false; // set to the newest call's day once
    QLineEdit* m_seed;
    QTableWidget* m_samples;
    QDoubleSpinBox* m_margin;
    QDoubleSpinBox* m_expected;
    QSpinBox* m_population;
    QLabel* m_sampleSize;
    QPushButton* m_useSize;
    QLabel* m_planMargin;
};

} // namespace Earmark::Gui

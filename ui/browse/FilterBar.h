#pragma once

#include "browse/CallFilter.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QDateEdit;
class QCheckBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// The call browser's filters: dates, agent, client, campaign, disposition, duration, transcript, recording-notice
// flag, and a quick search by phone number typed any way. Filters (never the phone number) are remembered.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget* parent = nullptr);
    ~FilterBar() override;

    // Fills the choice lists from the cache (after opening, after a sync).
    void loadChoices(CacheWorker* worker);
    CallFilter filter() const;
    void setCount(int count, bool counting);
    QLineEdit* phoneEdit() const { return m_phone; }
    // The six digits when that is all that was typed ("900 533"), else empty.
    static QString lastDigits(const QString& typed);
    // Too few digits to be a whole number ("0533"): nothing is searched, and the field says what is needed.
    static bool unfinished(const QString& typed);
    // Emits the current filter now (without the typing delay).
    void apply() { emitFilter(); }

Q_SIGNALS:
    void filterChanged(const Earmark::CallFilter& filter);
    // Something the user should know (the choices could not be read).
    void problem(const QString& message);

private:
    void schedule();
    void emitFilter();
    void restore();
    void restoreChoices();
    void save() const;

    QCheckBox* m_useDates;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_agent;
    QComboBox* m_client;
    QComboBox* m_campaign;
    QComboBox* m_disposition;
    QSpinBox* m_minMinutes;
    QSpinBox* m_maxMinutes;
    QComboBox* m_transcript;
    QComboBox* m_notice;
    QLineEdit* m_phone;
    QLabel* m_phoneProblem;
    QLabel* m_count;
    QTimer* m_debounce;
    bool m_restoring = false;
    std::optional<CallFilter> m_lastEmitted;
};

} // namespace Earmark::Gui

#pragma once

#include "browse/CallEvaluationMarks.h"
#include "browse/CallFilter.h"
#include "store/CallRecord.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QVector>
#include <optional>

namespace Earmark {

class CacheWorker;

// One call as the browser lists it (no transcript, no audio).
struct CallRow : CallSummary
{
    std::optional<bool> noticeFlag;
    // Decrypted for the visible page only, as far as the role may see it: phoneE164 only for roles that may reveal
    // numbers, phoneMasked ("••••533") for those that see masked numbers, neither (phoneHidden) for trainers.
    QString phoneE164;
    QString phoneMasked;
    bool phoneHidden = false;
    QList<CallEvaluationMark> evaluations; // oldest first; none for roles that may not evaluate
};

// The call browser's model: serves any number of calls (a million and more) without loading them. A filter takes
// a snapshot of the matching row ids in display order (8 bytes a call); 256-row pages are fetched on demand by id
// through the cache's worker thread. A page that is not
// loaded yet shows as "…" and arrives with dataChanged. Sorting and filtering run in SQL over the indexes.
class CallListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int PageSize = 256;
    static constexpr int MaxPages = 64;
    enum Role
    {
        CallIdRole = Qt::UserRole + 1,
        SortValueRole,
    };

    explicit CallListModel(CacheWorker* worker, QObject* parent = nullptr);

    void setFilter(const CallFilter& filter);
    const CallFilter& filter() const { return m_filter; }
    // Re-counts and reloads (after a sync).
    void refresh();
    void setPhonesRevealed(bool revealed);
    bool phonesRevealed() const { return m_revealed; }

    int totalCount() const { return m_count; }
    bool isCounting() const { return m_counting; }
    std::optional<CallRow> rowAt(int row) const;
    // Reads the loaded page holding a call again (its Evaluated column after an evaluation changed); the page stays
    // shown until the new one arrives.
    void reloadCall(const QString& callId);
    // An evaluation of a call was shown or changed (reviewer, state, score): its row is read again when it shows
    // otherwise.
    void noteEvaluation(
        const QString& callId, const QString& reviewer, const QString& state, std::optional<double> score);
    // The row of a call among the pages loaded so far (no page is fetched for it); -1 when none has it.
    int loadedRowOf(const QString& callId) const;
    // The snapshot's key of a row (stable across refreshes and sorts, unlike the row), or -1 out of range; and the
    // rows now holding such keys (in row order; keys no longer listed are left out), for a selection kept over a
    // refresh.
    qint64 rowKeyAt(int row) const;
    QList<int> rowsOfKeys(const QSet<qint64>& keys) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void countChanged(int count);
    void pageLoaded(int page);
    void loadFailed(const QString& message);

private:
    void requestPage(int page) const;
    void evictFarFrom(int page);

    CacheWorker* m_worker;
    CallFilter m_filter;
    int m_count = 0;
    bool m_counting = false;
    bool m_revealed = false;
    quint64 m_generation = 0;
    QVector<qint64> m_ids;
    QHash<int, QVector<CallRow>> m_pages;
    mutable QSet<int> m_requested;
};

} // namespace Earmark

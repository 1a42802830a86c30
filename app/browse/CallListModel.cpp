#include "browse/CallListModel.h"

#include "cache/Cache.h"
#include "cache/CacheWorker.h"
#include "cache/Statement.h"
#include "core/Phone.h"
#include "core/TimeText.h"

#include <QDateTime>

namespace Earmark {

namespace {
struct Page
{
    QVector<CallRow> rows;
    QString error;
};

struct Snapshot
{
    QVector<qint64> ids;
    QString error;
};

// The matching calls' row ids in display order: one walk of the sort order's index. Any page is then a handful of
// rowid look-ups, wherever it is (OFFSET would walk the index up to the page: seconds deep in a million rows).
Snapshot snapshot(Cache& cache, const CallFilter& filter)
{
    if (auto st = cache.roles().require(Permission::BrowseCalls); !st) {
        return {{}, st.errorMessage()};
    }
    if (!filter.phoneE164.isEmpty() || !filter.phoneTail.isEmpty()) {
        if (auto st = cache.roles().require(Permission::SearchByPhone); !st) {
            return {{}, st.errorMessage()};
        }
    }
    QVariantList binds;
    const QString sql
        = QStringLiteral("SELECT c.id FROM calls c") + filter.whereClause(cache.keys(), binds) + filter.orderClause();
    auto s = cache.database().prepare(sql);
    if (!s) {
        return {{}, s.errorMessage()};
    }
    for (int i = 0; i < binds.size(); ++i) {
        s->bindVariant(i + 1, binds.at(i));
    }
    Snapshot out;
    auto rows = s->forEachRow([&] { out.ids.append(s->int64(0)); });
    if (!rows) {
        return {{}, rows.errorMessage()};
    }
    return out;
}

Page fetchPage(Cache& cache, const QVector<qint64>& ids)
{
    QString placeholders;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        placeholders += i ? QStringLiteral(",?") : QStringLiteral("?");
    }
    const QString sql = QStringLiteral("SELECT c.id, c.call_id, c.start_utc, c.duration_s, c.agent_id, a.name, "
                                       "c.client, c.campaign, c.disposition, c.has_transcript, c.consent_recorded "
                                       "FROM calls c LEFT JOIN agents a ON a.agent_id = c.agent_id WHERE c.id IN (")
        + placeholders + QLatin1Char(')');
    auto s = cache.database().prepare(sql);
    if (!s) {
        return {{}, s.errorMessage()};
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        s->bind(static_cast<int>(i + 1), ids.at(i));
    }
    QHash<qint64, CallRow> byId;
    auto rows = s->forEachRow([&] {
        CallRow r;
        r.id = s->int64(0);
        r.callId = s->text(1);
        r.startUtc = s->int64(2);
        r.durationS = s->real(3);
        r.agentId = s->text(4);
        r.agentName = s->text(5);
        r.client = s->text(6);
        r.campaign = s->text(7);
        r.disposition = s->text(8);
        r.hasTranscript = s->int64(9) != 0;
        if (!s->isNull(10)) {
            r.noticeFlag = s->int64(10) != 0;
        }
        byId.insert(r.id, r);
    });
    if (!rows) {
        return {{}, rows.errorMessage()};
    }
    Page page;
    page.rows.reserve(ids.size());
    for (qint64 id : ids) {
        // A call destroyed since the snapshot (erasure during a sync) is left out of its page.
        if (byId.contains(id)) {
            page.rows << byId.value(id);
        }
    }
    QStringList callIds;
    for (const CallRow& r : page.rows) {
        callIds << r.callId;
    }
    auto marks = CallEvaluationMarks::forCalls(cache, callIds);
    if (!marks) {
        return {{}, marks.errorMessage()};
    }
    for (CallRow& r : page.rows) {
        r.evaluations = marks->value(r.callId);
    }
    // Only the rows of this page have their personal fields opened (for the phone column), and only as far as the
    // role may see them: the whole number for those who may reveal it, the last digits for supervisors, nothing for
    // trainers. The model never holds what its user may not see.
    const bool whole = cache.roles().can(Permission::RevealNumbers);
    const bool masked = whole || cache.roles().can(Permission::SeeMaskedNumbers);
    for (CallRow& r : page.rows) {
        if (!masked) {
            r.phoneHidden = true;
            continue;
        }
        CallRecord record;
        record.id = r.id;
        record.callId = r.callId;
        auto personal = cache.calls().personal(record);
        const QString e164 = personal ? personal->phoneE164 : QString();
        r.phoneMasked = e164.isEmpty() ? QString() : Phone::masked(e164);
        r.phoneE164 = whole ? e164 : QString();
    }
    return page;
}

} // namespace

CallListModel::CallListModel(CacheWorker* worker, QObject* parent)
    : QAbstractTableModel(parent)
    , m_worker(worker)
{ }

void CallListModel::setFilter(const CallFilter& filter)
{
    m_filter = filter;
    refresh();
}

void CallListModel::refresh()
{
    const quint64 generation = ++m_generation;
    m_counting = true;
    const CallFilter filter = m_filter;
    m_worker->post<Snapshot>(
        this, [filter](Cache& cache) { return snapshot(cache, filter); },
        [this, generation](Snapshot result) {
            if (generation != m_generation) {
                return; // a newer filter is on its way
            }
            m_counting = false;
            if (!result.error.isEmpty()) {
                Q_EMIT loadFailed(result.error);
            }
            beginResetModel();
            m_ids = std::move(result.ids);
            m_count = static_cast<int>(m_ids.size());
            m_pages.clear();
            m_requested.clear();
            endResetModel();
            Q_EMIT countChanged(m_count);
        });
}

void CallListModel::setPhonesRevealed(bool revealed)
{
    if (m_revealed == revealed) {
        return;
    }
    m_revealed = revealed;
    // Showing the respondents' numbers is a read of personal data: audited (hiding them too, for the record).
    m_worker->post<Status>(
        this,
        [revealed](Cache& cache) {
            if (revealed) {
                if (auto st = cache.roles().require(Permission::RevealNumbers); !st) {
                    return st; // refused and audited; the page holds no whole numbers to show
                }
            }
            return cache.audit().append(
                revealed ? QStringLiteral("phones.reveal") : QStringLiteral("phones.hide"), {}, {});
        },
        [](Status) {});
    if (m_count > 0) {
        const int col = static_cast<int>(CallColumn::Phone);
        Q_EMIT dataChanged(index(0, col), index(m_count - 1, col), {Qt::DisplayRole});
    }
}

std::optional<CallRow> CallListModel::rowAt(int row) const
{
    if (row < 0 || row >= m_count) {
        return std::nullopt;
    }
    const auto it = m_pages.constFind(row / PageSize);
    if (it == m_pages.constEnd() || row % PageSize >= it->size()) {
        requestPage(row / PageSize);
        return std::nullopt;
    }
    return it->at(row % PageSize);
}

int CallListModel::loadedRowOf(const QString& callId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int i = 0; i < it->size(); ++i) {
            if (it->at(i).callId == callId) {
                return it.key() * PageSize + i;
            }
        }
    }
    return -1;
}

qint64 CallListModel::rowKeyAt(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : -1;
}

QList<int> CallListModel::rowsOfKeys(const QSet<qint64>& keys) const
{
    QList<int> rows;
    if (keys.isEmpty()) {
        return rows;
    }
    for (qsizetype i = 0; i < m_ids.size() && rows.size() < keys.size(); ++i) {
        if (keys.contains(m_ids.at(i))) {
            rows << int(i);
        }
    }
    return rows;
}

void CallListModel::reloadCall(const QString& callId)
{
    const int row = loadedRowOf(callId);
    if (row < 0) {
        return;
    }
    m_requested.remove(row / PageSize);
    requestPage(row / PageSize);
}

void CallListModel::noteEvaluation(
    const QString& callId, const QString& reviewer, const QString& state, std::optional<double> score)
{
    const int row = loadedRowOf(callId);
    if (row < 0) {
        return;
    }
    const QList<CallEvaluationMark>& marks = m_pages.value(row / PageSize).at(row % PageSize).evaluations;
    const bool shown = std::any_of(marks.cbegin(), marks.cend(),
        [&](const CallEvaluationMark& m) { return m.reviewer == reviewer && m.state == state && m.score == score; });
    if (!shown) {
        reloadCall(callId);
    }
}

void CallListModel::requestPage(int page) const
{
    if (m_requested.contains(page)) {
        return;
    }
    m_requested.insert(page);
    const quint64 generation = m_generation;
    const QVector<qint64> ids = m_ids.mid(qsizetype(page) * PageSize, PageSize);
    auto* self = const_cast<CallListModel*>(this);
    m_worker->post<Page>(
        self, [ids](Cache& cache) { return fetchPage(cache, ids); },
        [self, page, generation](Page result) {
            if (generation != self->m_generation) {
                return;
            }
            if (!result.error.isEmpty()) {
                self->m_requested.remove(page);
                Q_EMIT self->loadFailed(result.error);
                return;
            }
            self->evictFarFrom(page);
            self->m_pages.insert(page, std::move(result.rows));
            const int first = page * PageSize;
            const int last = std::min(self->m_count, first + PageSize) - 1;
            if (last >= first) {
                Q_EMIT self->dataChanged(self->index(first, 0), self->index(last, self->columnCount() - 1));
            }
            Q_EMIT self->pageLoaded(page);
        });
}

void CallListModel::evictFarFrom(int page)
{
    while (m_pages.size() >= MaxPages) {
        int farthest = -1;
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (farthest < 0 || std::abs(it.key() - page) > std::abs(farthest - page)) {
                farthest = it.key();
            }
        }
        m_pages.remove(farthest);
        m_requested.remove(farthest);
    }
}

int CallListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int CallListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(CallColumn::Count);
}

QVariant CallListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto row = rowAt(index.row());
    const auto column = static_cast<CallColumn>(index.column());
    if (!row) {
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    }
    if (role == CallIdRole) {
        return row->callId;
    }
    if (role == Qt::TextAlignmentRole && column == CallColumn::Duration) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == SortValueRole) {
        switch (column) {
        case CallColumn::Start:
            return row->startUtc;
        case CallColumn::Duration:
            return row->durationS;
        default:
            break;
        }
    }
    if (role == Qt::ToolTipRole && column == CallColumn::Evaluated) {
        return CallEvaluationMarks::toolTip(row->evaluations);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SortValueRole) {
        return {};
    }
    switch (column) {
    case CallColumn::Start:
        return QDateTime::fromSecsSinceEpoch(row->startUtc).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case CallColumn::Duration:
        return durationText(row->durationS);
    case CallColumn::Agent:
        return row->agentName.isEmpty() ? row->agentId : row->agentName;
    case CallColumn::Campaign:
        return row->campaign;
    case CallColumn::Client:
        return row->client;
    case CallColumn::Disposition:
        return row->disposition;
    case CallColumn::Phone:
        if (row->phoneHidden) {
            return QString();
        }
        if (row->phoneMasked.isEmpty()) {
            return tr("withheld");
        }
        return m_revealed && !row->phoneE164.isEmpty() ? row->phoneE164 : row->phoneMasked;
    case CallColumn::Transcript:
        return row->hasTranscript ? tr("Transcript") : QString();
    case CallColumn::Evaluated:
        return CallEvaluationMarks::cellText(row->evaluations);
    case CallColumn::Count:
        break;
    }
    return {};
}

QVariant CallListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (static_cast<CallColumn>(section)) {
    case CallColumn::Start:
        return tr("Date");
    case CallColumn::Duration:
        return tr("Duration");
    case CallColumn::Agent:
        return tr("Researcher"); // the member of staff, as the reports and the review queue name them
    case CallColumn::Campaign:
        return tr("Campaign");
    case CallColumn::Client:
        return tr("Client");
    case CallColumn::Disposition:
        return tr("Disposition");
    case CallColumn::Phone:
        return tr("Phone");
    case CallColumn::Transcript:
        return tr("Transcript");
    case CallColumn::Evaluated:
        return tr("Evaluated");
    case CallColumn::Count:
        break;
    }
    return {};
}

void CallListModel::sort(int column, Qt::SortOrder order)
{
    const auto c = static_cast<CallColumn>(column);
    if (c == CallColumn::Phone || c == CallColumn::Transcript || c == CallColumn::Evaluated || c >= CallColumn::Count) {
        return; // personal or not indexed: not sortable
    }
    CallFilter f = m_filter;
    f.sortColumn = c;
    f.descending = order == Qt::DescendingOrder;
    if (!(f == m_filter)) {
        setFilter(f);
    }
}

} // namespace Earmark

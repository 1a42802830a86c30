#include "ui/redaction/RedactionReviewDialog.h"

#include "anonymise/SpokenText.h"
#include "cache/CacheWorker.h"
#include "store/TranscriptEdit.h"
#include "ui/shell/MessageBox.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Earmark::Gui {

using Decision = ReviewSpan::Decision;

namespace {
QString decisionName(Decision d)
{
    switch (d) {
    case Decision::Pending:
        return QObject::tr("to review (redacted)");
    case Decision::Accepted:
        return QObject::tr("accepted");
    case Decision::Rejected:
        return QObject::tr("rejected (kept)");
    case Decision::Added:
        return QObject::tr("added");
    }
    return {};
}

QTextCharFormat formatFor(const ReviewSpan* span)
{
    QTextCharFormat f;
    if (!span) {
        return f;
    }
    static const QColor colours[]
        = {QColor(0xff, 0xe0, 0x70), QColor(0xf2, 0x8b, 0x82), QColor(0xe0, 0xe0, 0xe0), QColor(0x8a, 0xb4, 0xf8)};
    f.setBackground(colours[int(span->decision)]);
    f.setForeground(Qt::black);
    f.setFontStrikeOut(span->decision == Decision::Rejected);
    f.setToolTip(QStringLiteral("%1 · %2").arg(Anonymise::entityName(span->span.type), decisionName(span->decision)));
    return f;
}

QString speakerName(const QString& s)
{
    return s == QLatin1String("agent")     ? QObject::tr("Agent")
        : s == QLatin1String("respondent") ? QObject::tr("Respondent")
                                           : QObject::tr("Other");
}
} // namespace

RedactionReviewDialog::RedactionReviewDialog(CacheWorker* worker, QWidget* parent)
    : QDialog(parent)
    , m_worker(worker)
    , m_text(new QTextBrowser(this))
    , m_list(new QTreeWidget(this))
    , m_type(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("Save review"), this))
{
    setObjectName(QStringLiteral("redactionReview"));
    setWindowTitle(tr("Review redactions"));
    m_text->setObjectName(QStringLiteral("reviewTranscript"));
    m_list->setObjectName(QStringLiteral("reviewSpans"));
    m_list->setHeaderLabels({tr("Turn"), tr("Type"), tr("Decision"), tr("Words")});
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_type->setObjectName(QStringLiteral("reviewType"));
    for (Anonymise::Entity e : Anonymise::allEntities()) {
        m_type->addItem(Anonymise::entityName(e), int(e));
    }
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setWordWrap(true);
    m_save->setObjectName(QStringLiteral("saveReview"));

    struct Button
    {
        const char* name;
        const char* text;
        QKeySequence key;
        std::function<void()> run;
    };
    const QList<Button> buttons {
        {"acceptSpan", QT_TR_NOOP("Accept"), QKeySequence(Qt::Key_A), [this] { setDecision(Decision::Accepted); }},
        {"rejectSpan", QT_TR_NOOP("Reject"), QKeySequence(Qt::Key_R), [this] { setDecision(Decision::Rejected); }},
        {"addSpan", QT_TR_NOOP("Add selected words"), QKeySequence(Qt::Key_Plus), [this] { addSelection(); }},
    };
    auto* row = new QHBoxLayout;
    for (const Button& b : buttons) {
        auto* a = new QAction(tr(b.text), this);
        a->setObjectName(QString::fromLatin1(b.name));
        a->setShortcut(b.key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        connect(a, &QAction::triggered, this, b.run);
        auto* button = new QPushButton(QStringLiteral("%1 (%2)").arg(a->text(), b.key.toString()), this);
        button->setAutoDefault(false);
        connect(button, &QPushButton::clicked, a, &QAction::trigger);
        row->addWidget(button);
        if (QLatin1String(b.name) == QLatin1String("addSpan")) {
            row->addWidget(new QLabel(tr("as"), this));
            row->addWidget(m_type);
        }
    }
    row->addStretch(1);
    auto* close = new QPushButton(tr("Close"), this);
    for (QPushButton* b : {m_save, close}) {
        b->setAutoDefault(false);
        row->addWidget(b);
    }
    connect(m_save, &QPushButton::clicked, this, &RedactionReviewDialog::save);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);

    auto* legend = new QLabel(tr("<span style='background:#ffe070'>&nbsp;to review&nbsp;</span> "
                                 "<span style='background:#f28b82'>&nbsp;accepted&nbsp;</span> "
                                 "<span style='background:#e0e0e0'><s>&nbsp;rejected&nbsp;</s></span> "
                                 "<span style='background:#8ab4f8'>&nbsp;added&nbsp;</span> — spans to review are "
                                 "redacted until you reject them. Select words in the transcript to add a span."),
        this);
    legend->setWordWrap(true);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_text);
    split->addWidget(m_list);
    split->setSizes({560, 440});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(legend);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addLayout(row);
    resize(1040, 640);

    m_list->installEventFilter(this);
    m_text->installEventFilter(this);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const int i = item->data(0, Qt::UserRole).toInt();
        const ReviewSpan& s = m_state.spans.at(i);
        const auto& tokens = m_tokenPositions.at(s.segment);
        QTextCursor c(m_text->document());
        c.setPosition(tokens.at(s.span.first).first);
        c.setPosition(tokens.at(s.span.last).second, QTextCursor::KeepAnchor);
        m_text->setTextCursor(c);
        Q_EMIT seekRequested(spanTime(s));
    });
}

bool RedactionReviewDialog::eventFilter(QObject* watched, QEvent* event)
{
    // The list would take letters for its keyboard search: A and R decide, + adds, Delete takes an added span back.
    if (event->type() == QEvent::KeyPress && (watched == m_list || watched == m_text)) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier
            || (key->modifiers() & ~Qt::KeypadModifier) == Qt::ShiftModifier) {
            switch (key->key()) {
            case Qt::Key_A:
                setDecision(Decision::Accepted);
                return true;
            case Qt::Key_R:
            case Qt::Key_Delete:
                setDecision(Decision::Rejected);
                return true;
            case Qt::Key_Plus:
                addSelection();
                return true;
            default:
                break;
            }
        }
    }
    return QDialog::eventFilter(watched, event);
}

void RedactionReviewDialog::load(const QString& callId)
{
    m_status->setText(tr("Looking for personal data…"));
    m_worker->run<RedactionReviews>(
        this, [callId](RedactionReviews& reviews) { return reviews.load(callId); },
        [this, callId](Result<RedactionReviewState> state) {
            if (!state) {
                m_status->setText(state.errorMessage());
                Q_EMIT loaded(callId, state.errorMessage());
                return;
            }
            m_state = std::move(state.value());
            m_modified = false;
            setWindowTitle(tr("Review redactions: %1").arg(callId));
            QString status = m_state.last
                ? tr("Last saved by %1 on %2 (review %3): %4.")
                      .arg(m_state.lastBy,
                          QDateTime::fromSecsSinceEpoch(m_state.last->atUtc)
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm")))
                      .arg(m_state.last->revision)
                      .arg(m_state.last->summary)
                : tr("Not reviewed yet: %n span(s) found.", nullptr, int(m_state.spans.size()));
            if (m_state.staleSegments > 0) {
                status += QLatin1Char(' ')
                    + tr("%n turn(s) were corrected since the last review: their spans are to review again.", nullptr,
                        m_state.staleSegments);
            }
            m_status->setText(status);
            render();
            fillList();
            Q_EMIT loaded(callId, QString());
        });
}

void RedactionReviewDialog::render()
{
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->clear();
    m_tokenPositions.clear();
    QTextCursor c(m_text->document());
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    const QTextCharFormat plain;
    const QList<TranscriptSegment>& segments = m_state.transcript.segments;
    for (int si = 0; si < segments.size(); ++si) {
        const QString& text = segments[si].text;
        if (si > 0) {
            c.insertBlock();
        }
        c.insertText(QStringLiteral("%1 %2  ").arg(
                         speakerName(segments[si].speaker), TranscriptEdit::formatTime(segments[si].startS)),
            bold);
        const QList<Anonymise::Token> tokens = Anonymise::tokenize(text);
        QList<std::pair<int, int>> positions;
        int previous = 0;
        const ReviewSpan* before = nullptr;
        for (int ti = 0; ti < tokens.size(); ++ti) {
            const ReviewSpan* covering = nullptr;
            for (const ReviewSpan& s : std::as_const(m_state.spans)) {
                if (s.segment == si && s.span.first <= ti && ti <= s.span.last
                    && (!covering || s.decision == Decision::Added)) {
                    covering = &s;
                }
            }
            // The spaces inside a span are marked with it, so that a span reads as one.
            c.insertText(text.mid(previous, tokens[ti].begin - previous),
                covering && covering == before ? formatFor(covering) : plain);
            before = covering;
            const int start = c.position();
            c.insertText(text.mid(tokens[ti].begin, tokens[ti].end - tokens[ti].begin), formatFor(covering));
            positions.append({start, c.position()});
            previous = tokens[ti].end;
        }
        c.insertText(text.mid(previous), plain);
        m_tokenPositions.append(positions);
    }
    m_text->verticalScrollBar()->setValue(scroll);
}

void RedactionReviewDialog::fillList()
{
    QList<int> selected;
    for (QTreeWidgetItem* item : m_list->selectedItems()) {
        selected << item->data(0, Qt::UserRole).toInt();
    }
    m_list->clear();
    for (int i = 0; i < m_state.spans.size(); ++i) {
        const ReviewSpan& s = m_state.spans.at(i);
        auto* item = new QTreeWidgetItem(m_list,
            {TranscriptEdit::formatTime(m_state.transcript.segments.at(s.segment).startS),
                Anonymise::entityName(s.span.type), decisionName(s.decision), spanWords(s)});
        item->setData(0, Qt::UserRole, i);
        item->setSelected(selected.contains(i));
    }
    if (m_list->selectedItems().isEmpty() && m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    }
}

QString RedactionReviewDialog::spanWords(const ReviewSpan& s) const
{
    const QString& text = m_state.transcript.segments.at(s.segment).text;
    const QList<Anonymise::Token> tokens = Anonymise::tokenize(text);
    return text.mid(tokens.at(s.span.first).begin, tokens.at(s.span.last).end - tokens.at(s.span.first).begin);
}

double RedactionReviewDialog::spanTime(const ReviewSpan& s) const
{
    const TranscriptSegment& seg = m_state.transcript.segments.at(s.segment);
    const QList<Anonymise::Token> tokens = Anonymise::tokenize(seg.text);
    const double at = seg.text.isEmpty() ? 0 : double(tokens.at(s.span.first).begin) / seg.text.size();
    return seg.startS + (seg.endS - seg.startS) * at;
}

void RedactionReviewDialog::setDecision(Decision decision)
{
    QList<int> chosen;
    for (QTreeWidgetItem* item : m_list->selectedItems()) {
        chosen << item->data(0, Qt::UserRole).toInt();
    }
    if (chosen.isEmpty() && m_list->currentItem()) {
        chosen << m_list->currentItem()->data(0, Qt::UserRole).toInt(); // the row the keyboard is on
    }
    if (chosen.isEmpty()) {
        m_status->setText(tr("Choose a span in the list first."));
        return;
    }
    std::sort(chosen.begin(), chosen.end());
    int next = chosen.last() + 1;
    for (auto it = chosen.crbegin(); it != chosen.crend(); ++it) {
        ReviewSpan& s = m_state.spans[*it];
        if (!s.detected && decision == Decision::Rejected) {
            m_state.spans.removeAt(*it); // a span the reviewer added and takes back
            --next;
        } else {
            s.decision = s.detected || decision != Decision::Accepted ? decision : Decision::Added;
        }
    }
    m_modified = true;
    m_list->clearSelection();
    render();
    fillList();
    // On to the next span, so that A and R go down the list.
    if (QTreeWidgetItem* item = m_list->topLevelItem(std::min(next, m_list->topLevelItemCount() - 1))) {
        m_list->clearSelection();
        m_list->setCurrentItem(item);
    }
}

bool RedactionReviewDialog::addSelection()
{
    const QTextCursor c = m_text->textCursor();
    if (!c.hasSelection()) {
        m_status->setText(tr("Select the words to redact in the transcript first, then choose their type."));
        return false;
    }
    int segment = -1;
    int first = -1;
    int last = -1;
    for (int si = 0; si < m_tokenPositions.size(); ++si) {
        for (int ti = 0; ti < m_tokenPositions[si].size(); ++ti) {
            const auto [start, end] = m_tokenPositions[si][ti];
            if (start < c.selectionEnd() && end > c.selectionStart()) {
                if (segment >= 0 && segment != si) {
                    m_status->setText(tr("Select words within one turn: a span cannot run across turns."));
                    return false;
                }
                segment = si;
                first = first < 0 ? ti : first;
                last = ti;
            }
        }
    }
    if (segment < 0) {
        m_status->setText(tr("The selection holds no words of the transcript."));
        return false;
    }
    const auto type = Anonymise::Entity(m_type->currentData().toInt());
    const ReviewSpan added {segment, Anonymise::Span {first, last, type, {}}, Decision::Added, false};
    m_state.spans.append(added);
    std::stable_sort(m_state.spans.begin(), m_state.spans.end(), [](const ReviewSpan& a, const ReviewSpan& b) {
        return a.segment != b.segment ? a.segment < b.segment : a.span.first < b.span.first;
    });
    m_modified = true;
    m_status->setText(
        tr("Added \"%1\" as %2: save the review to keep it.").arg(spanWords(added), Anonymise::entityName(type)));
    render();
    fillList();
    return true;
}

void RedactionReviewDialog::save()
{
    const QString callId = m_state.callId;
    const QList<ReviewSpan> spans = m_state.spans;
    m_save->setEnabled(false);
    m_worker->run<RedactionReviews>(
        this,
        [callId, seen = m_state.transcript, spans](
            RedactionReviews& reviews) { return reviews.save(callId, seen, spans); },
        [this, callId](Result<int> revision) {
            m_save->setEnabled(true);
            if (!revision) {
                // Nothing is lost: the decisions stay on screen to save again.
                m_status->setText(tr("The review was not saved: %1").arg(revision.errorMessage()));
                return;
            }
            m_modified = false;
            Q_EMIT saved(callId);
            load(callId);
        });
}

void RedactionReviewDialog::done(int result)
{
    if (m_modified
        && MessageBox::question(this, tr("Review redactions"),
               tr("Save your decisions on the spans of %1 before closing?").arg(m_state.callId))
            == QMessageBox::Yes) {
        save();
    }
    m_modified = false;
    QDialog::done(result);
}

} // namespace Earmark::Gui

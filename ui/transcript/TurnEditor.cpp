#include "ui/transcript/TurnEditor.h"

#include "store/TranscriptEdit.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

TurnEditor::TurnEditor(QWidget* parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_original(new QLabel(this))
    , m_speaker(new QComboBox(this))
    , m_text(new QPlainTextEdit(this))
    , m_save(new QPushButton(tr("Save correction"), this))
{
    setObjectName(QStringLiteral("turnEditor"));
    setFrameShape(QFrame::StyledPanel);
    m_original->setObjectName(QStringLiteral("providerWording"));
    m_original->setWordWrap(true);
    m_original->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_speaker->setObjectName(QStringLiteral("turnSpeaker"));
    m_speaker->addItem(tr("Agent"), QStringLiteral("agent"));
    m_speaker->addItem(tr("Respondent"), QStringLiteral("respondent"));
    m_speaker->addItem(tr("Other"), QStringLiteral("other"));
    m_text->setObjectName(QStringLiteral("turnText"));
    m_text->setTabChangesFocus(true);
    m_text->setMaximumHeight(90);
    m_save->setObjectName(QStringLiteral("saveTurn"));
    m_save->setToolTip(tr("Save the turn as a new revision of the transcript (Ctrl+Return)"));
    auto* play = new QPushButton(tr("Play the turn"), this);
    auto* cancel = new QPushButton(tr("Cancel"), this);
    cancel->setToolTip(tr("Close without saving (Escape)"));
    for (QPushButton* b : {m_save, play, cancel}) {
        b->setAutoDefault(false);
    }
    auto* saveKey = new QAction(this);
    saveKey->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    saveKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(saveKey);
    auto* cancelKey = new QAction(this);
    cancelKey->setShortcut(Qt::Key_Escape);
    cancelKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(cancelKey);

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(new QLabel(tr("Speaker:"), this));
    top->addWidget(m_speaker);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(new QLabel(tr("Words you leave as they were keep their times."), this), 1);
    buttons->addWidget(play);
    buttons->addWidget(cancel);
    buttons->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_original);
    layout->addWidget(m_text);
    layout->addLayout(buttons);

    const auto save
        = [this] { Q_EMIT saveRequested(m_segment, m_speaker->currentData().toString(), m_text->toPlainText()); };
    connect(m_save, &QPushButton::clicked, this, save);
    connect(saveKey, &QAction::triggered, this, save);
    const auto close = [this] {
        hide();
        m_segment = -1;
        Q_EMIT closed();
    };
    connect(cancel, &QPushButton::clicked, this, close);
    connect(cancelKey, &QAction::triggered, this, close);
    connect(play, &QPushButton::clicked, this, [this] { Q_EMIT playRequested(m_current.startS, m_current.endS); });
    hide();
}

void TurnEditor::edit(int segment, const TranscriptSegment& current, const std::optional<TranscriptSegment>& original)
{
    m_segment = segment;
    m_current = current;
    m_title->setText(tr("<b>Correcting turn %1</b> (%2 to %3)")
                         .arg(segment + 1)
                         .arg(TranscriptEdit::formatTime(current.startS), TranscriptEdit::formatTime(current.endS)));
    m_speaker->setCurrentIndex(std::max(0, m_speaker->findData(current.speaker)));
    m_text->setPlainText(current.text);
    const bool differs = original && (original->text != current.text || original->speaker != current.speaker);
    m_original->setVisible(differs);
    if (differs) {
        m_original->setText(tr("<i>The provider's transcript said:</i> %1").arg(original->text.toHtmlEscaped()));
    }
    show();
    m_text->setFocus();
    m_text->selectAll();
}

bool TurnEditor::isModified() const
{
    return m_segment >= 0
        && (m_text->toPlainText().simplified() != m_current.text || m_speaker->currentData() != m_current.speaker);
}

} // namespace Earmark::Gui

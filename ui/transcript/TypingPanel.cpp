#include "ui/transcript/TypingPanel.h"

#include "player/PlayerEngine.h"
#include "store/TranscriptEdit.h"

#include <QAction>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTextBlock>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
QDoubleSpinBox* secondsBox(QWidget* parent, const QString& name, double value, double max, const QString& off)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, max);
    box->setSingleStep(0.5);
    box->setDecimals(1);
    box->setSuffix(QObject::tr(" s"));
    box->setSpecialValueText(off);
    box->setValue(QSettings().value(QStringLiteral("typing/") + name, value).toDouble());
    QObject::connect(box, &QDoubleSpinBox::valueChanged, box,
        [name](double v) { QSettings().setValue(QStringLiteral("typing/") + name, v); });
    return box;
}
} // namespace

TypingPanel::TypingPanel(PlayerEngine* engine, QWidget* parent)
    : QFrame(parent)
    , m_engine(engine)
    , m_editor(new QPlainTextEdit(this))
    , m_pauseWhileTyping(new QCheckBox(tr("Pause while I type"), this))
    , m_rewind(secondsBox(this, QStringLiteral("rewind"), 1.0, 10, tr("no rewind")))
    , m_resume(secondsBox(this, QStringLiteral("resume"), 1.5, 10, tr("never (F4)")))
    , m_step(secondsBox(this, QStringLiteral("step"), 0, 30, tr("no steps")))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("typingPanel"));
    setFrameShape(QFrame::StyledPanel);
    m_editor->setObjectName(QStringLiteral("typingEditor"));
    m_editor->setPlaceholderText(tr("Alt+A starts the agent's turn at the player's time, Alt+R the respondent's, "
                                    "Ctrl+T inserts the time. Just type: the player pauses while you do and plays on "
                                    "when you stop. F4 plays or pauses; Ctrl+S saves."));
    m_pauseWhileTyping->setChecked(true);
    m_message->setObjectName(QStringLiteral("typingMessage"));
    m_message->setWordWrap(true);
    m_idle.setSingleShot(true);

    struct Key
    {
        const char* name;
        const char* text;
        const char* button; // short, so that the row fits beside the evaluation
        QKeySequence key;
        std::function<void()> run;
    };
    const QList<Key> keys {
        {"typingTime", QT_TR_NOOP("Insert the time"), QT_TR_NOOP("Time"), QKeySequence(Qt::CTRL | Qt::Key_T),
            [this] { insertTime(); }},
        {"typingAgent", QT_TR_NOOP("Agent's turn"), QT_TR_NOOP("Agent"), QKeySequence(Qt::ALT | Qt::Key_A),
            [this] { newTurn(QStringLiteral("agent")); }},
        {"typingRespondent", QT_TR_NOOP("Respondent's turn"), QT_TR_NOOP("Respondent"),
            QKeySequence(Qt::ALT | Qt::Key_R), [this] { newTurn(QStringLiteral("respondent")); }},
        {"typingOther", QT_TR_NOOP("Other's turn"), QT_TR_NOOP("Other"), QKeySequence(Qt::ALT | Qt::Key_O),
            [this] { newTurn(QStringLiteral("other")); }},
        {"typingPlay", QT_TR_NOOP("Play / pause (rewinds on play)"), QT_TR_NOOP("Play/pause"), QKeySequence(Qt::Key_F4),
            [this] { playOrPause(); }},
        {"typingSave", QT_TR_NOOP("Save"), QT_TR_NOOP("Save"), QKeySequence(Qt::CTRL | Qt::Key_S),
            [this] { Q_EMIT saveRequested(text()); }},
    };
    auto* buttons = new QHBoxLayout;
    for (const Key& k : keys) {
        auto* a = new QAction(tr(k.text), this);
        a->setObjectName(QString::fromLatin1(k.name));
        a->setShortcut(k.key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
        connect(a, &QAction::triggered, this, k.run);
        auto* b = new QPushButton(tr(k.button), this);
        b->setToolTip(QStringLiteral("%1 (%2)").arg(a->text(), k.key.toString(QKeySequence::NativeText)));
        b->setAutoDefault(false);
        b->setFocusPolicy(Qt::NoFocus); // the caret stays in the text
        connect(b, &QPushButton::clicked, a, &QAction::trigger);
        buttons->addWidget(b);
    }
    auto* close = new QPushButton(tr("Close"), this);
    close->setAutoDefault(false);
    connect(close, &QPushButton::clicked, this, &TypingPanel::closeRequested);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto* options = new QHBoxLayout;
    options->addWidget(m_pauseWhileTyping);
    options->addWidget(new QLabel(tr("Play on after"), this));
    options->addWidget(m_resume);
    options->addWidget(new QLabel(tr("Rewind"), this));
    options->addWidget(m_rewind);
    options->addWidget(new QLabel(tr("Play in steps of"), this));
    options->addWidget(m_step);
    options->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(options);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_editor, &QPlainTextEdit::textChanged, this, &TypingPanel::typed);
    m_editor->installEventFilter(this);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_pausedByTyping && m_resume->value() > 0) {
            resume();
        }
    });
    hide();
}

bool TypingPanel::eventFilter(QObject* watched, QEvent* event)
{
    // A text editor takes Alt+letter as typed text on some platforms: the turn keys are handled here first.
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->modifiers() & ~Qt::KeypadModifier) == Qt::AltModifier) {
            const QString speaker = key->key() == Qt::Key_A ? QStringLiteral("agent")
                : key->key() == Qt::Key_R                   ? QStringLiteral("respondent")
                : key->key() == Qt::Key_O                   ? QStringLiteral("other")
                                                            : QString();
            if (!speaker.isEmpty()) {
                newTurn(speaker);
                return true;
            }
        }
    }
    return QFrame::eventFilter(watched, event);
}

void TypingPanel::start(const QString& existing)
{
    m_inserting = true;
    m_editor->setPlainText(existing);
    m_inserting = false;
    m_modified = false;
    m_pausedByTyping = false;
    m_waitingForTypist = false;
    m_stopAt = -1;
    m_message->clear();
    show();
    m_editor->setFocus();
    m_editor->moveCursor(QTextCursor::End);
}

QString TypingPanel::text() const
{
    return m_editor->toPlainText();
}

void TypingPanel::setMessage(const QString& message)
{
    m_message->setText(message);
}

void TypingPanel::typed()
{
    if (m_inserting) {
        m_modified = true;
        return;
    }
    m_modified = true;
    if (!m_pauseWhileTyping->isChecked()) {
        return;
    }
    if (m_engine->state() == PlayerEngine::State::Playing) {
        m_engine->pause();
        m_pausedByTyping = true;
    } else if (m_waitingForTypist) {
        m_waitingForTypist = false;
        m_pausedByTyping = true; // a step ended and the typist caught up: play on when the typing stops
    }
    if (m_pausedByTyping && m_resume->value() > 0) {
        m_idle.start(int(m_resume->value() * 1000));
    }
}

void TypingPanel::resume()
{
    m_pausedByTyping = false;
    m_waitingForTypist = false;
    m_idle.stop();
    const double from = std::max(0.0, m_engine->position() - m_rewind->value());
    m_stopAt = m_step->value() > 0 ? m_engine->position() + m_step->value() : -1;
    m_engine->seek(from);
    m_engine->play();
}

void TypingPanel::playOrPause()
{
    if (m_engine->state() == PlayerEngine::State::Playing) {
        m_engine->pause();
        m_pausedByTyping = false;
        m_idle.stop();
        return;
    }
    resume();
}

void TypingPanel::setPosition(double seconds)
{
    if (m_stopAt >= 0 && seconds >= m_stopAt && m_engine->state() == PlayerEngine::State::Playing) {
        m_engine->pause();
        m_stopAt = -1;
        m_waitingForTypist = true;
    }
}

void TypingPanel::insertTime()
{
    m_inserting = true;
    m_editor->insertPlainText(QStringLiteral("[%1] ").arg(TranscriptEdit::formatTime(m_engine->position())));
    m_inserting = false;
}

void TypingPanel::newTurn(const QString& speaker)
{
    m_inserting = true;
    QTextCursor c = m_editor->textCursor();
    c.movePosition(QTextCursor::EndOfBlock);
    if (!c.block().text().trimmed().isEmpty()) {
        c.insertText(QStringLiteral("\n"));
    }
    // After a rewind the player can be before the turn above: a new turn never starts before it.
    double at = m_engine->position();
    static const QRegularExpression stamp(
        QStringLiteral(R"(^\s*\[\s*(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)\s*\])"), QRegularExpression::MultilineOption);
    auto it = stamp.globalMatch(m_editor->toPlainText().left(c.position()));
    while (it.hasNext()) {
        const auto m = it.next();
        at = std::max(at, m.captured(1).toDouble() * 3600 + m.captured(2).toDouble() * 60 + m.captured(3).toDouble());
    }
    c.insertText(TranscriptEdit::typedLine(at, speaker));
    m_editor->setTextCursor(c);
    m_inserting = false;
}

} // namespace Earmark::Gui

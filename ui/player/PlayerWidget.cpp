#include "ui/player/PlayerWidget.h"

#include "core/TimeText.h"
#include "ui/player/WaveformWidget.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace Earmark::Gui {

namespace {
const double Speeds[] = {0.5, 0.625, 0.75, 0.875, 1.0, 1.125, 1.25, 1.375, 1.5, 1.625, 1.75, 1.875, 2.0};
constexpr int NormalSpeed = 4;

QString clock(double s)
{
    const int tenths = static_cast<int>(s * 10);
    return QStringLiteral("%1:%2.%3").arg(tenths / 600).arg(tenths / 10 % 60, 2, 10, QLatin1Char('0')).arg(tenths % 10);
}
} // namespace

PlayerWidget::PlayerWidget(QWidget* parent)
    : QWidget(parent)
    , m_waveform(new WaveformWidget(this))
    , m_play(new QToolButton(this))
    , m_speed(new QComboBox(this))
    , m_listen(new QComboBox(this))
    , m_mix(new QComboBox(this))
    , m_loop(new QToolButton(this))
    , m_volume(new QSlider(Qt::Horizontal, this))
    , m_time(new QLabel(this))
    , m_selection(new QLabel(this))
    , m_status(new QLabel(this))
    , m_ticker(new QTimer(this))
    , m_decodeTicker(new QTimer(this))
{
    setObjectName(QStringLiteral("player"));
    for (double s : Speeds) {
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    }
    m_speed->setCurrentIndex(NormalSpeed);
    m_speed->setToolTip(tr("Speed, pitch kept (Ctrl+3 slower, Ctrl+4 faster, Ctrl+5 normal/slow)"));
    m_speed->setObjectName(QStringLiteral("speed"));
    m_listen->addItem(tr("Both speakers"), int(Listen::Both));
    m_listen->addItem(tr("Agent only"), int(Listen::Agent));
    m_listen->addItem(tr("Respondent only"), int(Listen::Respondent));
    m_listen->setObjectName(QStringLiteral("listen"));
    m_mix->addItem(tr("Centred"), int(StereoMix::Centred));
    m_mix->addItem(tr("Slight spread"), int(StereoMix::Spread));
    m_mix->addItem(tr("Left and right"), int(StereoMix::Split));
    m_mix->setObjectName(QStringLiteral("mix"));
    m_mix->setToolTip(tr("Both speakers: centred in both ears (easy on headphones), a slight spread, or one in each "
                         "ear as recorded"));
    m_mix->setCurrentIndex(std::max(0, m_mix->findData(QSettings().value(QStringLiteral("player/mix"), 0).toInt())));
    m_volume->setRange(0, 100);
    m_volume->setValue(100);
    m_volume->setMinimumWidth(50);
    // The lane choices shrink before the player does (their whole text is in the list), so that the player fits
    // beside the call list at 1280 pixels.
    for (QComboBox* c : {m_listen, m_mix}) {
        c->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        c->setMinimumContentsLength(9);
    }
    m_volume->setMaximumWidth(120);
    m_volume->setToolTip(tr("Volume"));
    m_time->setObjectName(QStringLiteral("time"));
    m_selection->setObjectName(QStringLiteral("selectionText"));
    m_selection->setToolTip(tr("The selected region: start – end (length). Drag on the waveform to select; [ and ] "
                               "set its ends at the playhead."));
    m_selection->hide();
    m_selection->setMinimumWidth(1); // its text never widens the player (and so never moves the window's splitter)
    m_time->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("playerStatus"));
    QFont mono = m_time->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_time->setFont(mono);

    buildActions();
    auto button = [this](QAction* a) {
        auto* b = new QToolButton(this);
        b->setDefaultAction(a);
        b->setAutoRaise(true);
        return b;
    };
    m_play->setDefaultAction(action(QStringLiteral("playPause")));
    m_play->setAutoRaise(true);
    m_loop->setDefaultAction(action(QStringLiteral("loop")));
    m_loop->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* transport = new QHBoxLayout;
    transport->addWidget(button(action(QStringLiteral("back30"))));
    transport->addWidget(button(action(QStringLiteral("back5"))));
    transport->addWidget(m_play);
    transport->addWidget(button(action(QStringLiteral("stop"))));
    transport->addWidget(button(action(QStringLiteral("forward5"))));
    transport->addWidget(button(action(QStringLiteral("forward30"))));
    transport->setSpacing(2);
    transport->addSpacing(8);
    transport->addWidget(m_time);
    transport->addStretch(1);
    transport->addWidget(m_speed);
    transport->addWidget(m_volume);
    // Under the waveform: what is selected, and how the speakers are heard (kept off the transport row, so that the
    // player fits beside the call list at 1280 pixels).
    auto* lanes = new QHBoxLayout;
    lanes->addWidget(m_selection);
    lanes->addWidget(m_loop);
    lanes->addStretch(1);
    lanes->addWidget(m_listen);
    lanes->addWidget(m_mix);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(transport);
    layout->addWidget(m_waveform, 1);
    layout->addLayout(lanes);
    layout->addWidget(m_status);

    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int i) {
        const double s = m_speed->itemData(i).toDouble();
        if (s < 1.0) {
            m_lastSlowSpeed = s;
        }
        m_engine.setSpeed(s);
    });
    connect(m_listen, &QComboBox::currentIndexChanged, this, [this](int i) {
        const auto listen = static_cast<Listen>(m_listen->itemData(i).toInt());
        m_engine.setListen(listen);
        m_waveform->setListen(listen);
        m_mix->setEnabled(listen == Listen::Both && m_listen->isEnabled());
    });
    connect(m_mix, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_engine.setMix(static_cast<StereoMix>(m_mix->itemData(i).toInt()));
        QSettings().setValue(QStringLiteral("player/mix"), m_mix->itemData(i).toInt()); // the reviewer's own ears
    });
    m_engine.setMix(static_cast<StereoMix>(m_mix->currentData().toInt()));
    connect(m_volume, &QSlider::valueChanged, this, [this](int v) { m_engine.setVolume(v / 100.0); });
    connect(m_waveform, &WaveformWidget::seekRequested, this, [this](double s) {
        m_engine.seek(s);
        tick();
    });
    connect(m_waveform, &WaveformWidget::selectionChanged, this, [this](double a, double b) {
        if (action(QStringLiteral("loop"))->isChecked()) {
            m_engine.setLoop(a, b);
        }
        showSelection();
    });
    connect(&m_engine, &PlayerEngine::stateChanged, this, &PlayerWidget::updateButtons);
    connect(&m_engine, &PlayerEngine::errorOccurred, this, &PlayerWidget::setStatus);
    connect(&m_engine, &PlayerEngine::finished, this, &PlayerWidget::tick);
    m_decodeTicker->setInterval(100);
    connect(m_decodeTicker, &QTimer::timeout, m_waveform, &WaveformWidget::refreshDecoded);
    m_ticker->setInterval(33);
    connect(m_ticker, &QTimer::timeout, this, &PlayerWidget::tick);
    unload(tr("Select a call to listen to it."));
}

PlayerWidget::~PlayerWidget() = default;

QAction* PlayerWidget::addAction(
    const QString& name, const QString& text, const QList<QKeySequence>& keys, Qt::ShortcutContext context)
{
    auto* a = new QAction(text, this);
    a->setObjectName(name);
    a->setShortcuts(keys);
    a->setShortcutContext(context);
    QWidget::addAction(a);
    m_actions << a;
    return a;
}

QAction* PlayerWidget::action(const QString& objectName) const
{
    for (QAction* a : m_actions) {
        if (a->objectName() == objectName) {
            return a;
        }
    }
    return nullptr;
}

void PlayerWidget::buildActions()
{
    QStyle* s = style();
    auto* play = addAction(QStringLiteral("playPause"), tr("Play / pause"), {QKeySequence(Qt::CTRL | Qt::Key_Space)});
    play->setIcon(s->standardIcon(QStyle::SP_MediaPlay));
    connect(play, &QAction::triggered, &m_engine, &PlayerEngine::togglePlay);
    // Plain Space plays only while the waveform has focus: never while typing.
    auto* space = new QAction(this);
    space->setShortcut(Qt::Key_Space);
    space->setShortcutContext(Qt::WidgetShortcut);
    m_waveform->addAction(space);
    connect(space, &QAction::triggered, &m_engine, &PlayerEngine::togglePlay);
    auto* stop = addAction(QStringLiteral("stop"), tr("Stop"), {QKeySequence(Qt::CTRL | Qt::Key_Period)});
    stop->setIcon(s->standardIcon(QStyle::SP_MediaStop));
    connect(stop, &QAction::triggered, &m_engine, &PlayerEngine::stop);
    const struct
    {
        const char* name;
        const char* text;
        double delta;
        QList<QKeySequence> keys;
        QStyle::StandardPixmap icon;
    } skips[] = {
        {"back5", QT_TR_NOOP("Back 5 seconds"), -5, {QKeySequence(Qt::CTRL | Qt::Key_1)}, QStyle::SP_MediaSeekBackward},
        {"forward5", QT_TR_NOOP("Forward 5 seconds"), 5, {QKeySequence(Qt::CTRL | Qt::Key_2)},
            QStyle::SP_MediaSeekForward},
        {"back30", QT_TR_NOOP("Back 30 seconds"), -30, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_1)},
            QStyle::SP_MediaSkipBackward},
        {"forward30", QT_TR_NOOP("Forward 30 seconds"), 30, {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_2)},
            QStyle::SP_MediaSkipForward},
    };
    for (const auto& k : skips) {
        auto* a = addAction(QLatin1String(k.name), tr(k.text), k.keys);
        a->setIcon(s->standardIcon(k.icon));
        const double delta = k.delta;
        connect(a, &QAction::triggered, this, [this, delta] {
            m_engine.skip(delta);
            tick();
        });
    }
    // On the waveform, the arrow keys skip (5 s, with Shift 30 s).
    const struct
    {
        QKeySequence key;
        double delta;
    } arrows[] = {{Qt::Key_Left, -5}, {Qt::Key_Right, 5}, {QKeySequence(Qt::SHIFT | Qt::Key_Left), -30},
        {QKeySequence(Qt::SHIFT | Qt::Key_Right), 30}};
    for (const auto& k : arrows) {
        auto* a = new QAction(this);
        a->setShortcut(k.key);
        a->setShortcutContext(Qt::WidgetShortcut);
        m_waveform->addAction(a);
        const double delta = k.delta;
        connect(a, &QAction::triggered, this, [this, delta] {
            m_engine.skip(delta);
            tick();
        });
    }
    connect(addAction(QStringLiteral("slower"), tr("Slower"), {QKeySequence(Qt::CTRL | Qt::Key_3)}),
        &QAction::triggered, this, [this] { stepSpeed(-1); });
    connect(addAction(QStringLiteral("faster"), tr("Faster"), {QKeySequence(Qt::CTRL | Qt::Key_4)}),
        &QAction::triggered, this, [this] { stepSpeed(1); });
    connect(addAction(QStringLiteral("toggleSpeed"), tr("Normal speed / last slow speed"),
                {QKeySequence(Qt::CTRL | Qt::Key_5)}),
        &QAction::triggered, this, [this] {
            const double current = m_speed->currentData().toDouble();
            const double target = current == 1.0 ? m_lastSlowSpeed : 1.0;
            setSpeedIndex(m_speed->findData(target));
        });
    connect(addAction(QStringLiteral("toStart"), tr("Go to start"), {QKeySequence(Qt::CTRL | Qt::Key_0)}),
        &QAction::triggered, this, [this] {
            m_engine.seek(0);
            tick();
        });
    auto* loop = addAction(QStringLiteral("loop"), tr("Loop selection"), {QKeySequence(Qt::CTRL | Qt::Key_L)});
    loop->setCheckable(true);
    connect(loop, &QAction::toggled, this, [this](bool on) {
        if (on && m_waveform->hasSelection()) {
            m_engine.setLoop(m_waveform->selectionStart(), m_waveform->selectionEnd());
            m_engine.seek(m_waveform->selectionStart());
        } else if (!on) {
            m_engine.clearLoop();
        }
    });
    connect(addAction(QStringLiteral("selectionStart"), tr("Selection start at playhead"),
                {QKeySequence(Qt::Key_BracketLeft)}, Qt::WidgetWithChildrenShortcut),
        &QAction::triggered, this, [this] {
            const double end = m_waveform->hasSelection() ? m_waveform->selectionEnd() : m_engine.duration();
            m_waveform->setSelection(m_engine.position(), end);
            Q_EMIT m_waveform->selectionChanged(m_waveform->selectionStart(), m_waveform->selectionEnd());
        });
    connect(addAction(QStringLiteral("selectionEnd"), tr("Selection end at playhead"),
                {QKeySequence(Qt::Key_BracketRight)}, Qt::WidgetWithChildrenShortcut),
        &QAction::triggered, this, [this] {
            const double start = m_waveform->hasSelection() ? m_waveform->selectionStart() : 0;
            m_waveform->setSelection(start, m_engine.position());
            Q_EMIT m_waveform->selectionChanged(m_waveform->selectionStart(), m_waveform->selectionEnd());
        });
    const struct
    {
        const char* name;
        const char* text;
        Qt::Key key;
        int index;
    } solos[] = {{"soloAgent", QT_TR_NOOP("Listen to the agent only"), Qt::Key_1, 1},
        {"soloRespondent", QT_TR_NOOP("Listen to the respondent only"), Qt::Key_2, 2},
        {"soloBoth", QT_TR_NOOP("Listen to both speakers"), Qt::Key_0, 0}};
    for (const auto& k : solos) {
        const int index = k.index;
        connect(addAction(QLatin1String(k.name), tr(k.text), {QKeySequence(Qt::ALT | k.key)}), &QAction::triggered,
            this, [this, index] { m_listen->setCurrentIndex(index); });
    }
    connect(addAction(QStringLiteral("nextTurn"), tr("Next speaker turn"),
                {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down)}),
        &QAction::triggered, this, [this] { jumpTurn(1); });
    connect(addAction(QStringLiteral("previousTurn"), tr("Previous speaker turn"),
                {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up)}),
        &QAction::triggered, this, [this] { jumpTurn(-1); });
    connect(addAction(QStringLiteral("follow"), tr("Follow playback in the transcript"),
                {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F)}),
        &QAction::triggered, this, &PlayerWidget::followRequested);
}

void PlayerWidget::setSpeedIndex(int index)
{
    if (index >= 0) {
        m_speed->setCurrentIndex(index);
    }
}

void PlayerWidget::stepSpeed(int direction)
{
    setSpeedIndex(std::clamp(m_speed->currentIndex() + direction, 0, m_speed->count() - 1));
}

void PlayerWidget::jumpTurn(int direction)
{
    const double now = m_engine.position();
    double target = -1;
    if (direction > 0) {
        for (double t : m_turns) {
            if (t > now + 0.05) {
                target = t;
                break;
            }
        }
    } else {
        for (auto it = m_turns.crbegin(); it != m_turns.crend(); ++it) {
            if (*it < now - 0.5) {
                target = *it;
                break;
            }
        }
    }
    if (target >= 0) {
        m_engine.seek(target);
        tick();
    }
}

void PlayerWidget::load(std::shared_ptr<const CallAudio> audio)
{
    m_engine.load(audio);
    m_engine.setSpeed(m_speed->currentData().toDouble());
    m_engine.setListen(static_cast<Listen>(m_listen->currentData().toInt()));
    m_engine.setVolume(m_volume->value() / 100.0);
    m_waveform->setAudio(audio);
    m_waveform->setListen(static_cast<Listen>(m_listen->currentData().toInt()));
    showSelection();
    if (audio->complete()) {
        audioDecoded();
    } else {
        m_decodeTicker->start();
    }
    const bool separable = audio->speakersSeparable();
    m_listen->setEnabled(separable);
    m_mix->setEnabled(audio->channels == 2 && static_cast<Listen>(m_listen->currentData().toInt()) == Listen::Both);
    m_listen->setToolTip(separable ? QString() : tr("This recording has both speakers on one channel"));
    setStatus({});
    updateButtons();
    tick();
}

void PlayerWidget::audioDecoded()
{
    m_decodeTicker->stop();
    const auto audio = m_engine.audio();
    if (!audio) {
        return;
    }
    m_waveform->refreshDecoded();
    if (m_turns.isEmpty()) {
        m_turns = audio->turnStarts(); // no transcript: turns from the speakers' channels
    }
}

void PlayerWidget::unload(const QString& message)
{
    m_decodeTicker->stop();
    m_engine.unload();
    m_waveform->setAudio(nullptr);
    m_waveform->setMarkers({});
    m_waveform->setFlags({});
    showSelection();
    setStatus(message);
    updateButtons();
    m_time->setText(QStringLiteral("–:–"));
}

void PlayerWidget::setStatus(const QString& message)
{
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
}

void PlayerWidget::showSelection()
{
    if (!m_waveform->hasSelection()) {
        m_selection->hide();
        return;
    }
    const auto at = [](double s) { return QStringLiteral("%1.%2").arg(clockText(s)).arg(int(s * 10) % 10); };
    const double a = m_waveform->selectionStart();
    const double b = m_waveform->selectionEnd();
    m_selection->setText(tr("%1 – %2 (%3 s)").arg(at(a), at(b), QString::number(b - a, 'f', 1)));
    m_selection->show();
}

QString PlayerWidget::selectionText() const
{
    return m_selection->isHidden() ? QString() : m_selection->text();
}

QString PlayerWidget::timeText() const
{
    return m_time->text();
}

void PlayerWidget::tick()
{
    const double p = m_engine.position();
    m_waveform->setPosition(p);
    m_time->setText(clock(p) + QStringLiteral(" / ") + clock(m_engine.duration()));
    Q_EMIT positionChanged(p);
}

void PlayerWidget::updateButtons()
{
    const bool loaded = m_engine.state() != PlayerEngine::State::Empty;
    const bool playing = m_engine.state() == PlayerEngine::State::Playing;
    for (QAction* a : std::as_const(m_actions)) {
        a->setEnabled(loaded);
    }
    auto* play = action(QStringLiteral("playPause"));
    play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    play->setText(playing ? tr("Pause") : tr("Play"));
    playing ? m_ticker->start() : m_ticker->stop();
    tick();
}

} // namespace Earmark::Gui

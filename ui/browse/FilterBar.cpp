#include "ui/browse/FilterBar.h"

#include "browse/CallFilterChoices.h"
#include "cache/CacheWorker.h"
#include "core/Phone.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <algorithm>

namespace Earmark::Gui {

namespace {
void fill(QComboBox* box, const QString& any, const QList<QPair<QString, QString>>& items)
{
    const QString current = box->currentData().toString();
    box->blockSignals(true);
    box->clear();
    box->addItem(any, QString());
    for (const auto& [value, label] : items) {
        box->addItem(label, value);
    }
    const int i = box->findData(current);
    box->setCurrentIndex(i < 0 ? 0 : i);
    box->blockSignals(false);
}

QList<QPair<QString, QString>> same(const QStringList& values)
{
    QList<QPair<QString, QString>> out;
    for (const QString& v : values) {
        out.append({v, v});
    }
    return out;
}
} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
    , m_useDates(new QCheckBox(tr("From"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_agent(new QComboBox(this))
    , m_client(new QComboBox(this))
    , m_campaign(new QComboBox(this))
    , m_disposition(new QComboBox(this))
    , m_minMinutes(new QSpinBox(this))
    , m_maxMinutes(new QSpinBox(this))
    , m_transcript(new QComboBox(this))
    , m_notice(new QComboBox(this))
    , m_phone(new QLineEdit(this))
    , m_phoneProblem(new QLabel(this))
    , m_count(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_to->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_from->setDate(QDate::currentDate().addDays(-30));
    m_to->setDate(QDate::currentDate());
    for (QSpinBox* s : {m_minMinutes, m_maxMinutes}) {
        s->setRange(0, 1440);
        s->setSuffix(tr(" min"));
    }
    m_minMinutes->setSpecialValueText(tr("any"));
    m_maxMinutes->setSpecialValueText(tr("any"));
    m_transcript->addItem(tr("Any transcript"), QVariant());
    m_transcript->addItem(tr("With transcript"), true);
    m_transcript->addItem(tr("Without transcript"), false);
    m_transcript->setObjectName(QStringLiteral("transcriptFilter"));
    m_transcript->setToolTip(tr("Calls with or without a transcript from the provider"));
    m_notice->addItem(tr("Any recording notice"), QVariant());
    m_notice->addItem(tr("Notice flagged"), true);
    m_notice->addItem(tr("Notice not flagged"), false);
    m_notice->setObjectName(QStringLiteral("noticeFilter"));
    m_notice->setToolTip(tr("Whether the provider flagged that the recording notice was read at the start of the "
                            "call"));
    fill(m_agent, tr("All researchers"), {});
    fill(m_client, tr("All clients"), {});
    fill(m_campaign, tr("All campaigns"), {});
    fill(m_disposition, tr("All dispositions"), {});
    m_phone->setPlaceholderText(tr("Phone number, e.g. 07700 900123, or its last 6 digits"));
    m_phone->setToolTip(tr("The whole number typed any way (07700 900123, +44 7700 900123), or only its last 6 "
                           "digits (900123). Numbers are kept as keyed hashes: shorter parts are not searchable."));
    m_phone->setClearButtonEnabled(true);
    // A warning that reads on any background (BrightText is white in light themes: it could not be seen).
    m_phoneProblem->setObjectName(QStringLiteral("phoneProblem"));
    m_phoneProblem->setStyleSheet(QStringLiteral("QLabel { color: #b02020; font-weight: bold; }"));
    m_count->setObjectName(QStringLiteral("matchCount"));
    m_minMinutes->setObjectName(QStringLiteral("minDuration"));
    m_maxMinutes->setObjectName(QStringLiteral("maxDuration"));
    m_agent->setObjectName(QStringLiteral("agentFilter"));
    m_phone->setObjectName(QStringLiteral("phoneSearch"));

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(6, 6, 6, 6);
    grid->addWidget(m_phone, 0, 0, 1, 3);
    grid->addWidget(m_phoneProblem, 0, 3, 1, 3);
    grid->addWidget(m_count, 0, 6, 1, 2, Qt::AlignRight);
    grid->addWidget(m_useDates, 1, 0);
    grid->addWidget(m_from, 1, 1);
    grid->addWidget(new QLabel(tr("to"), this), 1, 2, Qt::AlignCenter);
    grid->addWidget(m_to, 1, 3);
    grid->addWidget(m_agent, 1, 4);
    grid->addWidget(m_client, 1, 5);
    grid->addWidget(m_campaign, 1, 6);
    grid->addWidget(m_disposition, 1, 7);
    grid->addWidget(new QLabel(tr("Duration"), this), 2, 0);
    grid->addWidget(m_minMinutes, 2, 1);
    grid->addWidget(new QLabel(tr("to"), this), 2, 2, Qt::AlignCenter);
    grid->addWidget(m_maxMinutes, 2, 3);
    grid->addWidget(m_transcript, 2, 4);
    grid->addWidget(m_notice, 2, 5);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &FilterBar::emitFilter);
    for (QComboBox* c : {m_agent, m_client, m_campaign, m_disposition, m_transcript, m_notice}) {
        connect(c, &QComboBox::currentIndexChanged, this, &FilterBar::schedule);
    }
    for (QSpinBox* s : {m_minMinutes, m_maxMinutes}) {
        connect(s, &QSpinBox::valueChanged, this, &FilterBar::schedule);
    }
    connect(m_from, &QDateEdit::dateChanged, this, &FilterBar::schedule);
    connect(m_to, &QDateEdit::dateChanged, this, &FilterBar::schedule);
    connect(m_useDates, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        schedule();
    });
    connect(m_phone, &QLineEdit::textChanged, this, &FilterBar::schedule);
    restore();
    m_from->setEnabled(m_useDates->isChecked());
    m_to->setEnabled(m_useDates->isChecked());
}

FilterBar::~FilterBar() = default;

void FilterBar::loadChoices(CacheWorker* worker)
{
    worker->run<CallFilterChoices>(
        this, [](CallFilterChoices& choices) { return choices.load(); },
        [this](Result<FilterChoices> loaded) {
            if (!loaded) {
                Q_EMIT problem(tr("The filter's choices cannot be read: %1").arg(loaded.errorMessage()));
                return;
            }
            const FilterChoices& c = loaded.value();
            m_restoring = true;
            fill(m_agent, tr("All researchers"), c.agents);
            fill(m_client, tr("All clients"), same(c.clients));
            fill(m_campaign, tr("All campaigns"), same(c.campaigns));
            fill(m_disposition, tr("All dispositions"), same(c.dispositions));
            restoreChoices();
            m_restoring = false;
            if (!m_lastEmitted || !(*m_lastEmitted == filter())) {
                emitFilter(); // only when the remembered choices change what is shown
            }
        });
}

CallFilter FilterBar::filter() const
{
    CallFilter f;
    if (m_useDates->isChecked()) {
        f.from = m_from->date();
        f.to = m_to->date();
    }
    f.agentId = m_agent->currentData().toString();
    f.client = m_client->currentData().toString();
    f.campaign = m_campaign->currentData().toString();
    f.disposition = m_disposition->currentData().toString();
    if (m_minMinutes->value() > 0) {
        f.minDurationS = m_minMinutes->value() * 60.0;
    }
    if (m_maxMinutes->value() > 0) {
        f.maxDurationS = m_maxMinutes->value() * 60.0;
    }
    if (m_transcript->currentData().isValid()) {
        f.hasTranscript = m_transcript->currentData().toBool();
    }
    if (m_notice->currentData().isValid()) {
        f.noticeFlag = m_notice->currentData().toBool();
    }
    const QString typed = m_phone->text().trimmed();
    if (!typed.isEmpty()) {
        if (const QString tail = lastDigits(typed); !tail.isEmpty()) {
            f.phoneTail = tail; // "900533": the digits a masked list shows the end of
        } else {
            auto e164 = Phone::normalise(typed);
            // An unfinished number matches nothing rather than everything.
            f.phoneE164 = e164 && !unfinished(typed) ? e164.value() : QStringLiteral("+0");
        }
    }
    return f;
}

QString FilterBar::lastDigits(const QString& typed)
{
    // Exactly six digits (spaces allowed), and nothing else: the end of a number, not a short number of its own.
    QString digits = typed;
    digits.remove(QLatin1Char(' '));
    static const QRegularExpression six(QStringLiteral("^[0-9]{6}$"));
    return six.match(digits).hasMatch() ? digits : QString();
}

bool FilterBar::unfinished(const QString& typed)
{
    // Fewer digits than any whole UK number (a short code or the end of one), though libphonenumber may read them.
    return std::count_if(typed.cbegin(), typed.cend(), [](QChar c) { return c.isDigit(); }) < 7;
}

void FilterBar::setCount(int count, bool counting)
{
    m_count->setText(counting ? tr("Counting…") : tr("%n call(s)", nullptr, count));
}

void FilterBar::schedule()
{
    if (!m_restoring) {
        m_debounce->start();
    }
}

void FilterBar::emitFilter()
{
    const QString typed = m_phone->text().trimmed();
    static const QRegularExpression fewDigits(QStringLiteral("^[0-9 ]{1,5}$"));
    const bool problem
        = !typed.isEmpty() && lastDigits(typed).isEmpty() && (unfinished(typed) || !Phone::normalise(typed));
    // "594", as the masked list shows a number's end: too few to search by (a thousand calls share them).
    m_phoneProblem->setText(!problem ? QString()
            : fewDigits.match(typed).hasMatch()
            ? tr("Too few digits to search by: type the number's last 6 digits, or the whole number")
            : tr("Not a phone number yet: type the whole number, or only its last 6 digits"));
    save();
    m_lastEmitted = filter();
    Q_EMIT filterChanged(*m_lastEmitted);
}

void FilterBar::restoreChoices()
{
    // Only the lists filled from the cache: other filters may have been changed since the window opened.
    QSettings s;
    s.beginGroup(QStringLiteral("filters"));
    const auto select = [&s](QComboBox* box, const char* key) {
        const int i = box->findData(s.value(QLatin1String(key)));
        if (i >= 0) {
            box->setCurrentIndex(i);
        }
    };
    select(m_agent, "agent");
    select(m_client, "client");
    select(m_campaign, "campaign");
    select(m_disposition, "disposition");
}

void FilterBar::restore()
{
    QSettings s;
    s.beginGroup(QStringLiteral("filters"));
    m_useDates->setChecked(s.value(QStringLiteral("useDates"), false).toBool());
    m_from->setDate(s.value(QStringLiteral("from"), m_from->date()).toDate());
    m_to->setDate(s.value(QStringLiteral("to"), m_to->date()).toDate());
    m_minMinutes->setValue(s.value(QStringLiteral("minMinutes"), 0).toInt());
    m_maxMinutes->setValue(s.value(QStringLiteral("maxMinutes"), 0).toInt());
    m_transcript->setCurrentIndex(s.value(QStringLiteral("transcript"), 0).toInt());
    m_notice->setCurrentIndex(s.value(QStringLiteral("notice"), 0).toInt());
    restoreChoices();
}

void FilterBar::save() const
{
    // The phone number is personal data: it is never written to the settings.
    QSettings s;
    s.beginGroup(QStringLiteral("filters"));
    s.setValue(QStringLiteral("useDates"), m_useDates->isChecked());
    s.setValue(QStringLiteral("from"), m_from->date());
    s.setValue(QStringLiteral("to"), m_to->date());
    s.setValue(QStringLiteral("minMinutes"), m_minMinutes->value());
    s.setValue(QStringLiteral("maxMinutes"), m_maxMinutes->value());
    s.setValue(QStringLiteral("agent"), m_agent->currentData());
    s.setValue(QStringLiteral("client"), m_client->currentData());
    s.setValue(QStringLiteral("campaign"), m_campaign->currentData());
    s.setValue(QStringLiteral("disposition"), m_disposition->currentData());
    s.setValue(QStringLiteral("transcript"), m_transcript->currentIndex());
    s.setValue(QStringLiteral("notice"), m_notice->currentIndex());
}

} // namespace Earmark::Gui

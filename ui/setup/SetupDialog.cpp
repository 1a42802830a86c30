#include "ui/setup/SetupDialog.h"

#include "crypto/Passphrase.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Earmark::Gui {

SetupDialog::SetupDialog(const QString& cacheDir, QWidget* parent)
    : QDialog(parent)
    , m_pages(new QStackedWidget(this))
    , m_folder(new QRadioButton(tr("The recording store folder (a local or mounted folder with v1/ inside)"), this))
    , m_demo(new QRadioButton(tr("Try Earmark on the demo store: 60 spoken calls with fictitious people"), this))
    , m_store(new QLineEdit(this))
    , m_storeProblem(new QLabel(this))
    , m_keychainMode(new QRadioButton(tr("Keep the key in the OS keychain (recommended)"), this))
    , m_passphraseMode(
          new QRadioButton(tr("Protect the cache with a passphrase (for machines without a keychain)"), this))
    , m_pass1(new QLineEdit(this))
    , m_pass2(new QLineEdit(this))
    , m_strength(new QProgressBar(this))
    , m_strengthText(new QLabel(this))
    , m_keyNote(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
    , m_back(new QPushButton(tr("Back"), this))
{
    setWindowTitle(tr("Welcome to Earmark"));
    setObjectName(QStringLiteral("setup"));

    auto* store = new QWidget(this);
    auto* sl = new QVBoxLayout(store);
    auto* intro
        = new QLabel(tr("<h3>Where are the recordings?</h3>Earmark copies the calls you review into an encrypted "
                        "cache in %1. Nothing personal is ever left unencrypted on this computer.")
                         .arg(QDir::toNativeSeparators(cacheDir).toHtmlEscaped()),
            this);
    intro->setWordWrap(true);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* row = new QHBoxLayout;
    row->addWidget(m_store, 1);
    row->addWidget(browse);
    m_store->setPlaceholderText(tr("e.g. /mnt/recordings"));
    m_storeProblem->setWordWrap(true);
    sl->addWidget(intro);
    sl->addWidget(m_folder);
    sl->addLayout(row);
    sl->addWidget(m_storeProblem);
    sl->addWidget(m_demo);
    sl->addStretch(1);
    m_folder->setChecked(true);

    auto* key = new QWidget(this);
    auto* kl = new QVBoxLayout(key);
    auto* keyIntro = new QLabel(tr("<h3>How is the cache unlocked?</h3>The cache's key is 32 random bytes. Keep it "
                                   "in the keychain of your desktop session, or behind a passphrase that you type "
                                   "when Earmark starts."),
        this);
    keyIntro->setWordWrap(true);
    m_pass1->setEchoMode(QLineEdit::Password);
    m_pass2->setEchoMode(QLineEdit::Password);
    m_pass1->setPlaceholderText(tr("Passphrase: four or more unrelated words"));
    m_pass2->setPlaceholderText(tr("The same passphrase again"));
    m_strength->setRange(0, 80);
    m_strength->setTextVisible(false);
    m_strengthText->setWordWrap(true);
    kl->addWidget(keyIntro);
    m_keyNote->setWordWrap(true);
    m_keyNote->setObjectName(QStringLiteral("keyNote"));
    m_keyNote->hide();
    kl->addWidget(m_keyNote);
    kl->addWidget(m_keychainMode);
    kl->addWidget(m_passphraseMode);
    kl->addWidget(m_pass1);
    kl->addWidget(m_pass2);
    kl->addWidget(m_strength);
    kl->addWidget(m_strengthText);
    kl->addStretch(1);
    m_keychainMode->setChecked(true);

    m_pages->addWidget(store);
    m_pages->addWidget(key);
    m_back->setObjectName(QStringLiteral("back"));
    m_buttons->addButton(m_back, QDialogButtonBox::ActionRole);
    connect(m_back, &QPushButton::clicked, this, &SetupDialog::back);
    auto* nextButton = m_buttons->addButton(tr("Next"), QDialogButtonBox::AcceptRole);
    nextButton->setObjectName(QStringLiteral("next"));
    connect(nextButton, &QPushButton::clicked, this, &SetupDialog::next);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("The recording store folder"));
        if (!dir.isEmpty()) {
            m_store->setText(dir);
        }
    });
    for (QObject* o :
        {static_cast<QObject*>(m_store), static_cast<QObject*>(m_pass1), static_cast<QObject*>(m_pass2)}) {
        connect(qobject_cast<QLineEdit*>(o), &QLineEdit::textChanged, this, &SetupDialog::validate);
    }
    for (QRadioButton* r : {m_folder, m_demo, m_keychainMode, m_passphraseMode}) {
        connect(r, &QRadioButton::toggled, this, &SetupDialog::validate);
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_buttons);
    resize(620, 380);
    validate();
}

QString SetupDialog::demoStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo-store");
}

bool SetupDialog::useDemoStore() const
{
    return m_demo->isChecked();
}

QString SetupDialog::storePath() const
{
    return useDemoStore() ? demoStorePath() : m_store->text().trimmed();
}

KeyMode SetupDialog::keyMode() const
{
    return m_passphraseMode->isChecked() ? KeyMode::Passphrase : KeyMode::Keychain;
}

QString SetupDialog::passphrase() const
{
    return m_pass1->text();
}

bool SetupDialog::canProceed() const
{
    for (QAbstractButton* b : m_buttons->buttons()) {
        if (b->objectName() == QLatin1String("next")) {
            return b->isEnabled();
        }
    }
    return false;
}

int SetupDialog::page() const
{
    return m_pages->currentIndex();
}

void SetupDialog::back()
{
    m_pages->setCurrentIndex(0);
    validate();
}

void SetupDialog::usePassphraseFile(const QString& path, const QString& passphrase)
{
    m_passphraseMode->setChecked(true);
    for (QLineEdit* e : {m_pass1, m_pass2}) {
        e->setText(passphrase);
        e->setReadOnly(true);
    }
    m_keychainMode->setEnabled(false); // the file was given for this cache: choosing the keychain would ignore it
    m_keyNote->setText(tr("The passphrase in %1 (given with --passphrase-file) will protect the cache.")
                           .arg(QDir::toNativeSeparators(path)));
    m_keyNote->show();
    validate();
}

void SetupDialog::offerPassphrase(const QString& why)
{
    m_pages->setCurrentIndex(1);
    m_passphraseMode->setChecked(true);
    m_keychainMode->setEnabled(false);
    m_keychainMode->setToolTip(why);
    m_keyNote->setText(why);
    m_keyNote->show();
    m_pass1->setFocus();
    validate();
}

void SetupDialog::next()
{
    if (!canProceed()) {
        return;
    }
    if (m_pages->currentIndex() == 0) {
        m_pages->setCurrentIndex(1);
        validate();
        return;
    }
    accept();
}

void SetupDialog::validate()
{
    bool ok = true;
    m_back->setVisible(m_pages->currentIndex() > 0);
    if (m_pages->currentIndex() == 0) {
        m_store->setEnabled(m_folder->isChecked());
        QString problem;
        if (m_folder->isChecked()) {
            const QString path = m_store->text().trimmed();
            if (path.isEmpty()) {
                ok = false;
            } else if (!QFileInfo(path).isDir()) {
                problem = tr("There is no folder %1.").arg(path);
            } else if (!QFileInfo(path + QStringLiteral("/v1")).isDir()) {
                problem = tr("%1 is not a recording store: it has no v1/ folder. Choose the store's root folder.")
                              .arg(path);
            }
        }
        m_storeProblem->setText(problem);
        ok = ok && problem.isEmpty();
    } else {
        const bool pass = m_passphraseMode->isChecked();
        for (QWidget* w : {static_cast<QWidget*>(m_pass1), static_cast<QWidget*>(m_pass2),
                 static_cast<QWidget*>(m_strength), static_cast<QWidget*>(m_strengthText)}) {
            w->setVisible(pass);
        }
        if (pass) {
            const auto s = Passphrase::assess(m_pass1->text());
            m_strength->setValue(std::min(80, qRound(s.bits)));
            if (m_pass1->text().isEmpty()) {
                m_strengthText->setText(tr("Choose a passphrase you can type every day but nobody can guess."));
            } else if (!s.acceptable) {
                m_strengthText->setText(s.reason);
            } else if (m_pass2->text() != m_pass1->text()) {
                m_strengthText->setText(tr("Strong enough. Type it again below to confirm it."));
            } else {
                m_strengthText->setText(tr("Strong enough, and both entries match."));
            }
            ok = s.acceptable && m_pass1->text() == m_pass2->text();
        }
    }
    for (QAbstractButton* b : m_buttons->buttons()) {
        if (b->objectName() == QLatin1String("next")) {
            b->setEnabled(ok);
            b->setText(m_pages->currentIndex() == 0 ? tr("Next") : tr("Create the cache"));
        }
    }
}

} // namespace Earmark::Gui

#pragma once

#include "keys/KeyInfo.h"

#include <QDialog>

class QButtonGroup;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace Earmark::Gui {

// First start: where the recordings are (a store folder, or the demo store) and how the cache's key is kept
// (the OS keychain, or a passphrase with a strength meter). The caller creates the cache and runs the first sync.
class SetupDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SetupDialog(const QString& cacheDir, QWidget* parent = nullptr);

    bool useDemoStore() const;
    QString storePath() const;
    KeyMode keyMode() const;
    QString passphrase() const;
    // Where the demo store is written when chosen.
    static QString demoStorePath();
    // The passphrase comes from a file named on the command line: passphrase mode, the fields filled (read-only),
    // and the key page says where it came from.
    void usePassphraseFile(const QString& path, const QString& passphrase);
    // Back to the key page with a passphrase chosen and the keychain set aside, saying why (no keychain answered).
    void offerPassphrase(const QString& why);

    // Test seams: the widgets a person fills in.
    QLineEdit* storeEdit() const { return m_store; }
    QRadioButton* demoChoice() const { return m_demo; }
    QRadioButton* passphraseChoice() const { return m_passphraseMode; }
    QLineEdit* passphraseEdit() const { return m_pass1; }
    QLineEdit* repeatEdit() const { return m_pass2; }
    QLabel* strengthLabel() const { return m_strengthText; }
    QLabel* keyNote() const { return m_keyNote; }
    QRadioButton* keychainChoice() const { return m_keychainMode; }
    int page() const;
    void next();
    void back();
    bool canProceed() const;

private:
    void validate();

    QStackedWidget* m_pages;
    QRadioButton* m_folder;
    QRadioButton* m_demo;
    QLineEdit* m_store;
    QLabel* m_storeProblem;
    QRadioButton* m_keychainMode;
    QRadioButton* m_passphraseMode;
    QLineEdit* m_pass1;
    QLineEdit* m_pass2;
    QProgressBar* m_strength;
    QLabel* m_strengthText;
    QLabel* m_keyNote;
    QDialogButtonBox* m_buttons;
    QPushButton* m_back;
};

} // namespace Earmark::Gui

#pragma once

#include "keys/KeyInfo.h"

#include <QDialog>

class QButtonGroup;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
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

    // Test seams: the widgets a person fills in.
    QLineEdit* storeEdit() const { return m_store; }
    QRadioButton* demoChoice() const { return m_demo; }
    QRadioButton* passphraseChoice() const { return m_passphraseMode; }
    QLineEdit* passphraseEdit() const { return m_pass1; }
    QLineEdit* repeatEdit() const { return m_pass2; }
    QLabel* strengthLabel() const { return m_strengthText; }
    void next();
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
    QDialogButtonBox* m_buttons;
};

} // namespace Earmark::Gui

#pragma once

#include "ui/setup/SetupDialog.h"

#include <QObject>
#include <QPointer>

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

class FirstRunFlow;
class MainWindow;

// The first start of the window, from the set-up dialog to the first sync: a --passphrase-file given on the command
// line is the new cache's passphrase (the dialog says so); a keychain that does not answer brings the dialog back on
// its key page with a passphrase offered, instead of ending the program (no half-made cache is left: the unlocker
// takes away the folder it made); ready once the cache is open and its first sync has begun.
class FirstStart : public QObject
{
    Q_OBJECT

public:
    FirstStart(QString cacheDir, QString passphraseFile, CacheWorker* worker, MainWindow* window);

    // Shows the set-up dialog (from the event loop).
    void begin();
    SetupDialog* dialog() const { return m_dialog; }

Q_SIGNALS:
    void ready(const QString& storePath);
    void failed(const QString& message);
    void cancelled();

private:
    QString m_cacheDir;
    QString m_passphraseFile;
    CacheWorker* m_worker;
    MainWindow* m_window;
    QPointer<SetupDialog> m_dialog;
    FirstRunFlow* m_flow;
};

} // namespace Earmark::Gui

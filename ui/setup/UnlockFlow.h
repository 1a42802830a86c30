#pragma once

#include <QObject>
#include <QPointer>

class QWidget;

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Opens an existing cache: the keychain silently, a passphrase from --passphrase-file or asked in a dialog
// (three tries). A locked or unavailable keychain or a wrong passphrase is explained; never a new empty cache.
class UnlockFlow : public QObject
{
    Q_OBJECT

public:
    UnlockFlow(QString cacheDir, QString passphraseFile, CacheWorker* worker, QWidget* window);
    void start();

Q_SIGNALS:
    void unlocked();
    void failed(const QString& message);

private:
    // Takes the passphrase (moved into the unlock job, which wipes it).
    void attempt(bool passphraseMode, QString passphrase);
    bool askPassphrase(QString& out);

    QString m_cacheDir;
    QString m_passphraseFile;
    CacheWorker* m_worker;
    QPointer<QWidget> m_window;
    int m_tries = 0;
};

} // namespace Earmark::Gui

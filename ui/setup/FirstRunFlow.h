#pragma once

#include "keys/KeyInfo.h"

#include <QObject>

namespace Earmark {
class CacheWorker;
}

namespace Earmark::Gui {

// Creates a new cache after the set-up dialog: writes the demo store when chosen (on a pool thread), makes the
// key (keychain job or Argon2id on a worker), opens the new cache and remembers the store. Emits ready(store),
// keychainUnavailable(message) or failed(message), once per start.
class FirstRunFlow : public QObject
{
    Q_OBJECT

public:
    FirstRunFlow(QString cacheDir, CacheWorker* worker, QObject* parent = nullptr);
    void start(const QString& storePath, bool writeDemo, KeyMode mode, const QString& passphrase);

Q_SIGNALS:
    void progress(const QString& message);
    void ready(const QString& storePath);
    void failed(const QString& message);
    // The OS keychain did not answer: nothing was made, and a passphrase would do.
    void keychainUnavailable(const QString& message);

private:
    void createKey();

    QString m_cacheDir;
    CacheWorker* m_worker;
    QString m_store;
    KeyMode m_mode = KeyMode::Keychain;
    QString m_passphrase;
};

} // namespace Earmark::Gui

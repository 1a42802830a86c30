#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <functional>

namespace Earmark {

// Keeps a copy of a keychain-mode cache's newest audit checkpoint in the OS keychain, beside its master key, so that
// an older copy of the whole cache folder (database and anchor file together) is refused on open: the copy names a
// later entry than the restored log has. store() takes the anchor's bytes after each checkpoint (Cache's
// anchorWritten, on the owner's thread); writes are asynchronous, one at a time, and only the newest waiting anchor is
// written. The copy may lag the log (a process killed before its write), never lead it. Passphrase caches are left
// alone: their keyinfo.json says so.
class AuditAnchorKeychain : public QObject
{
    Q_OBJECT

public:
    explicit AuditAnchorKeychain(QString cacheDir, QObject* parent = nullptr);

    void store(const QByteArray& anchor);
    // Runs then once nothing is waiting or being written (at once when idle): the CLI exits from it.
    void whenIdle(std::function<void()> then);
    bool isIdle() const { return !m_busy; }
    QString lastError() const { return m_lastError; }

    static QString keychainEntry(const QString& cacheId) { return QStringLiteral("cache-audit-anchor-") + cacheId; }

Q_SIGNALS:
    // A write failed: the keychain's copy lags the log until the next one succeeds.
    void failed(const QString& message);

private:
    void writeNext();
    void settle();

    QString m_cacheDir;
    QByteArray m_waiting;
    QByteArray m_written;
    QString m_lastError;
    bool m_busy = false;
    std::function<void()> m_idle;
};

} // namespace Earmark

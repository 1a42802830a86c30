#pragma once

#include "core/Result.h"
#include "crypto/SecretKey.h"

#include <QHash>
#include <QString>
#include <memory>

struct sqlite3;

namespace Earmark {

class Statement;

// A statement from the connection's cache, reset (and its bindings cleared) when the lease ends, so that it never
// holds a read transaction open.
class StatementLease
{
public:
    explicit StatementLease(Statement* statement)
        : m_statement(statement)
    { }
    StatementLease(StatementLease&& other) noexcept
        : m_statement(std::exchange(other.m_statement, nullptr))
    { }
    StatementLease(const StatementLease&) = delete;
    StatementLease& operator=(const StatementLease&) = delete;
    StatementLease& operator=(StatementLease&&) = delete;
    ~StatementLease();

    Statement* operator->() const { return m_statement; }
    Statement& operator*() const { return *m_statement; }

private:
    Statement* m_statement;
};

// One SQLCipher connection opened with a raw 256-bit key. Refuses plain SQLite (empty cipher_version).
// Owned and used by one thread only: the thread that opened it (checked in debug builds).
class Database
{
public:
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens (creating when create is true) the database at path. A wrong key is reported as such.
    static Result<std::unique_ptr<Database>> open(const QString& path, const SecretKey& key, bool create);

    Status exec(const QString& sql);
    Result<Statement> prepare(const QString& sql);
    // A prepared statement kept for the connection's lifetime (for statements run once per call in a sync).
    Result<StatementLease> cached(const QString& sql);
    qint64 lastInsertId() const;
    int changes() const;
    QString cipherVersion() const { return m_cipherVersion; }
    QString path() const { return m_path; }

    // Re-encrypts every page under a new raw key (PRAGMA rekey), then truncates the WAL so that no page under the
    // old key is left in it.
    Status rekey(const SecretKey& key);
    // Removes deleted rows from the WAL and the free pages (secure_delete is on): used after destruction.
    Status checkpointTruncate();
    // PRAGMA quick_check over every page (which also authenticates every page's HMAC).
    Status integrityCheck();

    QString lastError() const;
    sqlite3* handle() const { return m_db; }

private:
    Database() = default;
    Result<QString> queryText(const QString& sql);

    sqlite3* m_db = nullptr;
    QHash<QString, std::shared_ptr<Statement>> m_statements;
    QString m_path;
    QString m_cipherVersion;
};

// RAII transaction: rolls back unless commit() succeeded. Begun inside another transaction it is a savepoint: its
// commit keeps its changes for the outer transaction, which commits them or rolls them back with its own.
class Transaction
{
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin();
    Status commit();

private:
    Database& m_db;
    bool m_open = false;
    bool m_nested = false;
};

} // namespace Earmark

#include "cache/Database.h"

#include "cache/Statement.h"
#include "core/Files.h"
#include "core/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <sqlcipher/sqlite3.h>

namespace Earmark {

namespace {
// SQLCipher's raw-key form "x'<64 hex digits>'", written in place into one buffer that the caller wipes, so that no
// other copy of the key (a temporary hex string) is left in freed memory.
QByteArray rawKeyLiteral(const SecretKey& key)
{
    static const char digits[] = "0123456789abcdef";
    QByteArray out(3 + 2 * static_cast<qsizetype>(SecretKey::Size), '\0');
    char* p = out.data();
    *p++ = 'x';
    *p++ = '\'';
    for (std::size_t i = 0; i < SecretKey::Size; ++i) {
        *p++ = digits[key.data()[i] >> 4];
        *p++ = digits[key.data()[i] & 0x0f];
    }
    *p = '\'';
    return out;
}
} // namespace

StatementLease::~StatementLease()
{
    if (m_statement) {
        m_statement->reset();
    }
}

Database::~Database()
{
    m_statements.clear(); // finalize before closing
    if (m_db) {
        sqlite3_close_v2(m_db);
    }
}

Result<std::unique_ptr<Database>> Database::open(const QString& path, const SecretKey& key, bool create)
{
    const QString native = QDir::toNativeSeparators(path);
    if (!create && !QFileInfo::exists(path)) {
        return makeError(QStringLiteral("There is no cache database at %1.").arg(native));
    }
    std::unique_ptr<Database> db(new Database);
    db->m_path = path;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db->m_db, flags, nullptr) != SQLITE_OK) {
        return makeError(QStringLiteral("Cannot open the cache database %1: %2.").arg(native, db->lastError()));
    }
    sqlite3_extended_result_codes(db->m_db, 1);

    // A binary linked against plain SQLite accepts PRAGMA key silently and writes clear text: refuse it.
    auto version = db->queryText(QStringLiteral("PRAGMA cipher_version"));
    if (!version || version.value().isEmpty()) {
        return makeError(QStringLiteral("This build of Earmark uses plain SQLite instead of SQLCipher, so it cannot "
                                        "encrypt the cache: rebuild it linked against libsqlcipher only."));
    }
    db->m_cipherVersion = version.value();

    QByteArray literal = rawKeyLiteral(key);
    const int rc = sqlite3_key(db->m_db, literal.constData(), static_cast<int>(literal.size()));
    Files::wipe(literal);
    if (rc != SQLITE_OK) {
        return makeError(QStringLiteral("Cannot key the cache database %1: %2.").arg(native, db->lastError()));
    }
    // The first read proves the key: SQLCipher cannot tell a wrong key from a file that is not a database.
    if (auto st = db->exec(QStringLiteral("SELECT count(*) FROM sqlite_master")); !st) {
        return makeError(QStringLiteral("The cache database %1 cannot be decrypted with this key: the key belongs to "
                                        "another cache, or the file is damaged.")
                             .arg(native));
    }
    for (const char* setup : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON",
             "PRAGMA secure_delete = ON", "PRAGMA temp_store = MEMORY", "PRAGMA busy_timeout = 5000",
             "PRAGMA cache_size = -32768"}) {
        if (auto st = db->exec(QString::fromLatin1(setup)); !st) {
            return st.error();
        }
    }
    return db;
}

Status Database::exec(const QString& sql)
{
    char* err = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const QString message = err ? QString::fromUtf8(err) : lastError();
        sqlite3_free(err);
        if ((rc & 0xff) == SQLITE_FULL) {
            return makeError(QStringLiteral("The disk is full: free some space and try again."));
        }
        return makeError(QStringLiteral("Cache database error: %1.").arg(message));
    }
    return {};
}

Result<Statement> Database::prepare(const QString& sql)
{
    sqlite3_stmt* stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), static_cast<int>(utf8.size()), &stmt, nullptr) != SQLITE_OK) {
        qCWarning(lcCache) << "prepare failed:" << lastError() << sql.left(80);
        return makeError(QStringLiteral("Cache database error: %1.").arg(lastError()));
    }
    return Statement(stmt, sql);
}

Result<StatementLease> Database::cached(const QString& sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto stmt = prepare(sql);
        if (!stmt) {
            return stmt.error();
        }
        it = m_statements.insert(sql, std::make_shared<Statement>(std::move(stmt.value())));
    }
    it.value()->reset();
    return StatementLease(it.value().get());
}

Result<QString> Database::queryText(const QString& sql)
{
    auto stmt = prepare(sql);
    if (!stmt) {
        return stmt.error();
    }
    auto row = stmt->step();
    if (!row) {
        return row.error();
    }
    return row.value() ? stmt->text(0) : QString();
}

qint64 Database::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Status Database::rekey(const SecretKey& key)
{
    // SQLCipher re-encrypts page by page inside one write transaction; a WAL holding pages under the old key is
    // emptied first so that only the new key's pages remain.
    if (auto st = checkpointTruncate(); !st) {
        return st;
    }
    QByteArray literal = rawKeyLiteral(key);
    const int rc = sqlite3_rekey(m_db, literal.constData(), static_cast<int>(literal.size()));
    Files::wipe(literal);
    if (rc != SQLITE_OK) {
        return makeError(QStringLiteral("Cannot re-key the cache database: %1.").arg(lastError()));
    }
    return checkpointTruncate();
}

Status Database::checkpointTruncate()
{
    int logFrames = 0;
    int checkpointed = 0;
    const int rc = sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &checkpointed);
    if (rc != SQLITE_OK) {
        return makeError(QStringLiteral("Cannot checkpoint the cache database: %1.").arg(lastError()));
    }
    return {};
}

Status Database::integrityCheck()
{
    auto result = queryText(QStringLiteral("PRAGMA quick_check"));
    if (!result) {
        return result.error();
    }
    if (result.value() != QLatin1String("ok")) {
        return makeError(QStringLiteral("The cache database failed its integrity check (%1).").arg(result.value()));
    }
    return {};
}

QString Database::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
}

Transaction::Transaction(Database& db)
    : m_db(db)
{ }

Transaction::~Transaction()
{
    if (m_open) {
        (void)m_db.exec(
            m_nested ? QStringLiteral("ROLLBACK TO earmark_tx; RELEASE earmark_tx") : QStringLiteral("ROLLBACK"));
    }
}

Status Transaction::begin()
{
    // Inside another transaction (a case placing its hold): a savepoint, so that the outer one commits both or neither.
    m_nested = !sqlite3_get_autocommit(m_db.handle());
    auto st = m_db.exec(m_nested ? QStringLiteral("SAVEPOINT earmark_tx") : QStringLiteral("BEGIN IMMEDIATE"));
    m_open = st.ok();
    return st;
}

Status Transaction::commit()
{
    auto st = m_db.exec(m_nested ? QStringLiteral("RELEASE earmark_tx") : QStringLiteral("COMMIT"));
    if (st) {
        m_open = false;
    }
    return st;
}

} // namespace Earmark

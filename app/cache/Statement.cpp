#include "cache/Statement.h"

#include "core/Logging.h"

#include <sqlcipher/sqlite3.h>
#include <utility>

namespace Earmark {

Statement::Statement(sqlite3_stmt* stmt, QString sql)
    : m_stmt(stmt)
    , m_sql(std::move(sql))
{ }

Statement::~Statement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
    }
}

Statement::Statement(Statement&& other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_sql(std::move(other.m_sql))
{ }

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        if (m_stmt) {
            sqlite3_finalize(m_stmt);
        }
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_sql = std::move(other.m_sql);
    }
    return *this;
}

Statement& Statement::bind(int pos, qint64 value)
{
    sqlite3_bind_int64(m_stmt, pos, value);
    return *this;
}

Statement& Statement::bind(int pos, double value)
{
    sqlite3_bind_double(m_stmt, pos, value);
    return *this;
}

Statement& Statement::bind(int pos, const QString& value)
{
    if (value.isNull()) {
        return bindNull(pos);
    }
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, pos, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind(int pos, const QByteArray& value)
{
    if (value.isNull()) {
        return bindNull(pos);
    }
    sqlite3_bind_blob(m_stmt, pos, value.constData(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int pos)
{
    sqlite3_bind_null(m_stmt, pos);
    return *this;
}

Statement& Statement::bindVariant(int pos, const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        return bindNull(pos);
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        return bind(pos, value.toLongLong());
    case QMetaType::Double:
        return bind(pos, value.toDouble());
    case QMetaType::QByteArray:
        return bind(pos, value.toByteArray());
    default:
        return bind(pos, value.toString());
    }
}

Result<bool> Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    sqlite3* db = sqlite3_db_handle(m_stmt);
    const QString message = QString::fromUtf8(sqlite3_errmsg(db));
    qCWarning(lcCache) << "statement failed:" << message << "in" << m_sql.left(80);
    if (rc == SQLITE_FULL) {
        return makeError(QStringLiteral("The disk is full: free some space and try again."));
    }
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
        return makeError(QStringLiteral("The cache database is damaged (%1): run earmark-cli verify.").arg(message));
    }
    return makeError(QStringLiteral("Cache database error: %1.").arg(message));
}

Status Statement::run()
{
    return forEachRow([] {});
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

qint64 Statement::int64(int col) const
{
    return sqlite3_column_int64(m_stmt, col);
}

double Statement::real(int col) const
{
    return sqlite3_column_double(m_stmt, col);
}

QByteArrayView Statement::textView(int col) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? QByteArrayView(p, sqlite3_column_bytes(m_stmt, col)) : QByteArrayView();
}

QString Statement::text(int col) const
{
    if (isNull(col)) {
        return {};
    }
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col));
}

QByteArray Statement::blob(int col) const
{
    if (isNull(col)) {
        return {};
    }
    const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
    const int n = sqlite3_column_bytes(m_stmt, col);
    return n == 0 ? QByteArray("") : QByteArray(p, n);
}

} // namespace Earmark

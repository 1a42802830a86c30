#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVariant>
#include <optional>
#include <type_traits>

struct sqlite3_stmt;

namespace Earmark {

// A prepared statement. Bind positions start at 1, columns at 0.
class Statement
{
public:
    Statement(sqlite3_stmt* stmt, QString sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int pos, qint64 value);
    Statement& bind(int pos, int value) { return bind(pos, qint64(value)); }
    Statement& bind(int pos, double value);
    Statement& bind(int pos, const QString& value); // null QString binds NULL
    Statement& bind(int pos, const QByteArray& value); // null QByteArray binds NULL
    Statement& bindNull(int pos);
    Statement& bindVariant(int pos, const QVariant& value);

    // Steps once: true while a row is available, false when done.
    Result<bool> step();
    // Steps to completion (for statements without rows).
    Status run();
    // Steps through every row, calling row() on each (it reads the columns); the first error ends it. row() may
    // return a Status: a failed one stops the loop and is returned.
    template<typename F>
    Status forEachRow(F&& row)
    {
        for (;;) {
            auto r = step();
            if (!r) {
                return r.error();
            }
            if (!r.value()) {
                return {};
            }
            if constexpr (std::is_same_v<std::invoke_result_t<F>, Status>) {
                if (Status st = row(); !st) {
                    return st;
                }
            } else {
                row();
            }
        }
    }
    // The first row, read by read() (which returns the row's value); none when there is no row.
    template<typename F>
    Result<std::optional<std::invoke_result_t<F>>> firstRow(F&& read)
    {
        using T = std::invoke_result_t<F>;
        auto r = step();
        if (!r) {
            return r.error();
        }
        if (!r.value()) {
            return std::optional<T>();
        }
        return std::optional<T>(read());
    }
    // The row a lookup by id must find, read by read(); the error missing when there is none.
    template<typename F>
    Result<std::invoke_result_t<F>> requiredRow(F&& read, const QString& missing)
    {
        auto r = step();
        if (!r) {
            return r.error();
        }
        if (!r.value()) {
            return makeError(missing);
        }
        return read();
    }
    void reset();

    bool isNull(int col) const;
    qint64 int64(int col) const;
    double real(int col) const;
    QString text(int col) const;
    // The UTF-8 bytes of a text column without a copy: valid until the next step or reset (for hot loops).
    QByteArrayView textView(int col) const;
    QByteArray blob(int col) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    QString m_sql;
};

} // namespace Earmark

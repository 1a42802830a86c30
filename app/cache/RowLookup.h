#pragma once

#include "cache/Database.h"
#include "cache/Statement.h"

#include <QVariantList>
#include <type_traits>
#include <utility>

namespace Earmark {

// The one row a lookup by its key must find (an evaluation by id, a sampling plan, a sample, a stored scorecard
// version): prepares sql, binds keys in order, reads the row with read(statement). missing is the error when there is
// no such row; a failed read is its own error.
template<typename Read>
Result<std::invoke_result_t<Read, const Statement&>> lookupRow(
    Database& db, const QString& sql, const QVariantList& keys, Read&& read, const QString& missing)
{
    auto s = db.prepare(sql);
    if (!s) {
        return s.error();
    }
    for (int i = 0; i < keys.size(); ++i) {
        s->bindVariant(i + 1, keys[i]);
    }
    Statement& row = *s;
    return row.requiredRow([&] { return read(std::as_const(row)); }, missing);
}

} // namespace Earmark

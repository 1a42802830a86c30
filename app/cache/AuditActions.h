#pragma once

#include <QString>

namespace Earmark {

// What an audit entry's action ("hold.place", "phones.reveal") means, in words for the audit log's window ("Hold
// placed", "Numbers revealed"); an action it does not know is given as it is. The log and its exports keep the
// action itself.
QString auditActionText(const QString& action);

// An entry's detail in words for the window: a sync's JSON as "29 imported, 0 updated, 0 unchanged, 0 erased,
// 0 rejected; from <store>", a retention run's as "3 destroyed, 1 kept by holds; retention 730 days, as of …", any
// other JSON object as its fields in words ("kept days: 730"); plain text as it is. The log keeps the detail itself.
QString auditDetailText(const QString& action, const QString& detail);

} // namespace Earmark

#pragma once

#include <QString>

namespace Earmark {

// What an audit entry's action ("hold.place", "phones.reveal") means, in words for the audit log's window ("Hold
// placed", "Numbers revealed"); an action it does not know is given as it is. The log and its exports keep the
// action itself.
QString auditActionText(const QString& action);

} // namespace Earmark

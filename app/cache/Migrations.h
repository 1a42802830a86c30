#pragma once

#include "core/Result.h"

#include <QStringList>

namespace Earmark {

class Database;

// Schema migrations: numbered SQL files in resources/migrations (NNNN_name.sql), each applied in its own
// transaction together with PRAGMA user_version. A database newer than this build is refused.
namespace Migrations {

// The migration files, in order (resource paths).
QStringList files();
int latestVersion();
int currentVersion(Database& db);

// Migrates to targetVersion (latest when -1). Each step commits alone, so a crash leaves a consistent version.
Status migrate(Database& db, int targetVersion = -1);

} // namespace Migrations
} // namespace Earmark

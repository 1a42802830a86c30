#pragma once

#include <QLoggingCategory>

// One logging category per module, named earmark.<module> (QT_LOGGING_RULES="earmark.sync.debug=true" shows one
// module's debug output). Warnings and above are on by default. Nothing personal is ever logged: call ids, counts
// and error messages only.
Q_DECLARE_LOGGING_CATEGORY(lcCore)
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcStore)
Q_DECLARE_LOGGING_CATEGORY(lcAudio)
Q_DECLARE_LOGGING_CATEGORY(lcCache)
Q_DECLARE_LOGGING_CATEGORY(lcKeys)
Q_DECLARE_LOGGING_CATEGORY(lcRetention)
Q_DECLARE_LOGGING_CATEGORY(lcArchive)
Q_DECLARE_LOGGING_CATEGORY(lcCases)
Q_DECLARE_LOGGING_CATEGORY(lcRequests)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcBrowse)
Q_DECLARE_LOGGING_CATEGORY(lcTranscript)
Q_DECLARE_LOGGING_CATEGORY(lcAnonymise)
Q_DECLARE_LOGGING_CATEGORY(lcRedaction)
Q_DECLARE_LOGGING_CATEGORY(lcPlayer)
Q_DECLARE_LOGGING_CATEGORY(lcScorecard)
Q_DECLARE_LOGGING_CATEGORY(lcQuality)
Q_DECLARE_LOGGING_CATEGORY(lcTraining)
Q_DECLARE_LOGGING_CATEGORY(lcDemo)
Q_DECLARE_LOGGING_CATEGORY(lcCli)
Q_DECLARE_LOGGING_CATEGORY(lcGui)

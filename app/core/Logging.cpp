#include "core/Logging.h"

Q_LOGGING_CATEGORY(lcCore, "earmark.core", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCrypto, "earmark.crypto", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCache, "earmark.cache", QtWarningMsg)
Q_LOGGING_CATEGORY(lcKeys, "earmark.keys", QtWarningMsg)
Q_LOGGING_CATEGORY(lcStore, "earmark.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSync, "earmark.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAudio, "earmark.audio", QtWarningMsg)
Q_LOGGING_CATEGORY(lcDemo, "earmark.demo", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCli, "earmark.cli", QtWarningMsg)

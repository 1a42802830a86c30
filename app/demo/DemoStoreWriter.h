#pragma once

#include "core/Result.h"

#include <QMap>
#include <QString>
#include <functional>

namespace Earmark::Demo {

struct DemoOptions
{
    QString outDir;
    int calls = 60;
    quint64 seed = 1;
    int days = 14;
};

struct DemoSummary
{
    int calls = 0;
    int withTranscript = 0;
    int stereo = 0;
    qint64 bytes = 0;
    QMap<QString, int> codecs;
    QString text() const;
};

// Writes a realistic synthetic recording store (shared/spec/recording-store.md): spoken audio (espeak-ng, one
// voice per speaker, one speaker per channel in stereo calls), a mix of codecs, word-timed transcripts for most
// calls, sidecars written last. The same options give the same bytes in every fresh process (earmark-cli
// demo-store): espeak-ng keeps internal state between utterances, so a second store written by the same process
// may differ slightly in its audio.
Result<DemoSummary> writeDemoStore(
    const DemoOptions& options, const std::function<void(int done, int total)>& progress = {});

} // namespace Earmark::Demo

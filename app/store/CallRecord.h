#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace Earmark {

enum class AudioState
{
    NotFetched = 0,
    Cached = 1,
    Unavailable = 2,
};

// Personal fields of a call: stored only sealed with the call's data key.
struct CallPersonal
{
    QString phoneE164; // "" when withheld
    QString respondentName;
    QJsonObject sourceRaw;
};

// What a list of calls shows of each: nothing personal, nothing sealed.
struct CallSummary
{
    qint64 id = 0; // the cache's row id (0 before the call is saved)
    QString callId;
    qint64 startUtc = 0; // seconds since the epoch
    double durationS = 0;
    QString agentId;
    QString agentName;
    QString client;
    QString campaign;
    QString disposition;
    bool hasTranscript = false;
};

// A call as imported from its sidecar.
struct CallRecord : CallSummary
{
    QString storeKey; // v1/YYYY/MM/DD/<call_id>.json
    QString direction;
    std::optional<bool> consentRecorded;
    std::optional<double> consentAtS;
    QStringList tags;
    CallPersonal personal;

    QByteArray sidecarSha256;
    qint64 sidecarSize = 0;
    qint64 sidecarMtimeNs = 0;

    QString audioFile;
    QString audioSha256;
    qint64 audioSize = 0;
    QString audioCodec;
    QString channelLayout; // JSON text: "mixed" or ["respondent","agent"]

    AudioState audioState = AudioState::NotFetched;
    QString audioError;
    int audioRate = 0;
    int audioChannels = 0;
    qint64 audioFrames = 0;
};

// Technical facts of verified audio, recorded when it is fetched.
struct AudioFacts
{
    int sampleRate = 0;
    int channels = 0;
    qint64 frames = 0;
};

// A transcript ready to be stored: the store's bytes (sealed in the cache) and counts.
struct TranscriptData
{
    QByteArray json;
    QString sha256;
    int segments = 0;
    int words = 0;
};

} // namespace Earmark

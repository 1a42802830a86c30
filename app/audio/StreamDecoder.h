#pragma once

#include "core/ByteSource.h"
#include "core/Result.h"

#include <memory>

namespace Earmark {

// How far a call's decoded length may stray from the length its sidecar states: 5 % or 2 s, whichever is more.
// A file that would decode to more is refused before more than that is decoded (an hour of silence behind a sidecar
// that says 22.7 s costs 24.7 s of decoding, not the hour), and one that ends short of it (cut off in the upload, yet
// matching its checksum) is refused at its end.
struct DurationBound
{
    double statedSeconds = 0; // 0: nothing stated; only the store's limit of a day applies

    static constexpr double MinSlackSeconds = 2.0;
    static constexpr double SlackFraction = 0.05;
    static constexpr double LongestCallSeconds = 86400;

    qint64 maxFrames(int sampleRate) const;
    qint64 minFrames(int sampleRate) const;
};

// Decodes audio a block at a time from a ByteSource with libsndfile (WAV PCM/mu-law/A-law/GSM 6.10, FLAC, MP3, Ogg
// Opus/Vorbis, identified by content), so that playback can start from the first decoded seconds and no more is ever
// decoded than the bound allows. Used by one thread at a time.
class StreamDecoder
{
public:
    // Opens the audio and checks what its header says against the bound.
    static Result<std::unique_ptr<StreamDecoder>> open(std::shared_ptr<ByteSource> source, DurationBound bound = {});
    ~StreamDecoder();
    StreamDecoder(const StreamDecoder&) = delete;
    StreamDecoder& operator=(const StreamDecoder&) = delete;

    int sampleRate() const { return m_rate; }
    int channels() const { return m_channels; }
    // The length to expect: the header's when it gives one, else the stated length; never beyond the bound.
    qint64 expectedFrames() const { return m_expected; }
    qint64 decodedFrames() const { return m_decoded; }

    // Decodes up to frames frames (interleaved 16-bit) into out; 0 once the audio has ended within its bound. An error
    // when the audio stops decoding, runs past its bound, or ends well short of its stated length.
    Result<qint64> read(qint16* out, qint64 frames);
    // Moves to a frame (within the audio read so far), exact to the frame: libsndfile's seek where the codec has one,
    // else (GSM 6.10 in WAV) the file opened again and decoded up to the frame. The bound's checks still apply to what
    // is read after it.
    Status seek(qint64 frame);

private:
    struct Io;
    StreamDecoder() = default;
    Status openFile();

    std::unique_ptr<Io> m_io;
    DurationBound m_bound;
    int m_rate = 0;
    int m_channels = 0;
    qint64 m_expected = 0;
    qint64 m_max = 0;
    qint64 m_decoded = 0; // the position: frames decoded from the start
    bool m_ended = false;
    bool m_seekable = true;
};

} // namespace Earmark

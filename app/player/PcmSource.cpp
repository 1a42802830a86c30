#include "player/PcmSource.h"

#include <SoundTouch.h>
#include <algorithm>
#include <cmath>

namespace Earmark {

namespace {
constexpr qint64 FeedFrames = 512;
}

PcmSource::PcmSource(std::shared_ptr<const CallAudio> audio, QObject* parent)
    : QIODevice(parent)
    , m_audio(std::move(audio))
    , m_stretch(std::make_unique<soundtouch::SoundTouch>())
    , m_in(size_t(FeedFrames * m_audio->channels))
{
    m_stretch->setSampleRate(static_cast<uint>(m_audio->sampleRate));
    m_stretch->setChannels(OutputChannels);
    // Speech settings (shared/notes/audio-engine.md): short sequences keep syllables crisp.
    m_stretch->setSetting(SETTING_SEQUENCE_MS, 40);
    m_stretch->setSetting(SETTING_SEEKWINDOW_MS, 15);
    m_stretch->setSetting(SETTING_OVERLAP_MS, 8);
    m_segments.append({0, 0, 1.0});
}

PcmSource::~PcmSource() = default;

void PcmSource::startSegment(qint64 outFrame, double speed)
{
    m_segments.append({outFrame, m_cursor, speed});
}

qint64 PcmSource::fetch(qint16* out, qint64 done, qint64 frames, qint64 want)
{
    const qint64 got = m_audio->copyFrames(m_cursor, want, m_in.data());
    if (got > 0) {
        if (m_waiting) {
            m_waiting = false;
            startSegment(m_produced + done, m_speed);
        }
        return got;
    }
    // Not decoded yet (a seek ahead of a streaming decode, or back to a part of a long call no longer held): silence,
    // with the clock held at the cursor until the decoder gets there.
    if (!m_waiting) {
        m_waiting = true;
        startSegment(m_produced + done, 0.0);
    }
    std::fill(out + 2 * done, out + 2 * frames, qint16(0));
    return 0;
}

void PcmSource::restartAt(qint64 sourceFrame)
{
    QMutexLocker lock(&m_mutex);
    m_cursor = std::clamp<qint64>(sourceFrame, 0, m_audio->frames);
    m_produced = 0;
    m_segments.clear();
    m_stretch->clear();
    m_drained = false;
    m_waiting = false;
    startSegment(m_produced, m_speed);
}

void PcmSource::setSpeed(double speed)
{
    QMutexLocker lock(&m_mutex);
    speed = std::clamp(speed, 0.25, 4.0);
    if (std::abs(speed - m_speed) < 1e-9) {
        return;
    }
    // Continue from the frame that would be heard next, so nothing is skipped or repeated.
    lock.unlock();
    const qint64 next = sourceFrameAt(m_produced);
    lock.relock();
    m_cursor = next;
    m_speed = speed;
    m_stretch->clear();
    m_stretch->setTempo(speed);
    m_drained = false;
    m_waiting = false;
    startSegment(m_produced, m_speed);
}

double PcmSource::speed() const
{
    QMutexLocker lock(&m_mutex);
    return m_speed;
}

void PcmSource::setListen(Listen listen)
{
    QMutexLocker lock(&m_mutex);
    m_listen = listen;
}

void PcmSource::setMix(StereoMix mix)
{
    QMutexLocker lock(&m_mutex);
    m_mix = mix;
}

void PcmSource::setLoop(qint64 startFrame, qint64 endFrame)
{
    QMutexLocker lock(&m_mutex);
    startFrame = std::clamp<qint64>(startFrame, 0, m_audio->frames);
    endFrame = std::clamp<qint64>(endFrame, 0, m_audio->frames);
    if (endFrame - startFrame < m_audio->sampleRate / 20) {
        m_loopStart = m_loopEnd = -1;
        return;
    }
    m_loopStart = startFrame;
    m_loopEnd = endFrame;
}

void PcmSource::clearLoop()
{
    QMutexLocker lock(&m_mutex);
    m_loopStart = m_loopEnd = -1;
}

qint64 PcmSource::sourceFrameAt(qint64 outputFrames) const
{
    QMutexLocker lock(&m_mutex);
    const Segment* seg = &m_segments.constFirst();
    for (const Segment& s : m_segments) {
        if (s.outStart <= outputFrames) {
            seg = &s;
        } else {
            break;
        }
    }
    const qint64 frame = seg->srcStart + qint64(std::llround((outputFrames - seg->outStart) * seg->speed));
    return std::clamp<qint64>(frame, 0, m_audio->frames);
}

qint64 PcmSource::cursor() const
{
    QMutexLocker lock(&m_mutex);
    return m_cursor;
}

bool PcmSource::finished() const
{
    QMutexLocker lock(&m_mutex);
    const bool sourceDone = m_cursor >= m_audio->frames && m_loopStart < 0;
    return sourceDone && (m_speed == 1.0 || (m_drained && m_stretch->numSamples() == 0));
}

qint64 PcmSource::bytesAvailable() const
{
    return finished() ? QIODevice::bytesAvailable() : (qint64(1) << 20) + QIODevice::bytesAvailable();
}

void PcmSource::frameOut(const qint16* s, qint16& left, qint16& right) const
{
    if (m_audio->channels == 1) {
        left = right = s[0];
        return;
    }
    if (m_listen == Listen::Agent && m_audio->agentChannel >= 0) {
        left = right = s[m_audio->agentChannel];
    } else if (m_listen == Listen::Respondent && m_audio->respondentChannel >= 0) {
        left = right = s[m_audio->respondentChannel];
    } else if (m_mix == StereoMix::Split) {
        left = s[0];
        right = s[1];
    } else {
        // Each speaker at their own level in both ears (a sum, not an average: the two rarely speak at once, and
        // then the sum is clipped rather than everyone made quieter); spread keeps a third of each on the far side.
        const int far = m_mix == StereoMix::Spread ? 1 : 3;
        const auto clip = [](int v) { return static_cast<qint16>(std::clamp(v, -32768, 32767)); };
        left = clip(s[0] + s[1] * far / 3);
        right = clip(s[1] + s[0] * far / 3);
    }
}

qint64 PcmSource::produceDirect(qint16* out, qint64 frames)
{
    qint64 done = 0;
    while (done < frames) {
        const bool looping = m_loopStart >= 0;
        const qint64 limit = looping ? m_loopEnd : m_audio->frames;
        if (m_cursor >= limit) {
            if (!looping) {
                break;
            }
            m_cursor = m_loopStart; // gapless: the next frame is the loop's first
            m_waiting = false;
            startSegment(m_produced + done, m_speed);
            continue;
        }
        const qint64 n = fetch(out, done, frames, std::min({frames - done, limit - m_cursor, FeedFrames}));
        if (n == 0) {
            return frames;
        }
        const int channels = m_audio->channels;
        for (qint64 i = 0; i < n; ++i) {
            frameOut(m_in.data() + i * channels, out[2 * (done + i)], out[2 * (done + i) + 1]);
        }
        m_cursor += n;
        done += n;
    }
    return done;
}

qint64 PcmSource::produceStretched(qint16* out, qint64 frames)
{
    qint64 done = 0;
    float buffer[FeedFrames * OutputChannels];
    while (done < frames) {
        const uint want = static_cast<uint>(std::min<qint64>(frames - done, FeedFrames));
        const uint got = m_stretch->receiveSamples(buffer, want);
        for (uint i = 0; i < got * OutputChannels; ++i) {
            out[2 * done + i] = static_cast<qint16>(std::clamp(std::lround(buffer[i] * 32768.0f), -32768L, 32767L));
        }
        done += got;
        if (got > 0) {
            continue;
        }
        const bool looping = m_loopStart >= 0;
        const qint64 limit = looping ? m_loopEnd : m_audio->frames;
        if (m_cursor >= limit) {
            if (looping) {
                m_cursor = m_loopStart;
                m_waiting = false;
                startSegment(m_produced + done, m_speed);
                continue;
            }
            if (m_drained) {
                break;
            }
            m_stretch->flush();
            m_drained = true;
            continue;
        }
        const qint64 n = fetch(out, done, frames, std::min(FeedFrames, limit - m_cursor));
        if (n == 0) {
            return frames;
        }
        const int channels = m_audio->channels;
        for (qint64 i = 0; i < n; ++i) {
            qint16 l = 0;
            qint16 r = 0;
            frameOut(m_in.data() + i * channels, l, r);
            buffer[2 * i] = l / 32768.0f;
            buffer[2 * i + 1] = r / 32768.0f;
        }
        m_stretch->putSamples(buffer, static_cast<uint>(n));
        m_cursor += n;
    }
    return done;
}

qint64 PcmSource::readData(char* data, qint64 maxSize)
{
    QMutexLocker lock(&m_mutex);
    const qint64 frames = maxSize / (OutputChannels * qint64(sizeof(qint16)));
    auto* out = reinterpret_cast<qint16*>(data);
    const qint64 n = m_speed == 1.0 ? produceDirect(out, frames) : produceStretched(out, frames);
    m_produced += n;
    return n * OutputChannels * qint64(sizeof(qint16));
}

} // namespace Earmark

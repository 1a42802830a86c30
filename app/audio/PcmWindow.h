#pragma once

#include "audio/StreamDecoder.h"

#include <QVector>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace Earmark {

// The decoded samples of a streamed call, in blocks of BlockFrames, of which no more than a window's worth is held:
// a call that fits is held whole; of a longer one the blocks around the play position are kept (a quarter of the
// window ahead of it) and the farthest are dropped, to be decoded again (the decoder seeks) when the player gets there.
// The first pass decodes every frame once, for the peaks; reads come from any thread and never wait on the decoder:
// a block that is not held reads as nothing (the player holds its clock) while a pool thread decodes it.
class PcmWindow : public std::enable_shared_from_this<PcmWindow>
{
public:
    static constexpr qint64 BlockFrames = qint64(1) << 15; // 4.1 s at 8 kHz; a multiple of CallAudio's peak block
    static constexpr qint64 DefaultBytes = qint64(24) << 20; // 13 minutes of 8 kHz stereo, 26 of mono

    PcmWindow(std::unique_ptr<StreamDecoder> decoder, qint64 frames, qint64 windowBytes);
    ~PcmWindow();
    PcmWindow(const PcmWindow&) = delete;
    PcmWindow& operator=(const PcmWindow&) = delete;

    // Called with each run of frames the first pass decodes (for the peaks), then once it is published.
    using Decoded = std::function<void(const qint16* samples, qint64 firstFrame, qint64 count)>;
    // The first pass, from the start to the end (then the file's end is checked against the bound), publishing the
    // frames decoded so far in available; stops with an error when cancelled or when the audio leaves its bound.
    Status decodeAll(const Decoded& decoded, std::atomic<qint64>& available, const std::atomic<bool>& cancelled);

    // Copies frames [from, from + count) as far as they are held, from the first; returns how many. Fewer than count
    // (perhaps none) when the next block is not held: it is then decoded, as are the blocks ahead of from.
    qint64 copy(qint64 from, qint64 count, qint16* out);

    qint64 heldBytes() const;
    qint64 blockCount() const { return qint64(m_blocks.size()); }
    // Drops the decoder (the source's bytes with it): nothing more is decoded.
    void stop();

private:
    struct Block;
    qint64 blockLength(qint64 block) const;
    qint64 aheadBlocks() const { return std::max<qint64>(2, m_budgetBlocks / 4); }
    // Holds a block, dropping the ones farthest from the play position while over the window (never one near it).
    void hold(qint64 block, std::shared_ptr<Block> data);
    void want(qint64 block);
    void wantAhead(qint64 block, qint64 available);
    bool wholeHeld() const;
    // Decodes the block asked for and the ones after it that are not held (the decoder's lock is held).
    Status fillWanted();
    void runFills();

    std::unique_ptr<StreamDecoder> m_decoder; // guarded by m_decoderLock
    std::mutex m_decoderLock;
    const qint64 m_frames;
    const int m_channels;
    qint64 m_budgetBlocks = 0;

    mutable std::mutex m_lock; // guards m_blocks and m_held
    std::vector<std::shared_ptr<Block>> m_blocks;
    qint64 m_held = 0;

    std::atomic<qint64> m_decodedTo {0}; // frames the first pass has decoded (all of them once it is done)
    qint64 m_end = 0; // where the file ended (set at the end of the first pass)
    std::atomic<qint64> m_playBlock {0};
    std::atomic<qint64> m_wanted {-1};
    std::atomic<bool> m_firstPass {true};
    std::atomic<bool> m_filling {false};
    std::atomic<bool> m_stopped {false};
};

} // namespace Earmark

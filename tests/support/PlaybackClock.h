#pragma once

#include <QElapsedTimer>

namespace Earmark::Test {

// Reads a player's position (anything with a position() in seconds) together with the real time since the clock
// was made, so that a test can tell how fast playback goes without sleeping a fixed time: it waits for a position
// (QTRY_VERIFY), reads, and compares readings. A poll that comes late moves both halves of a reading alike.
template<typename Player>
class PlaybackClock
{
public:
    struct Reading
    {
        double position = 0;
        double seconds = 0;
    };

    explicit PlaybackClock(const Player& player)
        : m_player(player)
    {
        m_clock.start();
    }

    Reading read() const { return {m_player.position(), double(m_clock.nsecsElapsed()) / 1e9}; }

    // Seconds played per second of real time between two readings.
    static double speed(const Reading& from, const Reading& to)
    {
        return (to.position - from.position) / (to.seconds - from.seconds);
    }

private:
    const Player& m_player;
    QElapsedTimer m_clock;
};

} // namespace Earmark::Test

#pragma once

#include <QList>
#include <QtGlobal>

namespace Earmark::Demo {

// A small deterministic generator (SplitMix64): the same seed gives the same store on every platform, which the
// standard library's distributions do not promise.
class DemoRandom
{
public:
    explicit DemoRandom(quint64 seed)
        : m_state(seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull)
    { }

    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // 0 <= result < n
    int bounded(int n) { return n <= 0 ? 0 : static_cast<int>(next() % static_cast<quint64>(n)); }
    // lo <= result <= hi
    int between(int lo, int hi) { return lo + bounded(hi - lo + 1); }
    double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
    bool chance(double p) { return unit() < p; }
    template<typename T>
    const T& pick(const QList<T>& list)
    {
        return list.at(bounded(static_cast<int>(list.size())));
    }

private:
    quint64 m_state;
};

} // namespace Earmark::Demo

#pragma once

#include "audio/CallAudio.h"

#include <optional>

namespace Earmark {

// What the two speakers' channels say about a call, shown beside the scorecard form.
struct TalkMetrics
{
    double agentTalkS = 0;
    double respondentTalkS = 0;
    double talkListenRatio = 0; // agent talk / respondent talk (0 when the respondent never speaks)
    double longestSilenceS = 0; // neither speaks (the ring-in before the first word is not counted)
    double longestSilenceAtS = 0;
    double overtalkS = 0; // both speaking, in the stretches below only
    int overtalkEpisodes = 0; // stretches of overtalk of at least 0.3 s

    // From the peaks of a stereo call with one speaker per channel; nothing for mono or mixed recordings.
    static std::optional<TalkMetrics> measure(const CallAudio& audio);
};

} // namespace Earmark

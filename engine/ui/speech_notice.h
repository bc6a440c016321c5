// What the reader says about read-aloud on a page: nothing, "no voice for this course's language"
// (the button disabled), or "passages in these languages are not read aloud". The plan of what
// espeak-ng will read is made in platform/ (voice_choice.h), which ui/ does not include; the app
// hands it over as the plain data below, and this decides what the reader shows, once per page.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lectern::ui {

// platform::SpeechPlan as far as the reader needs it.
struct SpeechPlanFacts {
    bool reads_something = false;      // a voice reads at least one part of the page
    std::vector<std::string> skipped;  // languages no voice speaks, once each, in page order
};

// What the reader shows (Model's speech_no_voice and speech_skipped).
struct SpeechNoticeText {
    std::string no_voice;  // the page's languages when no voice reads any of it, "he, yi"; else empty
    std::string skipped;   // languages of the passages left out when the rest is read; else empty
};

// The rule: nothing read at all -> the languages go to no_voice; some read -> to skipped.
SpeechNoticeText SpeechNoticeOf(const SpeechPlanFacts& plan);

// The notice for the current page, worked out once per page: asking for a plan makes the page's
// text in pieces and matches voices, which is not for every frame.
class SpeechNotice {
public:
    // `page`: the reader's page index, or -1 when no course is open; `course_generation`: changes
    // whenever the course is loaded again (--watch), since a reload can keep the page index and
    // change the page's text; `speech_started`: read-aloud has been started (espeak-ng is started
    // on first use); `plan`: the plan of the current page, nullopt while espeak-ng has not listed
    // its voices yet (then it is asked again next frame).
    const SpeechNoticeText& Update(int page, int course_generation, bool speech_started,
                                   const std::function<std::optional<SpeechPlanFacts>()>& plan);

private:
    int m_page = -1;  // the page m_known is for (-1: none)
    int m_generation = 0;  // and the course load it was worked out on
    SpeechNoticeText m_known;
    SpeechNoticeText m_shown;
};

}  // namespace lectern::ui

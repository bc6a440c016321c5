#include "ui/speech_notice.h"

namespace lectern::ui {

SpeechNoticeText SpeechNoticeOf(const SpeechPlanFacts& plan) {
    std::string langs;
    for (const std::string& lang : plan.skipped) langs += (langs.empty() ? "" : ", ") + lang;
    SpeechNoticeText text;
    // No voice for any of it: the button is disabled and says why; else the parts left out.
    (plan.reads_something ? text.skipped : text.no_voice) = std::move(langs);
    return text;
}

const SpeechNoticeText& SpeechNotice::Update(int page, int course_generation, bool speech_started,
                                             const std::function<std::optional<SpeechPlanFacts>()>& plan) {
    m_shown = {};
    if (!speech_started || page < 0) return m_shown;
    if (page != m_page || course_generation != m_generation) {
        const std::optional<SpeechPlanFacts> facts = plan();
        if (!facts) return m_shown;  // voices not listed yet: asked again next frame
        m_known = SpeechNoticeOf(*facts);
        m_page = page;
        m_generation = course_generation;
    }
    m_shown = m_known;
    return m_shown;
}

}  // namespace lectern::ui

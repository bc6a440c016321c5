#include "progress/learner_settings.h"

#include <algorithm>
#include <charconv>

namespace lectern {

namespace {

// The whole value as a number, else `fallback`; then within [low, high].
int Number(const std::optional<std::string>& text, int fallback, int low, int high) {
    if (!text) return fallback;
    int value = 0;
    const char* end = text->data() + text->size();
    const auto [at, error] = std::from_chars(text->data(), end, value);
    if (error != std::errc() || at != end) return fallback;
    return std::clamp(value, low, high);
}

}  // namespace

DisplaySettings LearnerSettings::Load(const DisplaySettings& defaults) {
    DisplaySettings s = defaults;
    s.text_percent = Number(m_store->GetSetting(m_learner, "text_size"), defaults.text_percent, 100, 200);
    s.speech_rate = Number(m_store->GetSetting(m_learner, "speech_rate"), defaults.speech_rate, 80, 400);
    if (auto theme = m_store->GetSetting(m_learner, "theme")) s.theme = *theme;
    m_saved = s;
    return s;
}

std::vector<std::string> LearnerSettings::Save(const DisplaySettings& now, int64_t now_ms) {
    std::vector<std::string> written;
    auto write = [&](const char* key, const std::string& value, auto& saved, const auto& current) {
        if (saved == current) return;
        if (m_store->SetSetting(m_learner, key, value, now_ms)) {
            saved = current;
            written.push_back(key);
        }
    };
    write("text_size", std::to_string(now.text_percent), m_saved.text_percent, now.text_percent);
    write("theme", now.theme, m_saved.theme, now.theme);
    write("speech_rate", std::to_string(now.speech_rate), m_saved.speech_rate, now.speech_rate);
    return written;
}

}  // namespace lectern

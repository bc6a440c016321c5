#include "platform/voice_choice.h"

#include <algorithm>
#include <cctype>
#include <climits>

namespace lectern::platform {

namespace {

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::vector<std::string> Subtags(const std::string& tag) {
    std::vector<std::string> out;
    std::string part;
    for (char c : tag) {
        if (c == '-' || c == '_') {
            out.push_back(part);
            part.clear();
        } else {
            part += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    out.push_back(part);
    return out;
}

// The tags to look for, most specific first.
std::vector<std::string> Candidates(const std::string& lang) {
    std::vector<std::string> sub = Subtags(lang.empty() ? "en" : lang);
    std::string primary = sub[0];
    std::string region;
    for (size_t i = 1; i < sub.size(); ++i)
        if (sub[i].size() == 2 || (sub[i].size() == 3 && std::isdigit(static_cast<unsigned char>(sub[i][0])))) region = sub[i];
    std::vector<std::string> out;
    if (primary == "zh") {
        // espeak-ng speaks Mandarin ("cmn") and Cantonese ("yue"); a script subtag is no dialect.
        const bool cantonese = region == "hk" || region == "mo";
        out = cantonese ? std::vector<std::string>{"yue", "zh-yue"} : std::vector<std::string>{"cmn", "zh-cmn"};
        return out;
    }
    if (!region.empty()) out.push_back(primary + "-" + region);
    out.push_back(primary);
    return out;
}

}  // namespace

VoiceChoice ChooseVoice(const std::string& lang, const std::vector<EspeakVoice>& voices) {
    VoiceChoice choice;
    for (const std::string& want : Candidates(lang)) {
        int best = INT_MAX;
        for (const EspeakVoice& v : voices)
            for (const auto& [language, priority] : v.languages)
                if (Lower(language) == want && priority < best) {
                    best = priority;
                    choice.voice = v.name;
                    choice.spoken = want;
                }
        if (!choice.voice.empty()) return choice;
    }
    choice.why = "espeak-ng has no voice for " + (lang.empty() ? std::string("en") : lang);
    return choice;
}

std::vector<std::pair<std::string, int>> SapiVoiceLanguages(const std::vector<std::string>& locale_names) {
    std::vector<std::pair<std::string, int>> out;
    auto add = [&](const std::string& language, int priority) {
        for (auto& [have, best] : out)
            if (have == language) {
                best = std::min(best, priority);
                return;
            }
        out.emplace_back(language, priority);
    };
    for (const std::string& name : locale_names) {
        const std::vector<std::string> sub = Subtags(name);
        if (sub[0].empty()) continue;
        std::string whole = sub[0];
        std::string region;
        for (size_t i = 1; i < sub.size(); ++i) {
            whole += "-" + sub[i];
            if (sub[i].size() == 2 || (sub[i].size() == 3 && std::isdigit(static_cast<unsigned char>(sub[i][0])))) region = sub[i];
        }
        add(whole, 1);
        if (sub[0] == "zh") {
            const bool cantonese = region == "hk" || region == "mo";
            add(cantonese ? "yue" : "cmn", 5);
            add(cantonese ? "zh-yue" : "zh-cmn", 5);
        }
        add(sub[0], 5);
    }
    return out;
}

SpeechPlan PlanSpeech(const std::vector<SpeechPart>& parts, const std::vector<EspeakVoice>& voices) {
    SpeechPlan plan;
    for (const SpeechPart& part : parts) {
        if (part.text.find_first_not_of(" \t\n") == std::string::npos) continue;  // nothing to say
        const VoiceChoice choice = ChooseVoice(part.lang, voices);
        if (choice.voice.empty()) {
            const std::string lang = part.lang.empty() ? "en" : part.lang;
            if (std::find(plan.skipped.begin(), plan.skipped.end(), lang) == plan.skipped.end()) plan.skipped.push_back(lang);
            continue;
        }
        if (!plan.parts.empty() && plan.parts.back().voice == choice.voice) {
            SpokenPart& last = plan.parts.back();
            // Segments end with their sentence's space; keep one between joined pieces.
            if (!last.text.empty() && last.text.back() != ' ') last.text += ' ';
            last.text += part.text;
        } else {
            plan.parts.push_back({choice.voice, part.text});
        }
    }
    return plan;
}

}  // namespace lectern::platform

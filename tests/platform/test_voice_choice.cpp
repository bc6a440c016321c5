// The read-aloud voice follows the language (platform/voice_choice.h): a table of BCP 47 tags
// against the voices espeak-ng 1.51 ships (as espeak_ListVoices lists them), and the same table
// against the installed espeak-ng itself.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "platform/platform.h"
#include "platform/voice_choice.h"

namespace lectern::platform {
namespace {

// From espeak-ng-data/lang/*: the voice file's name and its "language" lines (priority 5 when
// the line gives none).
const std::vector<EspeakVoice> kVoices = {
    {"en", {{"en-gb", 2}, {"en", 2}}},
    {"en-US", {{"en-us", 2}, {"en", 3}}},
    {"ar", {{"ar", 5}}},
    {"fa", {{"fa", 5}}},
    {"cmn", {{"cmn", 5}, {"zh-cmn", 5}, {"zh", 5}}},
    {"yue", {{"yue", 5}, {"zh-yue", 5}, {"zh", 8}}},
    {"ru", {{"ru", 5}}},
    {"th", {{"th", 5}}},
    {"vi", {{"vi", 5}}},
    {"hi", {{"hi", 5}}},
    {"he", {{"he", 5}}},
};

struct Case {
    const char* lang;
    const char* voice;  // "" : none, and the choice says why
};

const std::vector<Case> kCases = {
    {"en", "en"},     {"en-US", "en-US"}, {"en-GB", "en"},  {"EN-us", "en-US"}, {"", "en"},
    {"ar", "ar"},     {"ar-EG", "ar"},    {"fa", "fa"},     {"fa-IR", "fa"},    {"zh", "cmn"},
    {"zh-Hans", "cmn"}, {"zh-Hans-CN", "cmn"}, {"zh-TW", "cmn"}, {"zh-Hant-TW", "cmn"}, {"zh-HK", "yue"},
    {"ru", "ru"},     {"th", "th"},       {"vi", "vi"},     {"hi", "hi"},       {"he", "he"},
    {"tlh", ""},      {"xx-YY", ""},      {"bo", ""},
};

TEST(VoiceChoice, EachLanguageGetsItsOwnVoiceOrSaysWhyNot) {
    for (const Case& c : kCases) {
        const VoiceChoice v = ChooseVoice(c.lang, kVoices);
        EXPECT_EQ(v.voice, c.voice) << "lang '" << c.lang << "'";
        if (*c.voice) {
            EXPECT_TRUE(v.why.empty()) << c.lang;
        } else {
            EXPECT_NE(v.why.find("no voice for " + std::string(c.lang)), std::string::npos) << v.why;
        }
    }
}

TEST(VoiceChoice, WithNoEnglishVoiceArabicIsStillNeverReadInAnotherLanguage) {
    // Whatever voices there are, a language is only matched by a voice that lists it.
    for (const Case& c : kCases) {
        for (size_t drop = 0; drop < kVoices.size(); ++drop) {
            std::vector<EspeakVoice> voices = kVoices;
            voices.erase(voices.begin() + static_cast<long>(drop));
            const VoiceChoice v = ChooseVoice(c.lang, voices);
            if (v.voice.empty()) continue;
            bool speaks = false;
            for (const EspeakVoice& voice : voices)
                if (voice.name == v.voice)
                    for (const auto& [language, priority] : voice.languages) speaks |= language == v.spoken;
            EXPECT_TRUE(speaks) << c.lang << " -> " << v.voice;
            EXPECT_NE(v.voice, kVoices[drop].name) << c.lang;
        }
    }
}

TEST(VoiceChoice, TheInstalledEspeakNgChoosesTheSameVoices) {
    Speech speech;
    std::optional<VoiceChoice> first;
    for (int i = 0; i < 300 && !(first = speech.VoiceFor("ar")); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(speech.Available()) << "espeak-ng did not start (tools/setup installs espeak-ng-data)";
    ASSERT_TRUE(first.has_value()) << "espeak-ng listed no voices in 15 s";
    for (const Case& c : kCases) {
        const std::optional<VoiceChoice> v = speech.VoiceFor(c.lang);
        ASSERT_TRUE(v.has_value());
        EXPECT_EQ(v->voice, c.voice) << "lang '" << c.lang << "' with the installed espeak-ng";
    }
}

}  // namespace
}  // namespace lectern::platform

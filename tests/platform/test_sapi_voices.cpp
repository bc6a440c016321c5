// Read-aloud on Windows (platform/speech_windows.cpp): SAPI's voices, whose languages come as
// locale names ("en-US"), are chosen as espeak-ng's are (voice_choice.h's SapiVoiceLanguages),
// checked on every system against a table of the voices Windows ships; and, under Windows (wine
// in CI), the real SAPI either reads a page part by part or is unavailable and says why.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <thread>

#include "platform/platform.h"
#include "platform/voice_choice.h"

namespace lectern::platform {
namespace {

using Languages = std::vector<std::pair<std::string, int>>;

TEST(SapiVoices, EachLocaleGivesItsWholeTagThenItsLanguageAndChineseItsDialect) {
    const std::vector<std::pair<std::vector<std::string>, Languages>> cases = {
        {{"en-US"}, {{"en-us", 1}, {"en", 5}}},
        {{"en-US", "en-GB"}, {{"en-us", 1}, {"en", 5}, {"en-gb", 1}}},
        {{"ar-EG"}, {{"ar-eg", 1}, {"ar", 5}}},
        {{"zh-CN"}, {{"zh-cn", 1}, {"cmn", 5}, {"zh-cmn", 5}, {"zh", 5}}},
        {{"zh-TW"}, {{"zh-tw", 1}, {"cmn", 5}, {"zh-cmn", 5}, {"zh", 5}}},
        {{"zh-HK"}, {{"zh-hk", 1}, {"yue", 5}, {"zh-yue", 5}, {"zh", 5}}},
        {{"es-419"}, {{"es-419", 1}, {"es", 5}}},
        {{"fr"}, {{"fr", 1}}},
        {{""}, {}},
        {{}, {}},
    };
    for (const auto& [locales, want] : cases) {
        std::string names;
        for (const std::string& l : locales) names += l + ";";
        EXPECT_EQ(SapiVoiceLanguages(locales), want) << names;
    }
}

// The voices of a Windows 10 with English, Arabic, Chinese and Russian installed (their tokens'
// Name and Language), against BCP 47 tags a course may carry.
TEST(SapiVoices, EachLanguageGetsAWindowsVoiceThatSpeaksItOrNone) {
    const std::vector<std::pair<std::string, std::string>> installed = {
        {"Microsoft David Desktop", "en-US"}, {"Microsoft Hazel Desktop", "en-GB"},
        {"Microsoft Hoda Desktop", "ar-EG"},  {"Microsoft Huihui Desktop", "zh-CN"},
        {"Microsoft Tracy Desktop", "zh-HK"}, {"Microsoft Irina Desktop", "ru-RU"},
    };
    std::vector<EspeakVoice> voices;
    for (const auto& [name, locale] : installed) voices.push_back({name, SapiVoiceLanguages({locale})});
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"en", "Microsoft David Desktop"},    {"", "Microsoft David Desktop"},     {"en-US", "Microsoft David Desktop"},
        {"en-GB", "Microsoft Hazel Desktop"}, {"EN-gb", "Microsoft Hazel Desktop"}, {"en-AU", "Microsoft David Desktop"},
        {"ar", "Microsoft Hoda Desktop"},     {"ar-SA", "Microsoft Hoda Desktop"},  {"zh", "Microsoft Huihui Desktop"},
        {"zh-Hans-CN", "Microsoft Huihui Desktop"}, {"zh-TW", "Microsoft Huihui Desktop"},
        {"zh-HK", "Microsoft Tracy Desktop"}, {"ru", "Microsoft Irina Desktop"},    {"fa", ""},
        {"he", ""},                           {"tlh", ""},
    };
    for (const auto& [lang, voice] : cases) {
        const VoiceChoice choice = ChooseVoice(lang, voices);
        EXPECT_EQ(choice.voice, voice) << "lang '" << lang << "'";
        EXPECT_EQ(choice.why.empty(), !voice.empty()) << "lang '" << lang << "'";
    }
    // A page in three languages: Persian has no Windows voice here, so it is left out and named.
    const SpeechPlan plan = PlanSpeech({{"en", "One. "}, {"fa", "\u06CC\u06A9. "}, {"ar", "\u0648\u0627\u062D\u062F."}}, voices);
    ASSERT_EQ(plan.parts.size(), 2u);
    EXPECT_EQ(plan.parts[0].voice, "Microsoft David Desktop");
    EXPECT_EQ(plan.parts[1].voice, "Microsoft Hoda Desktop");
    EXPECT_EQ(plan.skipped, std::vector<std::string>{"fa"});
}

#ifdef _WIN32
// The real SAPI of the machine the test runs on. Either it reads (voices listed, a page read a
// part at a time in each part's voice, Pause and Resume, the end noticed) or it is unavailable
// and says why, naming SAPI, and then reads nothing and lists no voice: never a button that
// does nothing. Under wine 8 (CI) SAPI's voice answers E_NOTIMPL, so the second holds there.
TEST(SapiSpeech, ReadsEachPartInItsVoiceOrSaysWhyItCannot) {
    Speech speech;
    std::mutex mutex;
    std::vector<std::pair<std::string, size_t>> started;
    speech.SetOnPart([&](const std::string& voice, size_t chars) {
        std::lock_guard<std::mutex> lock(mutex);
        started.emplace_back(voice, chars);
    });
    std::optional<VoiceChoice> english;
    // A hang detector, not a speed limit: COM and SAPI start on the speech thread.
    for (int i = 0; i < 600 && speech.Available() && !(english = speech.VoiceFor("en")); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!speech.Available()) {
        const std::string why = speech.UnavailableReason();
        std::printf("[ sapi ] not available: %s\n", why.c_str());
        EXPECT_NE(why.find("SAPI"), std::string::npos) << "the reason does not name SAPI: '" << why << "'";
        EXPECT_FALSE(speech.VoiceFor("en").has_value());
        EXPECT_FALSE(speech.Plan({{"en", "One."}}).has_value());
        speech.Speak("Nothing is read.", 175, "en");
        EXPECT_FALSE(speech.Speaking());
        speech.Pause();
        EXPECT_FALSE(speech.Paused());
        std::lock_guard<std::mutex> lock(mutex);
        EXPECT_TRUE(started.empty());
        return;
    }
    ASSERT_TRUE(english.has_value()) << "SAPI listed no voices in 30 s";
    std::printf("[ sapi ] reads English with %s\n", english->voice.c_str());
    EXPECT_EQ(speech.UnavailableReason(), "");
    const std::vector<SpeechPart> page = {{"en", "One. "}, {"tlh", "wa'. "}, {"en", "Two."}};
    const std::optional<SpeechPlan> plan = speech.Plan(page);
    ASSERT_TRUE(plan.has_value());
    EXPECT_EQ(plan->skipped, std::vector<std::string>{"tlh"});
    speech.Speak(page, 400);
    EXPECT_TRUE(speech.Speaking());
    speech.Pause();
    EXPECT_TRUE(speech.Paused());
    speech.Resume();
    EXPECT_FALSE(speech.Paused());
    for (int i = 0; i < 1200 && speech.Speaking(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(speech.Speaking()) << "reading did not end";
    std::lock_guard<std::mutex> lock(mutex);
    ASSERT_EQ(started.size(), plan->parts.size());
    for (size_t i = 0; i < started.size(); ++i) EXPECT_EQ(started[i].first, plan->parts[i].voice);
}
#endif

}  // namespace
}  // namespace lectern::platform

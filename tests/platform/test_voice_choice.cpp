// The read-aloud voice follows the language (platform/voice_choice.h): a table of BCP 47 tags
// against the voices espeak-ng 1.51 ships (as espeak_ListVoices lists them), and the same table
// against the installed espeak-ng itself.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
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

// A voice per passage: pages of up to four passages, each in one of these languages (two with no
// voice), every sequence of them; the plan reads exactly the passages some voice speaks, in order,
// each in its own language's voice, and names every language it leaves out, once.
TEST(VoicePlan, EachPassageIsReadInItsLanguagesVoiceAndOneNoVoiceSpeaksIsLeftOutAndNamed) {
    const std::vector<std::string> langs = {"en", "ar", "he", "zh-HK", "tlh", "xx", ""};
    int cases = 0, with_skips = 0, switches = 0;
    for (size_t count = 1; count <= 4; ++count) {
        size_t total = 1;
        for (size_t i = 0; i < count; ++i) total *= langs.size();
        for (size_t n = 0; n < total; ++n) {
            std::vector<SpeechPart> page;
            for (size_t i = 0, k = n; i < count; ++i, k /= langs.size())
                page.push_back({langs[k % langs.size()], "Passage " + std::to_string(i) + ". "});
            const SpeechPlan plan = PlanSpeech(page, kVoices);
            ++cases;
            // What each voice must read, in order: the passages it speaks, a run of them joined.
            std::vector<SpokenPart> expected;
            std::vector<std::string> skipped;
            for (const SpeechPart& p : page) {
                const std::string voice = ChooseVoice(p.lang, kVoices).voice;
                if (voice.empty()) {
                    const std::string lang = p.lang.empty() ? "en" : p.lang;
                    if (std::find(skipped.begin(), skipped.end(), lang) == skipped.end()) skipped.push_back(lang);
                } else if (!expected.empty() && expected.back().voice == voice) {
                    expected.back().text += p.text;
                } else {
                    expected.push_back({voice, p.text});
                }
            }
            ASSERT_EQ(plan.parts.size(), expected.size()) << n;
            for (size_t i = 0; i < expected.size(); ++i) {
                EXPECT_EQ(plan.parts[i].voice, expected[i].voice);
                EXPECT_EQ(plan.parts[i].text, expected[i].text);
            }
            EXPECT_EQ(plan.skipped, skipped);
            // No text of a language without a voice reaches any voice.
            for (const SpokenPart& part : plan.parts)
                for (const SpeechPart& p : page)
                    if (ChooseVoice(p.lang, kVoices).voice.empty()) {
                        EXPECT_EQ(part.text.find(p.text), std::string::npos) << p.lang << " read by " << part.voice;
                    }
            with_skips += !skipped.empty();
            switches += plan.parts.size() > 1;
        }
    }
    EXPECT_GT(with_skips, 1000);
    EXPECT_GT(switches, 1000);
    EXPECT_EQ(cases, 7 + 49 + 343 + 2401);
}

TEST(VoicePlan, BlankPassagesAreNotReadAndNotReportedAsSkipped) {
    const SpeechPlan plan = PlanSpeech({{"tlh", "  "}, {"ar", ""}, {"en", "Words. "}}, kVoices);
    ASSERT_EQ(plan.parts.size(), 1u);
    EXPECT_EQ(plan.parts[0].voice, "en");
    EXPECT_TRUE(plan.skipped.empty());
}

// The installed espeak-ng, with no sound device needed (it synthesises to a discarding callback at
// the audio's own pace): a page of English, Arabic, Klingon (no voice) and English again is read in
// three utterances by en, ar and en, one after the other, and then reading ends by itself.
TEST(VoicePlan, TheInstalledEspeakNgReadsEachPartInItsVoiceInTurn) {
    Speech speech;
    std::mutex mutex;
    std::vector<std::pair<std::string, size_t>> started;
    speech.SetOnPart([&](const std::string& voice, size_t chars) {
        std::lock_guard<std::mutex> lock(mutex);
        started.emplace_back(voice, chars);
    });
    const std::vector<SpeechPart> page = {{"en", "One. "}, {"ar", "\u0648\u0627\u062D\u062F. "}, {"tlh", "wa'. "}, {"en-GB", "Two."}};
    std::optional<SpeechPlan> plan;
    for (int i = 0; i < 300 && !(plan = speech.Plan(page)); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(speech.Available()) << "espeak-ng did not start (tools/setup installs espeak-ng-data)";
    ASSERT_TRUE(plan.has_value()) << "espeak-ng listed no voices in 15 s";
    ASSERT_EQ(plan->parts.size(), 3u);
    EXPECT_EQ(plan->skipped, std::vector<std::string>{"tlh"});
    speech.Speak(page, 400);
    EXPECT_TRUE(speech.Speaking());
    // Each part lasts about a second at this rate; a generous bound for a loaded machine.
    for (int i = 0; i < 1200 && speech.Speaking(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(speech.Speaking()) << "reading did not end";
    std::lock_guard<std::mutex> lock(mutex);
    ASSERT_EQ(started.size(), plan->parts.size());
    for (size_t i = 0; i < started.size(); ++i) {
        EXPECT_EQ(started[i].first, plan->parts[i].voice);
        EXPECT_EQ(started[i].second, plan->parts[i].text.size());
    }
    EXPECT_EQ(plan->parts[0].voice, speech.VoiceFor("en")->voice);
    EXPECT_EQ(plan->parts[1].voice, speech.VoiceFor("ar")->voice);
    EXPECT_NE(plan->parts[0].voice, plan->parts[1].voice);
}

}  // namespace
}  // namespace lectern::platform

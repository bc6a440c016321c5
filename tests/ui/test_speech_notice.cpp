// What the reader says about read-aloud (ui/speech_notice.h), for every state of the plan the app
// hands over: read-aloud not started, no course open, voices not listed yet, everything read, some
// languages left out, none read, an empty page; each on a first frame, a later frame of the same
// page (the plan is not asked again) and the next page (it is).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "ui/speech_notice.h"

namespace lectern::ui {
namespace {

struct PlanState {
    const char* name;
    bool started;                          // read-aloud started
    int page;                              // -1: no course open
    std::optional<SpeechPlanFacts> plan;   // nullopt: voices not listed yet
    const char* no_voice;                  // what the reader must show
    const char* skipped;
};

const std::vector<PlanState>& States() {
    static const std::vector<PlanState> states = {
        {"not started", false, 3, SpeechPlanFacts{false, {"ar"}}, "", ""},
        {"no course open", true, -1, SpeechPlanFacts{false, {"ar"}}, "", ""},
        {"voices not listed yet", true, 3, std::nullopt, "", ""},
        {"everything read", true, 3, SpeechPlanFacts{true, {}}, "", ""},
        {"one language left out", true, 3, SpeechPlanFacts{true, {"he"}}, "", "he"},
        {"two languages left out", true, 3, SpeechPlanFacts{true, {"he", "zh-Hans"}}, "", "he, zh-Hans"},
        {"no voice for the page", true, 3, SpeechPlanFacts{false, {"ar"}}, "ar", ""},
        {"no voice for two languages", true, 3, SpeechPlanFacts{false, {"ar", "fa"}}, "ar, fa", ""},
        {"an empty page", true, 3, SpeechPlanFacts{false, {}}, "", ""},
    };
    return states;
}

// Whether the reader asks for the plan at all in this state.
bool Asks(const PlanState& s) { return s.started && s.page >= 0; }

TEST(SpeechNotice, EveryPlanStateShowsItsNoticeOnceWorkedOutPerPage) {
    for (const PlanState& s : States()) {
        SCOPED_TRACE(s.name);
        SpeechNotice notice;
        int asked = 0;
        auto plan = [&]() {
            ++asked;
            return s.plan;
        };
        for (int frame = 0; frame < 3; ++frame) {
            SCOPED_TRACE("frame " + std::to_string(frame));
            const SpeechNoticeText& shown = notice.Update(s.page, 0, s.started, plan);
            EXPECT_EQ(shown.no_voice, s.no_voice);
            EXPECT_EQ(shown.skipped, s.skipped);
            // A notice is one or the other, never both: a page nothing reads has nothing skipped.
            EXPECT_TRUE(shown.no_voice.empty() || shown.skipped.empty());
        }
        // Worked out once for the page; until the voices are listed, asked every frame; never
        // when nothing would be read.
        EXPECT_EQ(asked, !Asks(s) ? 0 : s.plan ? 1 : 3);
        // The next page is worked out again.
        const int before = asked;
        notice.Update(s.page + 1, 0, s.started, plan);
        EXPECT_EQ(asked - before, s.started && s.page + 1 >= 0 ? 1 : 0);
    }
}

// Going from a page in one state to a page in another shows the second page's notice, never
// the first's: every ordered pair of states.
TEST(SpeechNotice, EveryPairOfPagesShowsTheSecondPagesNoticeOnly) {
    for (const PlanState& a : States()) {
        for (const PlanState& b : States()) {
            SCOPED_TRACE(std::string(a.name) + " then " + b.name);
            SpeechNotice notice;
            notice.Update(0, 0, a.started, [&] { return a.plan; });
            const int second = b.page < 0 ? -1 : 1;
            const SpeechNoticeText& shown = notice.Update(second, 0, b.started, [&] { return b.plan; });
            EXPECT_EQ(shown.no_voice, b.no_voice);
            EXPECT_EQ(shown.skipped, b.skipped);
        }
    }
}

// Read-aloud stopped being available (or the course closed) and came back on the same page:
// the notice hides meanwhile and comes back without asking again.
TEST(SpeechNotice, TheNoticeHidesWhileNothingCanBeReadAndReturnsForTheSamePage) {
    SpeechNotice notice;
    int asked = 0;
    auto plan = [&] {
        ++asked;
        return std::optional<SpeechPlanFacts>(SpeechPlanFacts{false, {"ar"}});
    };
    EXPECT_EQ(notice.Update(2, 0, true, plan).no_voice, "ar");
    EXPECT_EQ(notice.Update(2, 0, false, plan).no_voice, "");
    EXPECT_EQ(notice.Update(-1, 0, true, plan).no_voice, "");
    EXPECT_EQ(notice.Update(2, 0, true, plan).no_voice, "ar");
    EXPECT_EQ(asked, 1);
}

TEST(SpeechNotice, TheLanguagesAreListedInPageOrderAsTheyAreTagged) {
    const std::vector<std::string> langs = {"ar", "zh-Hans", "he", "th", "hi"};
    for (size_t n = 1; n <= langs.size(); ++n) {
        const std::vector<std::string> some(langs.begin(), langs.begin() + static_cast<long>(n));
        std::string expected;
        for (const std::string& l : some) expected += (expected.empty() ? "" : ", ") + l;
        EXPECT_EQ(SpeechNoticeOf({true, some}).skipped, expected);
        EXPECT_EQ(SpeechNoticeOf({true, some}).no_voice, "");
        EXPECT_EQ(SpeechNoticeOf({false, some}).no_voice, expected);
        EXPECT_EQ(SpeechNoticeOf({false, some}).skipped, "");
    }
}

}  // namespace
}  // namespace lectern::ui

namespace lectern::ui {
namespace {

// --watch reloads the course and can keep the page index while the page's passages change
// language: every pair of plan states, before and after a reload on the same page, shows the
// reloaded page's notice, asked for again.
TEST(SpeechNotice, AReloadThatKeepsThePageIndexShowsTheReloadedPagesNotice) {
    for (const PlanState& a : States()) {
        for (const PlanState& b : States()) {
            if (!Asks(a) || !Asks(b)) continue;  // the other states show nothing either way
            SCOPED_TRACE(std::string(a.name) + " reloaded as " + b.name);
            SpeechNotice notice;
            notice.Update(4, 1, true, [&] { return a.plan; });
            int asked = 0;
            const SpeechNoticeText& shown = notice.Update(4, 2, true, [&] {
                ++asked;
                return b.plan;
            });
            EXPECT_EQ(asked, 1);
            EXPECT_EQ(shown.no_voice, b.no_voice);
            EXPECT_EQ(shown.skipped, b.skipped);
        }
    }
}

}  // namespace
}  // namespace lectern::ui

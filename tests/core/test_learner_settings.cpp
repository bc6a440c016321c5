// A learner's display settings through the store: what comes back, within range, and writes of
// only what changed (issue 16: the rule lived untested in the app).
#include <gtest/gtest.h>

#include "progress/learner_settings.h"
#include "progress_test_util.h"

using namespace lectern;
using namespace progress_test;

namespace {

constexpr int64_t kT0 = 1714550000000;

struct LearnerSettingsTest : ::testing::Test {
    TempDir dir;
    std::string path = ProgressDbPath(dir.Sub("data"));
    std::unique_ptr<ProgressStore> store = ProgressStore::Open(path).store;
    LearnerId ana = *store->CreateLearner("Ana", kT0);
    LearnerId ben = *store->CreateLearner("Ben", kT0);
    DisplaySettings defaults{100, "light", 175};
};

}  // namespace

TEST_F(LearnerSettingsTest, ANewLearnerGetsTheDefaultsAndNothingIsWritten) {
    LearnerSettings settings(*store, ana);
    EXPECT_EQ(settings.Load(defaults), defaults);
    EXPECT_TRUE(settings.Save(defaults, kT0).empty());
    EXPECT_TRUE(store->Settings(ana).empty());
}

TEST_F(LearnerSettingsTest, WhatOneLearnerChangesComesBackForThemAloneAfterReopening) {
    {
        LearnerSettings settings(*store, ana);
        DisplaySettings s = settings.Load(defaults);
        s.text_percent = 150;
        s.theme = "dark";
        EXPECT_EQ(settings.Save(s, kT0), (std::vector<std::string>{"text_size", "theme"}));
        EXPECT_TRUE(settings.Save(s, kT0 + 1).empty()) << "unchanged settings are not written again";
    }
    store.reset();
    store = ProgressStore::Open(path).store;
    ASSERT_TRUE(store);
    EXPECT_EQ(LearnerSettings(*store, ana).Load(defaults), (DisplaySettings{150, "dark", 175}));
    EXPECT_EQ(LearnerSettings(*store, ben).Load(defaults), defaults) << "Ben never sees Ana's settings";
}

TEST_F(LearnerSettingsTest, ValuesFromTheFileAreBroughtWithinWhatThePlayerOffers) {
    // Every hostile or foreign value a store can hold, and what it becomes.
    struct Case {
        const char* text_size;
        const char* speech_rate;
        int text_percent;
        int rate;
    } cases[] = {
        {"900", "5000", 200, 400}, {"-50", "0", 100, 80},   {"abc", "fast", 100, 175}, {"", "", 100, 175},
        {"150%", "200 ", 100, 175}, {"99999999999999999999", "12", 100, 80}, {"175", "300", 175, 300},
    };
    for (const Case& c : cases) {
        ASSERT_TRUE(store->SetSetting(ana, "text_size", c.text_size, kT0));
        ASSERT_TRUE(store->SetSetting(ana, "speech_rate", c.speech_rate, kT0));
        const DisplaySettings s = LearnerSettings(*store, ana).Load(defaults);
        EXPECT_EQ(s.text_percent, c.text_percent) << "text_size '" << c.text_size << "'";
        EXPECT_EQ(s.speech_rate, c.rate) << "speech_rate '" << c.speech_rate << "'";
    }
}

TEST_F(LearnerSettingsTest, OnlyTheSettingThatChangedIsWritten) {
    LearnerSettings settings(*store, ana);
    DisplaySettings s = settings.Load(defaults);
    s.speech_rate = 220;
    EXPECT_EQ(settings.Save(s, kT0), std::vector<std::string>{"speech_rate"});
    EXPECT_FALSE(store->GetSetting(ana, "text_size"));
    EXPECT_EQ(store->GetSetting(ana, "speech_rate").value_or(""), "220");
}

// Renaming and removing learners (the kiosk administrator's tools).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "progress/progress_store.h"

namespace fs = std::filesystem;
using namespace lectern;

namespace {

class LearnerAdmin : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("lectern-admin-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        OpenResult r = ProgressStore::Open(ProgressDbPath(m_dir.string()));
        ASSERT_EQ(r.status, OpenStatus::Ok) << r.message;
        store = std::move(r.store);
        ana = *store->CreateLearner("Ana", 1000);
        ben = *store->CreateLearner("Ben", 1000);
        ASSERT_TRUE(store->RecordPageView(ana, "c", "p1", 2000).ok());
        ASSERT_TRUE(store->RecordPageView(ben, "c", "p1", 2000).ok());
        ASSERT_TRUE(store->SetSetting(ana, "theme", "dark", 2000).ok());
    }
    void TearDown() override {
        store.reset();
        fs::remove_all(m_dir);
    }
    fs::path m_dir;
    std::unique_ptr<ProgressStore> store;
    LearnerId ana = 0, ben = 0;
};

}  // namespace

TEST_F(LearnerAdmin, RenameKeepsProgressWithTheLearner) {
    ASSERT_TRUE(store->RenameLearner(ana, "Ana Lima", 3000).ok());
    auto found = store->FindLearner("ana lima");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, ana);
    EXPECT_FALSE(store->FindLearner("Ana"));
    EXPECT_EQ(store->PageViews(EventFilter{ana}).size(), 1u);
}

TEST_F(LearnerAdmin, RenameToATakenNameIsRefused) {
    WriteResult r = store->RenameLearner(ana, "BEN", 3000);
    EXPECT_EQ(r.error().code, StoreError::DuplicateName);
    EXPECT_TRUE(store->FindLearner("Ana"));
}

TEST_F(LearnerAdmin, RemoveDeletesOnlyThatLearnersRows) {
    ASSERT_TRUE(store->RemoveLearner(ana, 3000).ok());
    EXPECT_FALSE(store->GetLearner(ana));
    EXPECT_EQ(store->PageViews(EventFilter{ana}).size(), 0u);
    EXPECT_FALSE(store->GetSetting(ana, "theme"));
    EXPECT_EQ(store->PageViews(EventFilter{ben}).size(), 1u);
    EXPECT_EQ(store->CheckIntegrity(), "ok");
}

TEST_F(LearnerAdmin, RemovingAnUnknownLearnerSaysSo) {
    EXPECT_EQ(store->RemoveLearner(9999, 3000).error().code, StoreError::UnknownLearner);
    EXPECT_EQ(store->Learners().size(), 2u);
}

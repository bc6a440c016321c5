// The administrator's actions: each one does what it says, refuses what it must, and leaves a
// line in the log that exports carry.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include "kiosk/admin.h"
#include "kiosk/pin.h"
#include "kiosk/sign_in.h"
#include "os/files.h"
#include "progress_test_util.h"

using namespace lectern;
using namespace lectern::kiosk;
using progress_test::ReadFile;
using progress_test::TempDir;

namespace {

constexpr int64_t kNow = 1'780'000'000'000;

struct AdminFixture : ::testing::Test {
    TempDir dir;
    std::unique_ptr<ProgressStore> store;
    LearnerId ana = 0;
    void SetUp() override {
        OpenResult r = ProgressStore::Open(dir.Sub("data/progress.sqlite3"));
        ASSERT_TRUE(r.ok()) << r.message;
        store = std::move(r.store);
        ana = *store->CreateLearner("Ана", kNow);
        store->SetPinHash(ana, *HashPin("1357"), kNow);
    }
    KioskAdmin Admin() { return KioskAdmin(store.get(), dir.Sub("data")); }
    void LockOut() {
        SignInPolicy policy(store.get(), SignInSettings{true, true, SignInMode::List});
        for (int i = 0; i < 5; ++i) policy.SubmitPin("Ана", "0000", kNow);
        ASSERT_GT(policy.SecondsLocked("Ана", kNow), 0);
    }
};

}  // namespace

TEST_F(AdminFixture, ResettingAPinLetsTheLearnerInWithTheNewOneAtOnce) {
    LockOut();
    KioskAdmin admin = Admin();
    EXPECT_FALSE(admin.ResetPin("Ана", "2468", "2467", kNow).ok()) << "PINs that differ";
    EXPECT_FALSE(admin.ResetPin("Ана", "24", "24", kNow).ok()) << "too short";
    AdminResult r = admin.ResetPin("ана", "2468", "2468", kNow);
    ASSERT_TRUE(r.ok()) << Describe(r.error());
    SignInPolicy policy(store.get(), SignInSettings{true, true, SignInMode::List});
    EXPECT_EQ(policy.SecondsLocked("Ана", kNow), 0) << "the reset kept the lock-out";
    EXPECT_EQ(policy.SubmitPin("Ана", "1357", kNow).step, Step::AskPin) << "the old PIN still works";
    EXPECT_EQ(policy.SubmitPin("Ана", "2468", kNow).step, Step::Session);
    ASSERT_EQ(admin.Log().size(), 1u);
    EXPECT_NE(admin.Log()[0].find("reset-pin Ана"), std::string::npos) << admin.Log()[0];
    // Both fields empty: the PIN is removed.
    ASSERT_TRUE(admin.ResetPin("Ана", "", "", kNow).ok());
    EXPECT_EQ(policy.Choose("Ана", kNow).step, Step::Session);
    EXPECT_NE(admin.Log().back().find("remove-pin"), std::string::npos);
}

TEST_F(AdminFixture, ClearingALockOutKeepsThePin) {
    LockOut();
    KioskAdmin admin = Admin();
    ASSERT_TRUE(admin.ClearLockout("Ана", kNow).ok());
    SignInPolicy policy(store.get(), SignInSettings{true, true, SignInMode::List});
    EXPECT_EQ(policy.SecondsLocked("Ана", kNow), 0);
    EXPECT_EQ(policy.Choose("Ана", kNow).step, Step::AskPin);
    EXPECT_EQ(policy.SubmitPin("Ана", "1357", kNow).step, Step::Session);
    EXPECT_NE(admin.Log().back().find("clear-lockout Ана"), std::string::npos);
    EXPECT_FALSE(admin.ClearLockout("Nobody", kNow).ok());
}

TEST_F(AdminFixture, ExportsFromSeveralKiosksNeverOverwriteEachOtherAndCarryTheLog) {
    KioskAdmin admin = Admin();
    admin.ClearLockout("Ана", kNow);
    const std::string stick = dir.Sub("usb");
    AdminResult first = admin.Export(stick, kNow);
    ASSERT_TRUE(first.ok()) << Describe(first.error());
    AdminResult second = admin.Export(stick, kNow + 1000);
    ASSERT_TRUE(second.ok()) << Describe(second.error());
    ASSERT_EQ(first->files.size(), 3u);
    for (size_t i = 0; i < 3; ++i) {
        EXPECT_NE(first->files[i], second->files[i]);
        EXPECT_NE(first->files[i].filename().string().find(lectern::os::MachineName()), std::string::npos);
        EXPECT_TRUE(std::filesystem::exists(first->files[i]));
    }
    const std::string log = ReadFile(second->files[2].string());
    EXPECT_NE(log.find("clear-lockout Ана"), std::string::npos) << log;
    EXPECT_NE(log.find("export " + stick), std::string::npos) << log;
    EXPECT_EQ(KioskAdmin::StampedName("x", "kiosk-3", 1'780'000'000'000, ".csv"), "x-kiosk-3-20260528T202640Z.csv");
}

TEST_F(AdminFixture, AnExportRefusesAPlantedSymlinkAndTheDatabase) {
    KioskAdmin admin = Admin();
    const std::string stick = dir.Sub("usb");
    std::filesystem::create_directories(stick);
    const std::string target = stick + "/" + KioskAdmin::StampedName("lectern-progress", lectern::os::MachineName(), kNow, ".csv");
    ASSERT_EQ(::symlink(store->path().c_str(), target.c_str()), 0);
    const std::string before = ReadFile(store->path());
    AdminResult r = admin.Export(stick, kNow);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, AdminErrorCode::ExportFailed);
    EXPECT_EQ(r.error().export_error.file.code, lectern::os::FileErrorCode::RefusedLink) << Describe(r.error());
    EXPECT_EQ(ReadFile(store->path()), before);
}

TEST_F(AdminFixture, RenameAndRemoveWithItsExportFirst) {
    KioskAdmin admin = Admin();
    store->CreateLearner("Mary", kNow);
    EXPECT_FALSE(admin.Rename("Ана", "MARY", kNow).ok()) << "renamed onto another learner";
    AdminResult renamed = admin.Rename("ана", "Анна", kNow);
    ASSERT_TRUE(renamed.ok()) << Describe(renamed.error());
    EXPECT_TRUE(store->FindLearner("анна"));
    // Removal refused when its export cannot be written: a folder is planted where the CSV goes.
    const std::string blocked = dir.Sub("data/removed-learner-" + std::to_string(ana) + "-" + std::to_string(kNow) + ".csv");
    std::filesystem::create_directories(blocked);
    AdminResult refused = admin.Remove("Анна", kNow);
    EXPECT_FALSE(refused.ok());
    EXPECT_TRUE(store->FindLearner("Анна")) << "removed without an export";
    ASSERT_TRUE(store->RecordPageView(ana, "course", "page-1", kNow).ok());
    AdminResult removed = admin.Remove("Анна", kNow + 1);
    ASSERT_TRUE(removed.ok()) << Describe(removed.error());
    EXPECT_FALSE(store->FindLearner("Анна"));
    ASSERT_EQ(removed->files.size(), 2u);
    EXPECT_NE(ReadFile(removed->files[0].string()).find("page-1"), std::string::npos) << "the export lost the learner's records";
    struct stat st {};
    ASSERT_EQ(::stat(removed->files[0].c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    EXPECT_NE(admin.Log().back().find("remove Анна"), std::string::npos);
}

TEST(KioskRules, OnlyTheAdministratorMovesTheStoreOrQuitsAKiosk) {
    for (bool kiosk : {false, true})
        for (bool unlocked : {false, true}) {
            EXPECT_EQ(MayMoveStoreAside(kiosk, unlocked), !kiosk || unlocked);
            EXPECT_EQ(MayQuit(kiosk, unlocked), !kiosk || unlocked);
        }
}

TEST_F(AdminFixture, TheAdministratorPinIsSetOnceThenOnlyChangedWhenUnlocked) {
    KioskAdmin admin = Admin();
    EXPECT_FALSE(admin.Unlock("2468", kNow).ok()) << "unlocked with no PIN set";
    EXPECT_FALSE(admin.SetAdminPin("2468", "2486", false, kNow).ok()) << "PINs that differ";
    ASSERT_TRUE(admin.SetAdminPin("2468", "2468", false, kNow).ok()) << "first start: anyone at the screen sets it";
    struct stat st {};
    ASSERT_EQ(::stat((dir.Sub("data") + "/admin.pin").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    // Now a learner's screen cannot replace it; only the unlocked administrator can.
    EXPECT_FALSE(admin.SetAdminPin("1111", "1111", false, kNow).ok());
    EXPECT_FALSE(admin.Unlock("1111", kNow).ok());
    EXPECT_TRUE(admin.Unlock("2468", kNow).ok());
    ASSERT_TRUE(admin.SetAdminPin("8642", "8642", true, kNow).ok());
    EXPECT_FALSE(admin.Unlock("2468", kNow).ok());
    EXPECT_TRUE(admin.Unlock("8642", kNow).ok());
    EXPECT_NE(admin.Log().front().find("set-admin-pin"), std::string::npos);
    EXPECT_NE(admin.Log().back().find("change-admin-pin"), std::string::npos);
}

TEST_F(AdminFixture, WrongAdministratorPinsLockEntryAndTheRightOneWaits) {
    KioskAdmin admin = Admin();
    ASSERT_TRUE(admin.SetAdminPin("2468", "2468", false, kNow).ok());
    EXPECT_EQ(admin.Unlock("0000", kNow).error().code, AdminErrorCode::WrongPin);
    for (int i = 1; i < 4; ++i) admin.Unlock("0000", kNow + i);
    AdminResult last = admin.Unlock("0000", kNow + 4);
    ASSERT_FALSE(last.ok());
    EXPECT_EQ(last.error().code, AdminErrorCode::Locked);
    EXPECT_GT(last.error().seconds_locked, 0);
    AdminResult during = admin.Unlock("2468", kNow + 10);
    EXPECT_FALSE(during.ok()) << "the right PIN during a lock-out opened the screen";
    EXPECT_EQ(during.error().code, AdminErrorCode::Locked);
    EXPECT_GT(during.error().seconds_locked, 0);
    EXPECT_TRUE(admin.Unlock("2468", kNow + 60'000).ok());
}

// The sign-in PIN's and the kiosk administrator's rules between frames (ui/kiosk_controller.h),
// with a fake app behind KioskHost: which screen each action leads to, that PINs never linger in
// the screens' buffers, that only an unlocked administrator acts on learners, that the chord
// signs a learner out before the admin screen opens, and that an idle kiosk signs out on time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "harness.h"
#include "kiosk/pin.h"
#include "ui/kiosk_controller.h"

using namespace lectern;
namespace fs = std::filesystem;
namespace ui = lectern::ui;

namespace {

constexpr int64_t kNow = 1'780'000'000'000;  // wall clock, ms
constexpr int64_t kBoot = 7'000'000;         // boot clock, ms

struct ScratchDir {
    fs::path path;
    ScratchDir() {
        path = fs::temp_directory_path() / ("lectern-kiosk-controller-" + std::to_string(std::random_device{}()));
        fs::create_directories(path);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// The app's side, recorded: what the controller asked it to do.
struct FakeApp : ui::KioskHost {
    ScratchDir dir;
    std::unique_ptr<ProgressStore> store;
    bool signed_in = false;
    ui::KioskController* desk = nullptr;
    std::vector<std::string> calls;
    double wake = -1;
    int exit_status = -1;
    double base_wake = 0;
    std::string open_message;  // why the store did not open, for the test's failure
    FakeApp() {
        OpenResult r = ProgressStore::Open((dir.path / "progress.sqlite3").string());
        if (r.ok()) store = std::move(r.store);
        open_message = r.message;
    }
    bool SignedIn() const override { return signed_in; }
    void SignOut() override {
        calls.push_back("sign-out");
        signed_in = false;
        desk->SignedOut();
    }
    void RefreshLearners() override { calls.push_back("refresh"); }
    void ApplySignIn(const kiosk::Decision& d) override {
        calls.push_back(d.step == kiosk::Step::Session ? "session" : d.step == kiosk::Step::AskPin ? "ask-pin" : "other");
        if (d.step == kiosk::Step::AskPin) desk->PinAsked(d, kNow);
        if (d.step == kiosk::Step::Session) {
            signed_in = true;
            desk->SignedIn(kBoot);
        }
    }
    kiosk::SignInPolicy Policy() override { return kiosk::SignInPolicy(store.get(), {true, true, kiosk::SignInMode::List}); }
    kiosk::KioskAdmin Admin() override { return kiosk::KioskAdmin(store.get(), dir.path); }
    void SetWakeInterval(double seconds) override { wake = seconds; }
    double BaseWakeInterval() const override { return base_wake; }
    void Exit(int status) override { exit_status = status; }
};

struct Desk : ::testing::Test {
    FakeApp app;
    KioskConfig config;
    ui::Trace trace{false};
    ui::KioskController desk{app, trace};
    ui::UiState state;
    ui::ViewModel model;
    void SetUp() override {
        ASSERT_TRUE(app.store) << "the progress store did not open: " << app.open_message;
        app.desk = &desk;
        config.idle_timeout_seconds = 120;
        config.countdown_seconds = 30;
        desk.Configure(true, &config, app.dir.path.string());
    }
    void Do(ui::ActionKind kind, std::string id = "", std::string ref2 = "", std::string ref3 = "", float value = 0) {
        ui::Action a(kind, 0, std::move(id), value);
        a.ref2 = std::move(ref2);
        a.ref3 = std::move(ref3);
        ASSERT_TRUE(ui::KioskController::Handles(kind));
        desk.Apply(a, state, model, kNow);
    }
    void SetAdminPin() {
        Do(ui::ActionKind::AdminSetPin, "2468");
        ASSERT_TRUE(state.admin.message_good) << state.admin.message;
    }
    void Unlock() {
        state.screen = ui::Screen::Admin;
        Do(ui::ActionKind::AdminUnlock, "2468");
        ASSERT_TRUE(model.admin_unlocked) << state.admin.message;
    }
};

}  // namespace

TEST(KioskControllerActions, HandlesThePinAndAdministratorActionsAndNoOthers) {
    // Every action the sign-in PIN and the admin screen send, and none of the learner's own.
    for (ui::ActionKind kind : {ui::ActionKind::SubmitPin, ui::ActionKind::CancelPin, ui::ActionKind::AdminSetPin,
                                ui::ActionKind::AdminUnlock, ui::ActionKind::AdminExit, ui::ActionKind::AdminExport,
                                ui::ActionKind::AdminClose, ui::ActionKind::AdminRename, ui::ActionKind::AdminRemove, ui::ActionKind::AdminSetIdle,
                                ui::ActionKind::AdminResetPin, ui::ActionKind::AdminClearLockout})
        EXPECT_TRUE(ui::KioskController::Handles(kind)) << static_cast<int>(kind);
    for (ui::ActionKind kind : {ui::ActionKind::SignIn, ui::ActionKind::CreateLearner, ui::ActionKind::ConfirmIdentity, ui::ActionKind::SignOut,
                                ui::ActionKind::SignInGuest, ui::ActionKind::StoreMoveAside, ui::ActionKind::SpeakPage,
                                ui::ActionKind::SpeechPause, ui::ActionKind::NextPage})
        EXPECT_FALSE(ui::KioskController::Handles(kind)) << static_cast<int>(kind);
}

TEST_F(Desk, FirstStartSettingTheAdminPinLeadsToTheSignInScreenWithNoDigitsLeft) {
    state.screen = ui::Screen::Admin;
    model.admin_pin_missing = true;
    std::strcpy(state.admin.pin, "2468");
    std::strcpy(state.admin.pin_again, "2468");
    SetAdminPin();
    EXPECT_FALSE(model.admin_pin_missing);
    EXPECT_EQ(state.screen, ui::Screen::Learners);
    EXPECT_TRUE(state.admin.message.empty());
    EXPECT_EQ(state.admin.pin[0], '\0') << "the PIN stayed in the field";
    EXPECT_EQ(state.admin.pin_again[0], '\0');
}

TEST_F(Desk, AWrongAdminPinLocksThenCountsDownOnTheAdminScreen) {
    SetAdminPin();
    state.screen = ui::Screen::Admin;
    for (int i = 0; i < 10 && !desk.PinLocked(); ++i) Do(ui::ActionKind::AdminUnlock, "0000");
    ASSERT_TRUE(desk.PinLocked()) << "wrong PINs never locked the admin screen";
    EXPECT_FALSE(model.admin_unlocked);
    desk.Frame(false, false, state, model, kNow + 500, kBoot);
    EXPECT_NE(state.admin.message.find("Try again in"), std::string::npos) << state.admin.message;
    EXPECT_GT(app.wake, 0.0);
    EXPECT_LE(app.wake, 1.0) << "the countdown ticks each second";
    desk.Frame(false, false, state, model, kNow + 24 * 3600 * 1000LL, kBoot);
    EXPECT_EQ(state.admin.message, "You can try your PIN again.");
    EXPECT_FALSE(desk.PinLocked());
}

TEST_F(Desk, OnlyAnUnlockedAdministratorActsOnLearners) {
    app.store->CreateLearner("Ана", kNow);
    const ui::ActionKind kinds[] = {ui::ActionKind::AdminRename, ui::ActionKind::AdminRemove, ui::ActionKind::AdminResetPin,
                                    ui::ActionKind::AdminClearLockout, ui::ActionKind::AdminExport};
    for (ui::ActionKind kind : kinds) Do(kind, "Ана", "Ann", "");
    EXPECT_TRUE(app.calls.empty()) << "a locked admin screen acted";
    EXPECT_TRUE(app.store->FindLearner("Ана")) << "a learner was renamed or removed without the PIN";
    SetAdminPin();
    Unlock();
    Do(ui::ActionKind::AdminRename, "Ана", "王芳");
    EXPECT_TRUE(state.admin.message_good) << state.admin.message;
    EXPECT_EQ(state.admin.selected, "王芳") << "the selection follows the new name";
    EXPECT_TRUE(app.store->FindLearner("王芳"));
    Do(ui::ActionKind::AdminRename, "王芳", "ليلى");
    EXPECT_EQ(state.admin.selected, "ليلى") << state.admin.message;
    Do(ui::ActionKind::AdminRemove, "ليلى");
    EXPECT_TRUE(state.admin.message_good) << state.admin.message;
    EXPECT_TRUE(state.admin.selected.empty());
    EXPECT_FALSE(app.store->FindLearner("ليلى"));
    EXPECT_EQ(std::count(app.calls.begin(), app.calls.end(), "refresh"), 3) << "the learner list is read again after each";
}

TEST_F(Desk, ResetPinFieldsAreWipedWhetherItWorkedOrNot) {
    app.store->CreateLearner("Kim", kNow);
    SetAdminPin();
    Unlock();
    for (const char* again : {"1357", "9999"}) {
        std::strcpy(state.admin.reset_pin, "1357");
        std::strcpy(state.admin.reset_pin_again, again);
        Do(ui::ActionKind::AdminResetPin, "Kim", "1357", again);
        EXPECT_EQ(state.admin.message_good, std::string(again) == "1357") << state.admin.message;
        EXPECT_EQ(state.admin.reset_pin[0], '\0');
        EXPECT_EQ(state.admin.reset_pin_again[0], '\0');
    }
}

TEST_F(Desk, TheIdleTimeSetOnTheAdminScreenIsTheNextSessionsAndOutOfRangeIsRefused) {
    Do(ui::ActionKind::AdminSetIdle, "", "", "", 600);
    EXPECT_TRUE(state.admin.message_good) << state.admin.message;
    EXPECT_EQ(config.idle_timeout_seconds, 600);
    EXPECT_EQ(model.idle_timeout_seconds, 600);
    EXPECT_EQ(ReadAdminIdleTimeout(app.dir.path.string()), 600) << "not written for the next start";
    for (float bad : {0.0f, 20.0f, 30.0f, 100000.0f}) {
        Do(ui::ActionKind::AdminSetIdle, "", "", "", bad);
        EXPECT_FALSE(state.admin.message_good) << bad;
        EXPECT_EQ(config.idle_timeout_seconds, 600) << bad;
    }
}

TEST_F(Desk, CloseLocksTheAdminScreenAgainAndExitSaysTheAdministratorLeft) {
    SetAdminPin();
    Unlock();
    Do(ui::ActionKind::AdminClose);
    EXPECT_FALSE(model.admin_unlocked);
    EXPECT_EQ(state.screen, ui::Screen::Learners);
    Do(ui::ActionKind::AdminExit);
    EXPECT_EQ(app.exit_status, 10) << "the kiosk unit restarts on anything but 10";
}

TEST_F(Desk, TheChordSignsALearnerOutBeforeTheAdminScreenOpensLocked) {
    app.store->CreateLearner("Kim", kNow);
    app.ApplySignIn(app.Policy().Choose("Kim", kNow));
    ASSERT_TRUE(app.signed_in);
    ASSERT_TRUE(desk.IdleTimerRunning());
    model.admin_unlocked = true;  // left from before: must not carry into the learner's reach
    state.screen = ui::Screen::Reader;
    desk.Frame(true, true, state, model, kNow, kBoot + 1000);
    EXPECT_EQ(state.screen, ui::Screen::Admin);
    EXPECT_FALSE(model.admin_unlocked);
    ASSERT_FALSE(app.calls.empty());
    EXPECT_EQ(app.calls.back(), "sign-out");
    EXPECT_FALSE(desk.IdleTimerRunning());
    // Pressed again on the admin screen: nothing more happens.
    app.calls.clear();
    desk.Frame(true, true, state, model, kNow, kBoot + 2000);
    EXPECT_TRUE(app.calls.empty());
}

TEST_F(Desk, OutsideKioskModeTheChordAndIdleTimeDoNothing) {
    desk.Configure(false, &config, app.dir.path.string());
    app.store->CreateLearner("Kim", kNow);
    app.ApplySignIn(app.Policy().Choose("Kim", kNow));
    EXPECT_FALSE(desk.IdleTimerRunning());
    state.screen = ui::Screen::Reader;
    desk.Frame(true, false, state, model, kNow, kBoot + 10 * 3600 * 1000LL);
    EXPECT_EQ(state.screen, ui::Screen::Reader);
    EXPECT_TRUE(app.signed_in);
}

TEST_F(Desk, AnIdleKioskWarnsThenSignsOutExactlyAtTheIdleTime) {
    app.store->CreateLearner("Kim", kNow);
    app.ApplySignIn(app.Policy().Choose("Kim", kNow));
    // Every second from sign-in to past the idle time, with no input.
    for (int s = 0; s <= 121; ++s) {
        desk.Frame(false, false, state, model, kNow, kBoot + s * 1000LL);
        SCOPED_TRACE(s);
        if (s < 90) {
            EXPECT_EQ(model.idle_seconds_left, -1);
        } else if (s < 120) {
            EXPECT_EQ(model.idle_seconds_left, 120 - s);
        }
        EXPECT_EQ(app.signed_in, s < 120);
    }
    EXPECT_EQ(std::count(app.calls.begin(), app.calls.end(), "sign-out"), 1);
    EXPECT_EQ(model.idle_seconds_left, -1);
}

TEST_F(Desk, ALearnersLockedPinCountsDownOnTheSignInScreenAndCancelLiftsIt) {
    auto kim = app.store->CreateLearner("Kim", kNow);
    app.store->SetPinHash(*kim, *HashPin("1357"), kNow);
    state.screen = ui::Screen::Learners;
    state.sign_in.pin_for = "Kim";
    for (int i = 0; i < 10 && !desk.PinLocked(); ++i) {
        std::strcpy(state.sign_in.pin, "0000");
        Do(ui::ActionKind::SubmitPin, "0000");
        EXPECT_EQ(state.sign_in.pin[0], '\0') << "the PIN stayed in the field";
    }
    ASSERT_TRUE(desk.PinLocked());
    EXPECT_FALSE(app.signed_in);
    desk.Frame(false, false, state, model, kNow + 100, kBoot);
    EXPECT_NE(state.sign_in.message.find("Try again in"), std::string::npos) << state.sign_in.message;
    Do(ui::ActionKind::CancelPin);
    EXPECT_FALSE(desk.PinLocked());
    EXPECT_TRUE(state.sign_in.pin_for.empty());
    EXPECT_TRUE(state.sign_in.message.empty());
}

TEST(KioskChordUi, PressedOnlyWithExactlyItsModifiersAndOnlyOnTheFrameTheKeyGoesDown) {
    test::UiHarness h(std::string(LECTERN_TEST_DATA) + "/fixture-course");
    const KeyChord chord{true, true, true, false, "A"};
    struct Case {
        bool ctrl, alt, shift;
        int key;
        bool pressed;
    };
    const Case cases[] = {{true, true, true, 'A', true},  {true, true, false, 'A', false}, {false, true, true, 'A', false},
                          {true, false, true, 'A', false}, {true, true, true, 'B', false}, {true, true, true, -1, false}};
    for (const Case& c : cases) {
        h.Frame();  // every key up
        bool seen = false;
        h.during_frame = [&] { seen = ui::ChordPressed(chord); };
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = c.ctrl;
        io.KeyAlt = c.alt;
        io.KeyShift = c.shift;
        h.Frame(c.key);
        EXPECT_EQ(seen, c.pressed) << c.ctrl << c.alt << c.shift << " key " << c.key;
        h.Frame(c.key);  // still held: not pressed again
        EXPECT_FALSE(seen) << "a held chord counted twice";
        h.during_frame = nullptr;
        io.KeyCtrl = io.KeyAlt = io.KeyShift = false;
    }
    const KeyChord f5{true, false, true, false, "F5"};
    h.Frame();
    bool seen = false;
    h.during_frame = [&] { seen = ui::ChordPressed(f5); };
    ImGui::GetIO().KeyCtrl = ImGui::GetIO().KeyShift = true;
    h.Frame(294);  // GLFW_KEY_F5
    EXPECT_TRUE(seen);
}

// The sign-in policy: no path reaches a learner's session without that learner's right PIN, and
// none honours a wrong, empty or locked-out PIN. The table is every path x PIN set or not x the
// PIN typed (right, wrong, empty) x locked out or not x kiosk or not, and every spelling of the
// name a person might type; each row is driven the way a persistent person would drive the screen
// (answer "yes, that's me", then type the PIN), and asserts where it ends.
#include <gtest/gtest.h>
#include <sodium.h>

#include <cstring>

#include "kiosk/pin.h"
#include "kiosk/sign_in.h"
#include "progress_test_util.h"

using namespace lectern;
using namespace lectern::kiosk;
using progress_test::TempDir;

namespace {

constexpr int64_t kNow = 1'780'000'000'000;
const char* const kRightPin = "4821";

enum class Path { PickFromList, TypeName, NewLearnerRow, CommandLine, PinFormDirectly };
enum class Typed { Right, Wrong, Empty };

const char* Name(Path p) {
    switch (p) {
        case Path::PickFromList: return "pick from list";
        case Path::TypeName: return "type the name";
        case Path::NewLearnerRow: return "new-learner row";
        case Path::CommandLine: return "--learner";
        case Path::PinFormDirectly: return "PIN form directly";
    }
    return "?";
}

// Argon2id at libsodium's smallest limits: the table verifies a PIN about a hundred times, and at
// the real limits (64 MiB each) that takes minutes under the sanitizers. The policy still re-hashes
// it at the real limits after a right entry, as it would an old kiosk's hash.
const std::string& RightHash() {
    static const std::string hash = [] {
        char out[crypto_pwhash_STRBYTES];
        if (sodium_init() < 0 || crypto_pwhash_str(out, kRightPin, std::strlen(kRightPin), crypto_pwhash_OPSLIMIT_MIN,
                                                   crypto_pwhash_MEMLIMIT_MIN) != 0)
            std::abort();
        return std::string(out);
    }();
    return hash;
}

struct Fixture {
    TempDir dir;
    std::unique_ptr<ProgressStore> store;
    LearnerId victim = 0;
    LearnerId other = 0;

    Fixture(bool victim_has_pin, bool locked) {
        OpenResult r = ProgressStore::Open(dir.Sub("progress.sqlite3"));
        EXPECT_TRUE(r.ok()) << r.message;
        store = std::move(r.store);
        victim = *store->CreateLearner("Алексей Ибрагимов", kNow - 1000);
        other = *store->CreateLearner("Mary", kNow - 1000);
        if (victim_has_pin) store->SetPinHash(victim, RightHash(), kNow - 1000);
        if (locked) {
            PinGate gate;
            for (int i = 0; i < 5; ++i) gate.RecordFailure(kNow - 100);
            EXPECT_FALSE(gate.CanTry(kNow));
            store->SetSetting(victim, kPinGateSettingKey, gate.Serialize(), kNow - 100);
        }
    }
};

std::string PinFor(Typed t) { return t == Typed::Right ? kRightPin : t == Typed::Wrong ? "0000" : ""; }

// Follows the decisions as a determined person at the screen would, and returns the last one.
Decision Drive(SignInPolicy& policy, Path path, const std::string& typed_name, Typed typed, std::vector<Step>* steps) {
    const std::string pin = PinFor(typed);
    Decision d;
    switch (path) {
        case Path::PickFromList:
        case Path::TypeName:
        case Path::CommandLine: d = policy.Choose(typed_name, kNow); break;
        case Path::NewLearnerRow: d = policy.Create(typed_name, pin, pin, kNow); break;
        case Path::PinFormDirectly: d = policy.SubmitPin(typed_name, pin, kNow); break;
    }
    bool pin_typed = false;
    for (int hops = 0; hops < 4; ++hops) {
        steps->push_back(d.step);
        if (d.step == Step::ConfirmIdentity) {
            d = policy.Choose(d.name, kNow);  // "yes, that is me"
        } else if (d.step == Step::AskPin && !pin_typed) {
            pin_typed = true;
            d = policy.SubmitPin(d.name, pin, kNow);
        } else {
            break;
        }
    }
    return d;
}

}  // namespace

TEST(SignInPolicy, NoPathReachesARecordWithoutItsRightPin) {
    const std::vector<std::string> spellings = {"Алексей Ибрагимов", "АЛЕКСЕЙ ИБРАГИМОВ", "  алексей   ибрагимов ",
                                                "Алексей\xC2\xA0Ибрагимов"};
    int rows = 0;
    for (bool kiosk : {true, false})
        for (bool has_pin : {true, false})
            for (bool locked : {false, true}) {
                if (locked && !has_pin) continue;  // a lock-out belongs to a PIN
                for (Typed typed : {Typed::Right, Typed::Wrong, Typed::Empty})
                    for (Path path : {Path::PickFromList, Path::TypeName, Path::NewLearnerRow, Path::CommandLine, Path::PinFormDirectly})
                        for (const std::string& spelling : spellings) {
                            if (path == Path::PickFromList && spelling != spellings[0]) continue;  // the list shows one spelling
                            Fixture fx(has_pin, locked);
                            SignInPolicy policy(fx.store.get(), SignInSettings{kiosk, true, SignInMode::List});
                            std::vector<Step> steps;
                            Decision end = Drive(policy, path, spelling, typed, &steps);
                            ++rows;
                            const std::string where = std::string(Name(path)) + " as '" + spelling + "', kiosk " +
                                                      std::to_string(kiosk) + ", pin " + std::to_string(has_pin) + ", locked " +
                                                      std::to_string(locked) + ", typed " + std::to_string(static_cast<int>(typed));
                            const bool may_enter = !has_pin || (typed == Typed::Right && !locked);
                            const bool entered = end.step == Step::Session && end.learner && end.learner->id == fx.victim;
                            EXPECT_EQ(entered, may_enter) << where;
                            // Only the last step may be a session, and it is never someone else's or a new twin.
                            for (size_t i = 0; i + 1 < steps.size(); ++i) EXPECT_NE(steps[i], Step::Session) << where;
                            if (end.step == Step::Session) {
                                ASSERT_TRUE(end.learner) << where;
                            }
                            EXPECT_EQ(fx.store->Learners().size(), 2u) << where << ": a twin was created";
                            // The new-learner row always asks "is that you?" first for an existing name.
                            if (path == Path::NewLearnerRow) {
                                EXPECT_EQ(steps.front(), Step::ConfirmIdentity) << where;
                            }
                            if (locked && has_pin) {
                                EXPECT_GT(policy.SecondsLocked(spelling, kNow), 0) << where << ": the lock-out was lifted";
                                if (end.step == Step::AskPin) {
                                    EXPECT_GT(end.seconds_locked, 0) << where;
                                }
                            }
                        }
            }
    EXPECT_EQ(rows, 2 * 3 * 3 * (1 + 4 * 4));  // kiosk x (pin,unlocked / pin,locked / no pin) x typed x paths
}

TEST(SignInPolicy, WrongPinsLockTheLearnerOutAndTheRightOneThenWaits) {
    Fixture fx(true, false);
    SignInPolicy policy(fx.store.get(), SignInSettings{true, true, SignInMode::List});
    for (int i = 0; i < 5; ++i) EXPECT_EQ(policy.SubmitPin("Алексей Ибрагимов", "0000", kNow + i).step, Step::AskPin);
    Decision d = policy.SubmitPin("Алексей Ибрагимов", kRightPin, kNow + 10);
    EXPECT_EQ(d.step, Step::AskPin) << "the right PIN during a lock-out must not open the record";
    EXPECT_GT(d.seconds_locked, 0);
    EXPECT_EQ(d.message, SignInMessage::Locked);
    Decision later = policy.SubmitPin("Алексей Ибрагимов", kRightPin, kNow + 31'000);
    EXPECT_EQ(later.step, Step::Session);
}

TEST(SignInPolicy, ANewLearnerPinIsTypedTwice) {
    Fixture fx(false, false);
    SignInPolicy policy(fx.store.get(), SignInSettings{true, true, SignInMode::List});
    Decision differ = policy.Create("王小明", "2468", "2469", kNow);
    EXPECT_EQ(differ.step, Step::Refused);
    EXPECT_EQ(differ.message, SignInMessage::PinsDiffer);
    EXPECT_FALSE(fx.store->FindLearner("王小明")) << "a refused PIN created the learner anyway";
    Decision once = policy.Create("王小明", "2468", "", kNow);
    EXPECT_EQ(once.step, Step::Refused);
    Decision bad = policy.Create("王小明", "12", "12", kNow);
    EXPECT_EQ(bad.step, Step::Refused);
    EXPECT_EQ(bad.message, SignInMessage::PinInvalid);
    EXPECT_EQ(bad.pin_error, PinError::TooShort);
    Decision ok = policy.Create("王小明", "2468", "2468", kNow);
    ASSERT_EQ(ok.step, Step::Session);
    ASSERT_TRUE(ok.learner && ok.learner->pin_hash);
    EXPECT_EQ(VerifyPin("2468", *ok.learner->pin_hash), PinCheck::Match);
    // Signing in as them later asks for that PIN.
    EXPECT_EQ(policy.Choose("王小明", kNow).step, Step::AskPin);
}

TEST(SignInPolicy, NamesInEveryScriptAreOneLearnerHoweverTheyAreTyped) {
    Fixture fx(false, false);
    SignInPolicy policy(fx.store.get(), SignInSettings{false, true, SignInMode::List});
    const std::pair<const char*, const char*> same[] = {
        {"محمد عبد الله", "محمد  عبد الله"}, {"王小明", "王小明 "}, {"José", "JOSE\xCC\x81"}, {"Ὀδυσσεύς", "ὀδυσσεύς"}, {"İlkay", "i\xCC\x87lkay"},
    };
    for (const auto& [first, second] : same) {
        ASSERT_EQ(policy.Create(first, "", "", kNow).step, Step::Session) << first;
        Decision again = policy.Create(second, "", "", kNow);
        EXPECT_EQ(again.step, Step::ConfirmIdentity) << second << " made a twin of " << first;
        EXPECT_EQ(again.name, std::string(first)) << "the prompt names the learner as they were registered";
        EXPECT_EQ(again.message, SignInMessage::AlreadyExists);
    }
    EXPECT_EQ(fx.store->Learners().size(), 2u + std::size(same));
}

TEST(SignInPolicy, WithoutAStoreOnlyGuestsComeIn) {
    SignInPolicy open(nullptr, SignInSettings{true, true, SignInMode::List});
    EXPECT_EQ(open.Choose("Mary", kNow).step, Step::Refused);
    EXPECT_EQ(open.Create("Mary", "", "", kNow).step, Step::Refused);
    EXPECT_EQ(open.Guest().step, Step::Session);
    EXPECT_FALSE(open.Guest().learner);
    SignInPolicy closed(nullptr, SignInSettings{true, false, SignInMode::List});
    EXPECT_EQ(closed.Guest().step, Step::Refused);
    EXPECT_EQ(closed.Choose("Mary", kNow).message, SignInMessage::NoStoreAskAdministrator);
    EXPECT_EQ(open.Choose("Mary", kNow).message, SignInMessage::NoStoreContinueAsGuest);
    EXPECT_EQ(closed.Guest().message, SignInMessage::NoGuests);
}

TEST(SignInPolicy, AnUnknownNameIsRefusedWithoutCreatingAnyone) {
    Fixture fx(false, false);
    SignInPolicy policy(fx.store.get(), SignInSettings{true, true, SignInMode::Type});
    Decision d = policy.Choose("Nobody", kNow);
    EXPECT_EQ(d.step, Step::Refused);
    EXPECT_EQ(d.message, SignInMessage::NoSuchLearner);
    EXPECT_EQ(d.name, "Nobody") << "the interface names the name that was typed";
    EXPECT_EQ(fx.store->Learners().size(), 2u);
}

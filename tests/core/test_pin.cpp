// PINs: the format rule, Argon2id hashes that verify and salt, and the lockout that survives a
// restart, a clock set back and a double-pressed Enter.
#include <gtest/gtest.h>

#include <sodium.h>

#include <chrono>
#include <cstring>
#include <vector>

#include "kiosk/pin.h"

using namespace lectern;

namespace {

constexpr int64_t kT0 = 1714550000000;  // 2024-05-01, an arbitrary fixed "now"
constexpr int64_t kSecond = 1000;

// One hash shared by the tests that only read it: each Argon2id hash costs ~0.1 s.
const std::string& HashOf1234() {
    static const std::string hash = *HashPin("1234");
    return hash;
}

PinGate GateWithFailures(int n, int64_t start_ms) {
    PinGate gate;
    int64_t t = start_ms;
    for (int i = 0; i < n; ++i) {
        // Each wrong entry waits out the lock before it, as a person at the keypad must.
        t += gate.SecondsLeft(t) * kSecond;
        EXPECT_TRUE(gate.RecordFailure(t));
    }
    return gate;
}

}  // namespace

// ---- format -------------------------------------------------------------------------------------

TEST(PinFormat, AcceptsFourToEightAsciiDigits) {
    EXPECT_EQ(ValidatePin("0000"), PinError::None);
    EXPECT_EQ(ValidatePin("1234"), PinError::None);
    EXPECT_EQ(ValidatePin("123456"), PinError::None);
    EXPECT_EQ(ValidatePin("98765432"), PinError::None);
}

TEST(PinFormat, RejectsEmpty) { EXPECT_EQ(ValidatePin(""), PinError::Empty); }

TEST(PinFormat, RejectsFewerThanFourDigits) {
    EXPECT_EQ(ValidatePin("1"), PinError::TooShort);
    EXPECT_EQ(ValidatePin("123"), PinError::TooShort);
}

TEST(PinFormat, RejectsMoreThanEightDigits) {
    EXPECT_EQ(ValidatePin("123456789"), PinError::TooLong);
    EXPECT_EQ(ValidatePin(std::string(1000, '7')), PinError::TooLong);
}

TEST(PinFormat, RejectsLettersSpacesSignsAndControlCharacters) {
    EXPECT_EQ(ValidatePin("12a4"), PinError::NotDigits);
    EXPECT_EQ(ValidatePin("12 34"), PinError::NotDigits);
    EXPECT_EQ(ValidatePin(" 1234"), PinError::NotDigits);
    EXPECT_EQ(ValidatePin("1234\n"), PinError::NotDigits);
    EXPECT_EQ(ValidatePin("-1234"), PinError::NotDigits);
    EXPECT_EQ(ValidatePin(std::string("12\0" "34", 5)), PinError::NotDigits);
}

TEST(PinFormat, RejectsDigitsOfOtherScripts) {
    EXPECT_EQ(ValidatePin("\xD9\xA1\xD9\xA2\xD9\xA3\xD9\xA4"), PinError::NotDigits);  // Arabic-Indic 1234
    EXPECT_EQ(ValidatePin("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94"), PinError::NotDigits);  // fullwidth
}

TEST(PinFormat, ReportsNotDigitsBeforeLength) {
    // "ab" is wrong because of letters; saying "too short" would send the person the wrong way.
    EXPECT_EQ(ValidatePin("ab"), PinError::NotDigits);
}

TEST(PinFormat, EveryErrorHasASentence) {
    for (PinError e : {PinError::Empty, PinError::TooShort, PinError::TooLong, PinError::NotDigits}) {
        EXPECT_GT(std::strlen(ToString(e)), 10u);
    }
}

TEST(PinWipe, StringIsZeroedAndEmptied) {
    std::string pin = "87654321";
    pin.reserve(64);
    const char* data = pin.data();
    size_t capacity = pin.capacity();
    WipePin(pin);
    EXPECT_TRUE(pin.empty());
    EXPECT_EQ(pin.data(), data);  // wiped in place, not moved elsewhere leaving the digits behind
    EXPECT_EQ(pin.capacity(), capacity);
    pin.resize(capacity);  // look at every byte the string owns
    for (char c : pin) EXPECT_EQ(c, '\0');
}

TEST(PinWipe, BufferIsZeroed) {
    char buffer[16] = "20242025";
    WipePin(buffer, sizeof buffer);
    for (char c : buffer) EXPECT_EQ(c, '\0');
    WipePin(nullptr, 10);  // harmless
}

// ---- hashing ------------------------------------------------------------------------------------

TEST(PinHash, VerifiesTheRightPin) {
    ASSERT_FALSE(HashOf1234().empty());
    EXPECT_EQ(VerifyPin("1234", HashOf1234()), PinCheck::Match);
}

TEST(PinHash, RejectsAWrongPin) {
    EXPECT_EQ(VerifyPin("1235", HashOf1234()), PinCheck::Mismatch);
    EXPECT_EQ(VerifyPin("12345", HashOf1234()), PinCheck::Mismatch);
    EXPECT_EQ(VerifyPin("4321", HashOf1234()), PinCheck::Mismatch);
}

TEST(PinHash, MalformedEntryIsAMismatchNotAnError) {
    EXPECT_EQ(VerifyPin("", HashOf1234()), PinCheck::Mismatch);
    EXPECT_EQ(VerifyPin("123", HashOf1234()), PinCheck::Mismatch);
    EXPECT_EQ(VerifyPin("1234 ", HashOf1234()), PinCheck::Mismatch);
}

TEST(PinHash, SamePinHashesDifferentlyEachTime) {
    PinHashResult a = HashPin("1234");
    ASSERT_TRUE(a.ok());
    EXPECT_NE(*a, HashOf1234());  // a fresh random salt
    EXPECT_EQ(VerifyPin("1234", *a), PinCheck::Match);
}

TEST(PinHash, HashIsAnArgon2idStringWithInteractiveLimits) {
    const std::string& h = HashOf1234();
    EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
    EXPECT_NE(h.find("$v=19$m=65536,t=2,p=1$"), std::string::npos) << h;
    EXPECT_TRUE(IsPinHash(h));
}

TEST(PinHash, RefusesToHashAnInvalidPin) {
    PinHashResult r = HashPin("12a4");
    ASSERT_FALSE(r.ok());  // no hash
    EXPECT_EQ(r.error().code, PinHashError::InvalidPin);
    EXPECT_EQ(r.error().pin_error, PinError::NotDigits);
    EXPECT_EQ(HashPin("").error().pin_error, PinError::Empty);
}

TEST(PinHash, AnythingButAnArgon2idStringIsABadHash) {
    std::string truncated = HashOf1234().substr(0, HashOf1234().size() - 10);
    std::string argon2i = "$argon2i$v=19$m=32768,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                          "rtuhJF1ZGx5mMmNkU0Gh0vVHsY8ZpNvvG0yf6yF6a3o";
    for (const std::string& bad : {std::string(), std::string("1234"), std::string("$argon2id$"), truncated,
                                   argon2i, std::string(500, '$'), HashOf1234() + std::string(1, '\0') + "x"}) {
        EXPECT_EQ(VerifyPin("1234", bad), PinCheck::BadHash) << bad;
        EXPECT_FALSE(IsPinHash(bad)) << bad;
    }
}

TEST(PinHash, OnlyHashesWithOtherLimitsNeedARehash) {
    EXPECT_FALSE(PinNeedsRehash(HashOf1234()));
    ASSERT_GE(sodium_init(), 0);
    char weak[crypto_pwhash_STRBYTES];
    ASSERT_EQ(crypto_pwhash_str(weak, "1234", 4, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
    EXPECT_TRUE(PinNeedsRehash(weak));
    EXPECT_EQ(VerifyPin("1234", weak), PinCheck::Match);  // still verifies, so it can be upgraded
    EXPECT_TRUE(PinNeedsRehash("not a hash"));
}

// ---- lockout ------------------------------------------------------------------------------------

TEST(PinGate, FourWrongEntriesDoNotLock) {
    PinGate gate = GateWithFailures(4, kT0);
    EXPECT_TRUE(gate.CanTry(kT0));
    EXPECT_EQ(gate.SecondsLeft(kT0), 0);
    EXPECT_EQ(gate.failures(), 4);
}

TEST(PinGate, FifthWrongEntryLocksForThirtySeconds) {
    PinGate gate = GateWithFailures(5, kT0);
    EXPECT_FALSE(gate.CanTry(kT0));
    EXPECT_EQ(gate.SecondsLeft(kT0), 30);
    EXPECT_EQ(gate.SecondsLeft(kT0 + 29 * kSecond + 1), 1);  // rounded up: never says 0 while locked
    EXPECT_FALSE(gate.CanTry(kT0 + 30 * kSecond - 1));
    EXPECT_TRUE(gate.CanTry(kT0 + 30 * kSecond));
    EXPECT_EQ(gate.SecondsLeft(kT0 + 30 * kSecond), 0);
}

TEST(PinGate, EachWrongEntryAfterALockDoublesIt) {
    PinGate gate = GateWithFailures(5, kT0);
    std::vector<int64_t> locks;
    int64_t t = kT0;
    for (int i = 0; i < 4; ++i) {
        t = gate.lock_started_ms() + gate.lock_ms();  // the moment the lock runs out
        ASSERT_TRUE(gate.CanTry(t));
        ASSERT_TRUE(gate.RecordFailure(t));
        locks.push_back(gate.SecondsLeft(t));
    }
    EXPECT_EQ(locks, (std::vector<int64_t>{60, 120, 240, 480}));
}

TEST(PinGate, LockIsCappedAtOneHour) {
    PinGate gate = GateWithFailures(40, kT0);
    EXPECT_EQ(gate.lock_ms(), 3600 * kSecond);
    int64_t t = gate.lock_started_ms();
    EXPECT_EQ(gate.SecondsLeft(t), 3600);
}

TEST(PinGate, RightEntryResetsEverything) {
    PinGate gate = GateWithFailures(7, kT0);
    gate.RecordSuccess();
    EXPECT_EQ(gate, PinGate());
    int64_t t = kT0 + 3600 * kSecond;
    EXPECT_TRUE(gate.CanTry(t));
    for (int i = 0; i < 4; ++i) gate.RecordFailure(t);
    EXPECT_TRUE(gate.CanTry(t));  // four free wrong entries again, not one
    gate.RecordFailure(t);
    EXPECT_EQ(gate.SecondsLeft(t), 30);  // and the first lock is 30 s again
}

TEST(PinGate, WrongEntriesDuringALockAreIgnored) {
    PinGate gate = GateWithFailures(5, kT0);
    EXPECT_FALSE(gate.RecordFailure(kT0 + 1));  // a double-pressed Enter
    EXPECT_EQ(gate.failures(), 5);
    EXPECT_EQ(gate.lock_ms(), 30 * kSecond);
    EXPECT_EQ(gate.SecondsLeft(kT0 + 1), 30);
}

TEST(PinGate, ClockSetBackRestartsTheLockWithoutStretchingIt) {
    PinGate gate = GateWithFailures(5, kT0);
    int64_t day_earlier = kT0 - 24 * 3600 * kSecond;
    EXPECT_FALSE(gate.CanTry(day_earlier));  // pulling the plug does not lift the lock ...
    EXPECT_EQ(gate.SecondsLeft(day_earlier), 30);
    EXPECT_TRUE(gate.CanTry(day_earlier + 30 * kSecond));  // ... nor make it last a day
}

TEST(PinGate, ClockMovedForwardEndsTheLock) {
    PinGate gate = GateWithFailures(5, kT0);
    EXPECT_TRUE(gate.CanTry(kT0 + 365LL * 24 * 3600 * kSecond));
}

TEST(PinGate, SerializedStateRoundTrips) {
    PinGate gate = GateWithFailures(6, kT0);
    std::string text = gate.Serialize();
    EXPECT_NE(text.find("\"failures\":6"), std::string::npos) << text;
    std::optional<PinGate> back = ParsePinGate(text);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, gate);
    EXPECT_EQ(back->failures(), 6);
    EXPECT_EQ(back->lock_ms(), 60 * kSecond);
}

TEST(PinGate, LockSurvivesARestartMidLock) {
    PinGate gate = GateWithFailures(5, kT0);
    int64_t later = kT0 + 10 * kSecond;
    std::optional<PinGate> restarted = ParsePinGate(gate.Serialize());  // the program was killed
    ASSERT_TRUE(restarted);
    EXPECT_FALSE(restarted->CanTry(later));
    EXPECT_EQ(restarted->SecondsLeft(later), 20);
    EXPECT_TRUE(restarted->CanTry(kT0 + 30 * kSecond));
    restarted->RecordFailure(kT0 + 30 * kSecond);
    EXPECT_EQ(restarted->lock_ms(), 60 * kSecond);  // and the doubling carries on
}

TEST(PinGate, ParseRejectsAnythingElse) {
    for (const char* bad : {"", "{}", "null", "[1,2]", "not json",
                            "{\"v\":2,\"failures\":1,\"lock_started_ms\":0,\"lock_ms\":0}",
                            "{\"v\":1,\"failures\":-1,\"lock_started_ms\":0,\"lock_ms\":0}",
                            "{\"v\":1,\"failures\":\"3\",\"lock_started_ms\":0,\"lock_ms\":0}",
                            "{\"v\":1,\"failures\":3,\"lock_started_ms\":0}",
                            "{\"v\":1,\"failures\":3,\"lock_started_ms\":1.5,\"lock_ms\":0}"}) {
        EXPECT_FALSE(ParsePinGate(bad)) << bad;
    }
    EXPECT_FALSE(ParsePinGate(std::string(10000, '{')));
}

TEST(PinGate, ParseCutsAnOverlongLockToTheCap) {
    std::optional<PinGate> gate =
        ParsePinGate("{\"v\":1,\"failures\":9,\"lock_started_ms\":1000,\"lock_ms\":999999999999}");
    ASSERT_TRUE(gate);
    EXPECT_EQ(gate->lock_ms(), 3600 * kSecond);
}

// ---- one sign-in try ----------------------------------------------------------------------------

TEST(PinTry, RightPinIsAcceptedAndTheGateResetAndSaved) {
    PinGate gate = GateWithFailures(3, kT0);
    std::vector<PinGate> saved;
    EXPECT_EQ(TryPin(gate, "1234", HashOf1234(), kT0, [&](const PinGate& g) { saved.push_back(g); }),
              PinAttempt::Accepted);
    EXPECT_EQ(gate, PinGate());
    ASSERT_EQ(saved.size(), 2u);
    EXPECT_EQ(saved.back(), PinGate());
}

TEST(PinTry, TheTryIsSavedAsAFailureBeforeVerifying) {
    // If the program is killed during the check, the last saved state must already count the try.
    PinGate gate;
    std::vector<PinGate> saved;
    EXPECT_EQ(TryPin(gate, "1234", HashOf1234(), kT0, [&](const PinGate& g) { saved.push_back(g); }),
              PinAttempt::Accepted);
    ASSERT_FALSE(saved.empty());
    EXPECT_EQ(saved.front().failures(), 1);
}

TEST(PinTry, FiveWrongTriesLockAndTheSixthIsNotVerified) {
    PinGate gate;
    PinGate last_saved;
    auto save = [&](const PinGate& g) { last_saved = g; };
    for (int i = 0; i < 5; ++i) EXPECT_EQ(TryPin(gate, "0000", HashOf1234(), kT0, save), PinAttempt::Rejected);
    EXPECT_EQ(last_saved, gate);
    EXPECT_FALSE(gate.CanTry(kT0));
    auto start = std::chrono::steady_clock::now();
    EXPECT_EQ(TryPin(gate, "1234", HashOf1234(), kT0 + kSecond, save), PinAttempt::Locked);  // even the right PIN
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 0.05);
    EXPECT_EQ(TryPin(gate, "1234", HashOf1234(), kT0 + 30 * kSecond, save), PinAttempt::Accepted);
}

TEST(PinTry, UnusableHashLeavesTheGateAlone) {
    PinGate gate;
    int saves = 0;
    EXPECT_EQ(TryPin(gate, "1234", "1234", kT0, [&](const PinGate&) { ++saves; }), PinAttempt::BadHash);
    EXPECT_EQ(saves, 0);
    EXPECT_EQ(gate.failures(), 0);
}

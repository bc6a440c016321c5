// PINs for learners and the kiosk administrator: format rules, Argon2id hashing (libsodium), and
// PinGate, the lockout that makes guessing slow.
//
// Why it is shaped like this: a classroom kiosk is shared by many learners with no one watching.
// A PIN keeps one learner out of another's record, and the administrator PIN keeps learners from
// leaving kiosk mode. PINs are short (4 to 8 digits), so the hash alone cannot protect them from
// someone who copies the database: 10,000 four-digit PINs at ~0.1 s each take ~17 minutes on one
// core. What stops guessing at the kiosk is the lockout (PinGate), and what stops copying is the
// data folder's mode (0700) and the kiosk user having no shell. The hash keeps PINs out of plain
// sight in the store, in backups and in exported files.
//
// Cost (measured on the build machine, Argon2id via crypto_pwhash_str): INTERACTIVE limits
// (t=2, 64 MiB) take ~0.10-0.16 s to hash or verify; MODERATE (t=3, 256 MiB) took 0.5-0.75 s and
// a quarter of a gigabyte per check, too slow and too big for a low-end kiosk, so INTERACTIVE it
// is. Verification blocks the calling thread for that long: the app shows "checking..." for one
// frame first (or runs it on a worker thread) so the window never looks frozen.
//
// Nothing here reads the clock; PinGate takes the time (int64 unix milliseconds) as a parameter.
//
// How the app uses it:
//   set a PIN        ValidatePin(entry) -> message on the keypad; HashPin(entry) ->
//                    store.SetPinHash(learner, hash) or WriteAdminPinHash(data_dir, hash)
//                    (kiosk_config.h); WipePin(entry).
//   sign in          TryPin(gate, entry, stored_hash, now, save) with the gate loaded from
//                    store.GetSetting(learner, kPinGateSettingKey) (ParsePinGate; a fresh PinGate
//                    if missing or unreadable) and save = store.SetSetting(learner,
//                    kPinGateSettingKey, gate.Serialize(), now). For the administrator the gate
//                    lives in <data dir>/admin.gate (ReadAdminGate/WriteAdminGate).
//                    Locked -> show gate.SecondsLeft(now) and disable the keypad.
//                    Accepted and PinNeedsRehash(hash) -> HashPin again and store the new hash.
//   after any entry  WipePin(entry) so the digits do not linger in the heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace lectern {

// ---- format -------------------------------------------------------------------------------------

constexpr int kPinMinDigits = 4;
constexpr int kPinMaxDigits = 8;

enum class PinError {
    None,
    Empty,
    TooShort,   // fewer than 4 digits
    TooLong,    // more than 8 digits
    NotDigits,  // anything but ASCII 0-9 (spaces, letters, other scripts' digits)
};
// A sentence for the keypad: "A PIN has 4 to 8 digits." and so on.
const char* ToString(PinError error);
PinError ValidatePin(std::string_view pin);

// Overwrites the characters (sodium_memzero, which the optimiser may not remove) and empties the
// string. The string's whole capacity is wiped, so digits left there by earlier edits go too.
void WipePin(std::string& pin);
void WipePin(char* buffer, std::size_t size);

// Wipes the PINs it was given when the scope ends, however it ends (every early return of a
// function that took PINs by value).
class PinWipeGuard {
public:
    PinWipeGuard(std::string& a) : m_a(&a) {}
    PinWipeGuard(std::string& a, std::string& b) : m_a(&a), m_b(&b) {}
    ~PinWipeGuard() {
        WipePin(*m_a);
        if (m_b) WipePin(*m_b);
    }
    PinWipeGuard(const PinWipeGuard&) = delete;
    PinWipeGuard& operator=(const PinWipeGuard&) = delete;

private:
    std::string* m_a;
    std::string* m_b = nullptr;
};

// ---- hashing ------------------------------------------------------------------------------------

enum class PinHashError {
    None,
    InvalidPin,         // see pin_error
    CryptoUnavailable,  // sodium_init failed (no entropy source): nothing can be hashed
    OutOfMemory,        // Argon2id could not get its 64 MiB
};
const char* ToString(PinHashError error);

// Why a PIN was not hashed.
struct PinHashFailure {
    PinHashError code = PinHashError::None;
    PinError pin_error = PinError::None;  // set when code == InvalidPin
};
// The hash: "$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>".
using PinHashResult = Result<std::string, PinHashFailure>;

// Argon2id with a fresh random salt: the same PIN hashes differently every time.
PinHashResult HashPin(std::string_view pin);

enum class PinCheck {
    Match,
    Mismatch,  // wrong PIN (a malformed entry is a mismatch too: it cannot be anyone's PIN)
    BadHash,   // the stored string is not an Argon2id hash this build accepts: ask an admin
};
const char* ToString(PinCheck check);

// Constant work for a well-formed entry (Argon2id always runs), so timing says nothing about
// how close a guess was.
PinCheck VerifyPin(std::string_view pin, const std::string& hash);
// True when the hash was made with other limits than this build's (older or weaker settings):
// re-hash the PIN right after a successful check, while it is in hand.
bool PinNeedsRehash(const std::string& hash);
// True when hash looks like an Argon2id string this build can verify.
bool IsPinHash(const std::string& hash);

// ---- lockout ------------------------------------------------------------------------------------

struct PinGatePolicy {
    int free_failures = 5;                    // wrong entries before the first lock
    int64_t first_lock_ms = 30 * 1000;        // the first lock; each further wrong entry doubles it
    int64_t max_lock_ms = 60 * 60 * 1000;     // ... up to this
};

// The lockout for one PIN (one learner, or the administrator), as a plain value.
//
// Entries 1-4 wrong: no wait. The 5th wrong entry locks entry for 30 s; once that lock has run
// out, each further wrong entry locks again for twice as long as the last (60 s, 120 s, ... up
// to 1 hour). A right entry resets everything. Wrong entries recorded during a lock are ignored:
// the app must not verify while locked (CanTry), and a double-pressed Enter must not double the
// wait.
//
// Clocks go backwards on kiosks (a dead RTC battery, a Raspberry Pi restoring its last saved time
// after the plug was pulled, an NTP correction). If `now` is before the lock began, the lock
// restarts from `now` with its full length: pulling the plug neither lifts a lock nor turns 30 s
// into a day. That restart changes the value, which is why CanTry and SecondsLeft are not const;
// saving the changed value is optional (an unsaved restart just happens again after a restart).
class PinGate {
public:
    explicit PinGate(PinGatePolicy policy = {}) : m_policy(policy) {}

    bool CanTry(int64_t now_ms);
    // Whole seconds until the next entry may be tried, rounded up; 0 when it may be tried now.
    int SecondsLeft(int64_t now_ms);
    // Returns false when ignored (a lock was in force at now_ms).
    bool RecordFailure(int64_t now_ms);
    void RecordSuccess();

    int failures() const { return m_failures; }            // wrong entries since the last right one
    int64_t lock_started_ms() const { return m_lock_started_ms; }
    int64_t lock_ms() const { return m_lock_ms; }           // length of the current or last lock; 0: none yet
    const PinGatePolicy& policy() const { return m_policy; }

    // {"v":1,"failures":6,"lock_started_ms":1714550000000,"lock_ms":60000}: small enough for a
    // settings row or a file; holds no secret.
    std::string Serialize() const;

    bool operator==(const PinGate& other) const {
        return m_failures == other.m_failures && m_lock_started_ms == other.m_lock_started_ms &&
               m_lock_ms == other.m_lock_ms;
    }

private:
    friend std::optional<PinGate> ParsePinGate(std::string_view text, PinGatePolicy policy);
    void ReanchorIfClockWentBack(int64_t now_ms);
    int64_t LockedUntil() const { return m_lock_started_ms + m_lock_ms; }

    PinGatePolicy m_policy;
    int m_failures = 0;
    int64_t m_lock_started_ms = 0;
    int64_t m_lock_ms = 0;
};

// nullopt when the text is not a PinGate (wrong version, missing or negative fields). The app
// then starts a fresh PinGate: the state holds no secret and no learner can edit the store.
std::optional<PinGate> ParsePinGate(std::string_view text, PinGatePolicy policy = {});

// The learner setting (ProgressStore::SetSetting) that holds a learner's PinGate.
constexpr const char* kPinGateSettingKey = "kiosk.pin_gate";

// ---- one sign-in try, in the order that survives being killed -----------------------------------

enum class PinAttempt {
    Accepted,
    Rejected,  // wrong PIN; gate.CanTry may now be false
    Locked,    // not tried: wait gate.SecondsLeft(now)
    BadHash,   // the stored hash is unusable: only an administrator can reset this PIN
};
const char* ToString(PinAttempt attempt);

// 1. Locked? Return Locked without verifying.
// 2. Record the try as a failure and save the gate BEFORE verifying, so killing the program (or
//    pulling the plug) during the ~0.1 s check still counts the try.
// 3. Verify; on a match, reset the gate and save it again.
// `save` is called with the gate to persist (once or twice). A stored string that is not a PIN
// hash gives BadHash before anything else and leaves the gate alone: it can never match.
PinAttempt TryPin(PinGate& gate, std::string_view pin, const std::string& hash, int64_t now_ms,
                  const std::function<void(const PinGate&)>& save);

}  // namespace lectern

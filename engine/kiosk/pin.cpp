#include "kiosk/pin.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

namespace lectern {

namespace {

// The limits every new hash is made with. See pin.h for the measurements behind the choice.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
constexpr std::string_view kArgon2idPrefix = crypto_pwhash_argon2id_STRPREFIX;

// sodium_init is itself thread-safe and idempotent; the function-local static (initialised once,
// thread-safely, by the language) only saves calling it on every hash.
bool SodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

}  // namespace

// ---- format -------------------------------------------------------------------------------------

const char* ToString(PinError error) {
    switch (error) {
        case PinError::None: return "The PIN is valid.";
        case PinError::Empty: return "Enter a PIN of 4 to 8 digits.";
        case PinError::TooShort: return "A PIN has at least 4 digits.";
        case PinError::TooLong: return "A PIN has at most 8 digits.";
        case PinError::NotDigits: return "A PIN has only the digits 0 to 9.";
    }
    return "Unknown PIN error.";
}

PinError ValidatePin(std::string_view pin) {
    if (pin.empty()) return PinError::Empty;
    // Digits first: "12a" is "not digits", not "too short", which is the fix the person needs.
    for (char c : pin) {
        if (c < '0' || c > '9') return PinError::NotDigits;
    }
    if (pin.size() < static_cast<size_t>(kPinMinDigits)) return PinError::TooShort;
    if (pin.size() > static_cast<size_t>(kPinMaxDigits)) return PinError::TooLong;
    return PinError::None;
}

void WipePin(std::string& pin) {
    // Growing to the capacity never reallocates, and makes every byte the string owns ours to wipe.
    pin.resize(pin.capacity());
    sodium_memzero(pin.data(), pin.size());
    pin.clear();
}

void WipePin(char* buffer, std::size_t size) {
    if (buffer && size > 0) sodium_memzero(buffer, size);
}

// ---- hashing ------------------------------------------------------------------------------------

const char* ToString(PinHashError error) {
    switch (error) {
        case PinHashError::None: return "ok";
        case PinHashError::InvalidPin: return "the PIN is not 4 to 8 digits";
        case PinHashError::CryptoUnavailable: return "the cryptography library could not start";
        case PinHashError::OutOfMemory: return "not enough memory to hash the PIN";
    }
    return "unknown error";
}

PinHashResult HashPin(std::string_view pin) {
    if (const PinError e = ValidatePin(pin); e != PinError::None) return PinHashResult::Fail({PinHashError::InvalidPin, e});
    if (!SodiumReady()) return PinHashResult::Fail({PinHashError::CryptoUnavailable});
    char out[crypto_pwhash_STRBYTES];
    // crypto_pwhash_str makes Argon2id with a random salt and encodes algorithm, limits and salt
    // in the string, so verification needs nothing but the string.
    if (crypto_pwhash_str(out, pin.data(), pin.size(), kOpsLimit, kMemLimit) != 0)
        return PinHashResult::Fail({PinHashError::OutOfMemory});  // the only documented failure
    return std::string(out);
}

const char* ToString(PinCheck check) {
    switch (check) {
        case PinCheck::Match: return "match";
        case PinCheck::Mismatch: return "mismatch";
        case PinCheck::BadHash: return "bad hash";
    }
    return "unknown";
}

bool IsPinHash(const std::string& hash) {
    if (hash.size() >= crypto_pwhash_STRBYTES) return false;
    if (hash.compare(0, kArgon2idPrefix.size(), kArgon2idPrefix) != 0) return false;
    if (hash.find('\0') != std::string::npos) return false;
    if (!SodiumReady()) return false;
    // needs_rehash decodes the whole string (version, limits, salt, hash) and returns -1 when
    // it is malformed: a structural check that costs no Argon2 work.
    return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != -1;
}

PinCheck VerifyPin(std::string_view pin, const std::string& hash) {
    if (!IsPinHash(hash)) return PinCheck::BadHash;
    if (ValidatePin(pin) != PinError::None) return PinCheck::Mismatch;
    // The argon2id-specific verify: crypto_pwhash_str_verify would also accept argon2i strings,
    // which this program never writes.
    if (crypto_pwhash_argon2id_str_verify(hash.c_str(), pin.data(), pin.size()) == 0) return PinCheck::Match;
    return PinCheck::Mismatch;
}

bool PinNeedsRehash(const std::string& hash) {
    if (!IsPinHash(hash)) return true;
    return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

// ---- lockout ------------------------------------------------------------------------------------

void PinGate::ReanchorIfClockWentBack(int64_t now_ms) {
    if (m_lock_ms > 0 && now_ms < m_lock_started_ms) m_lock_started_ms = now_ms;
}

bool PinGate::CanTry(int64_t now_ms) {
    ReanchorIfClockWentBack(now_ms);
    return m_lock_ms == 0 || now_ms >= LockedUntil();
}

int PinGate::SecondsLeft(int64_t now_ms) {
    if (CanTry(now_ms)) return 0;
    int64_t left_ms = LockedUntil() - now_ms;
    return static_cast<int>((left_ms + 999) / 1000);
}

bool PinGate::RecordFailure(int64_t now_ms) {
    if (!CanTry(now_ms)) return false;
    ++m_failures;
    if (m_failures >= m_policy.free_failures) {
        // Doubling the previous lock (rather than 2^n) cannot overflow and keeps working if the
        // policy's limits change between versions.
        int64_t next = m_lock_ms == 0 ? m_policy.first_lock_ms : m_lock_ms * 2;
        m_lock_ms = std::min(next, m_policy.max_lock_ms);
        m_lock_started_ms = now_ms;
    }
    return true;
}

void PinGate::RecordSuccess() {
    m_failures = 0;
    m_lock_started_ms = 0;
    m_lock_ms = 0;
}

std::string PinGate::Serialize() const {
    nlohmann::json j = {{"v", 1},
                        {"failures", m_failures},
                        {"lock_started_ms", m_lock_started_ms},
                        {"lock_ms", m_lock_ms}};
    return j.dump();
}

std::optional<PinGate> ParsePinGate(std::string_view text, PinGatePolicy policy) {
    if (text.size() > 4096) return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) return std::nullopt;
    auto integer = [&](const char* key) -> std::optional<int64_t> {
        auto it = j.find(key);
        if (it == j.end() || !it->is_number_integer()) return std::nullopt;
        int64_t v = it->get<int64_t>();
        if (v < 0) return std::nullopt;
        return v;
    };
    auto version = integer("v");
    auto failures = integer("failures");
    auto started = integer("lock_started_ms");
    auto lock = integer("lock_ms");
    if (!version || *version != 1 || !failures || !started || !lock) return std::nullopt;
    if (*failures > 1000000) return std::nullopt;
    PinGate gate(policy);
    gate.m_failures = static_cast<int>(*failures);
    gate.m_lock_started_ms = *started;
    // A lock longer than this build's cap (an older build, or a hand edit) is cut to the cap.
    gate.m_lock_ms = std::min(*lock, policy.max_lock_ms);
    return gate;
}

// ---- one sign-in try ----------------------------------------------------------------------------

const char* ToString(PinAttempt attempt) {
    switch (attempt) {
        case PinAttempt::Accepted: return "accepted";
        case PinAttempt::Rejected: return "rejected";
        case PinAttempt::Locked: return "locked";
        case PinAttempt::BadHash: return "bad hash";
    }
    return "unknown";
}

PinAttempt TryPin(PinGate& gate, std::string_view pin, const std::string& hash, int64_t now_ms,
                  const std::function<void(const PinGate&)>& save) {
    if (!IsPinHash(hash)) return PinAttempt::BadHash;
    if (!gate.CanTry(now_ms)) return PinAttempt::Locked;
    gate.RecordFailure(now_ms);
    if (save) save(gate);
    if (VerifyPin(pin, hash) != PinCheck::Match) return PinAttempt::Rejected;
    gate.RecordSuccess();
    if (save) save(gate);
    return PinAttempt::Accepted;
}

}  // namespace lectern

// lectern_kiosk: who may open which learner's record, and what the kiosk's administrator may do.
// Owns: the sign-in policy (every path into a learner's session), PIN checks and lock-outs for
// learners, the administrator's actions on learners and the store (reset a PIN, clear a lock-out,
// rename, remove, export), and the administrator log. Decisions only: no ImGui, GLFW or GL, no
// UI buffers. The UI hands typed values in; the app turns decisions into screens.
// Must never include: ui/, platform/, app/. Links lectern_core (store, PINs, kiosk config).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/pin.h"
#include "progress/progress_store.h"

namespace lectern::kiosk {

enum class SignInMode {
    List,  // the sign-in screen lists learners' names to pick from
    Type,  // no names on screen: learners type theirs (names are personal data in plain view)
};

struct SignInSettings {
    bool kiosk = false;
    bool allow_guest = true;
    SignInMode mode = SignInMode::List;
};

enum class Step {
    Session,          // start a session now: `learner`'s, or a guest's when `learner` is empty
    AskPin,           // ask `name` for their PIN (`seconds_locked` > 0: not yet, say how long)
    ConfirmIdentity,  // "A learner called `name` already exists. Is that you?"
    Refused,          // stay where you are; `message` says why
};

// What to tell the person at the screen, as a code: the interface words it from its string
// catalog (ui/kiosk_words.cpp) in the course's language, with the Decision's data.
enum class SignInMessage {
    None,
    NoStoreContinueAsGuest,   // progress cannot be saved, so only guests come in
    NoStoreAskAdministrator,  // ... and this kiosk allows no guests
    NoSuchLearner,            // `name` is no learner's name
    Locked,                   // too many wrong PINs: `seconds_locked`
    AlreadyExists,            // ConfirmIdentity: `name` exists; is that you?
    PinInvalid,               // `pin_error`
    PinsDiffer,
    PinNotSet,                // the PIN could not be hashed (`hash_error`)
    CannotAdd,                // the store refused the new learner (`store_error`)
    PinNotSaved,              // the store refused the new learner's PIN (`store_error`)
    CannotReadBack,           // the new learner could not be read back
    PinCannotBeChecked,       // the stored hash is unusable: the administrator must reset it
    WrongPin,
    NoGuests,
};

struct Decision {
    Step step = Step::Refused;
    std::optional<Learner> learner;  // Session: whose session (empty: a guest)
    std::string name;                // AskPin, ConfirmIdentity: the learner's display name; NoSuchLearner: the name given
    SignInMessage message = SignInMessage::None;
    int seconds_locked = 0;          // AskPin: seconds until a PIN may be tried again
    PinError pin_error = PinError::None;
    PinHashError hash_error = PinHashError::None;
    StoreError store_error = StoreError::None;
};

// Every way into a learner's session goes through one of these, and a session is only ever
// decided by: a learner without a PIN chosen by name, a learner just created, a right PIN for a
// learner who is not locked out, or a guest where guests are allowed. Names are compared with the
// one comparison key (text/unicode.h), through the store.
class SignInPolicy {
public:
    // `store` may be null: progress cannot be saved, so only guests may come in.
    SignInPolicy(ProgressStore* store, SignInSettings settings) : m_store(store), m_settings(settings) {}

    // "I am NAME": picked from the list, typed into the sign-in field, --learner on the command
    // line, or "Yes, that is me" after ConfirmIdentity.
    Decision Choose(const std::string& name, int64_t now_ms);
    // The new-learner row: NAME, and an optional PIN typed twice. An existing name is never
    // signed into and never doubled: it asks "Is that you?". The PINs are wiped before return.
    Decision Create(const std::string& name, std::string pin, std::string pin_again, int64_t now_ms);
    // The PIN typed for NAME. Honours and updates NAME's lock-out. The PIN is wiped before return.
    Decision SubmitPin(const std::string& name, std::string pin, int64_t now_ms);
    Decision Guest() const;

    // Seconds until NAME may try a PIN again; 0 when they may now (or have no PIN).
    int SecondsLocked(const std::string& name, int64_t now_ms) const;

    const SignInSettings& settings() const { return m_settings; }

private:
    Decision NoStore() const;
    ProgressStore* m_store;
    SignInSettings m_settings;
};

}  // namespace lectern::kiosk

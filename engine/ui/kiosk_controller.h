// The rules of the sign-in PIN and the kiosk's administrator screen between frames: what each
// PIN or administrator action does to the screens' state, the administrator's key chord, the
// idle sign-out and the PIN lock-out countdown. The decisions themselves are the kiosk
// library's (kiosk/admin.h, kiosk/sign_in.h, kiosk/countdowns.h); this applies them to the
// view state. The app owns the session, so signing in and out go through KioskHost, which the
// tests fake to see that, for example, the chord signs a learner out before the admin screen
// opens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/admin.h"
#include "kiosk/countdowns.h"
#include "kiosk/idle_timer.h"
#include "kiosk/kiosk_config.h"
#include "kiosk/sign_in.h"
#include "ui/trace.h"
#include "ui/ui.h"

namespace lectern::ui {

// What the controller needs of the app: the parts that own the session and the loop.
class KioskHost {
public:
    virtual ~KioskHost() = default;
    virtual bool SignedIn() const = 0;
    virtual void SignOut() = 0;  // ends the session; calls KioskController::SignedOut
    virtual void RefreshLearners() = 0;
    virtual void ApplySignIn(const kiosk::Decision& decision) = 0;
    virtual kiosk::SignInPolicy Policy() = 0;
    virtual kiosk::KioskAdmin Admin() = 0;
    virtual void SetWakeInterval(double seconds) = 0;
    // How often the loop wakes with no input anyway (--capture, --watch); 0: only input wakes it.
    virtual double BaseWakeInterval() const = 0;
    virtual void Exit(int status) = 0;
};

class KioskController {
public:
    // `kiosk`: kiosk mode (the chord, the idle sign-out); without it only the learner PIN's rules
    // apply. `config` is the kiosk's (the admin screen's idle time changes it for the next sign-in).
    KioskController(KioskHost& host, Trace& trace) : m_host(host), m_trace(trace) {}
    void Configure(bool kiosk, KioskConfig* config, std::string data_dir) {
        m_kiosk = kiosk;
        m_config = config;
        m_data_dir = std::move(data_dir);
    }

    // The actions this applies: the learner's PIN (submit, cancel) and the administrator's.
    static bool Handles(ActionKind kind);
    void Apply(const Action& a, UiState& state, ViewModel& model, int64_t now_ms);

    // A sign-in decision asked for a PIN: a lock-out counts down on the PIN prompt.
    void PinAsked(const kiosk::Decision& d, int64_t now_ms) { m_pin_lock.Start(d.step == kiosk::Step::AskPin ? d.seconds_locked : 0, now_ms); }
    // A session began (kiosk: its idle timer starts) or ended.
    void SignedIn(int64_t boot_ms);
    void SignedOut();

    // Once per frame, after drawing: the administrator's chord (`chord_pressed`: this frame),
    // the idle sign-out (kiosk only) and the PIN lock-out countdown.
    void Frame(bool chord_pressed, bool had_input, UiState& state, ViewModel& model, int64_t now_ms, int64_t boot_ms);

    bool IdleTimerRunning() const { return m_idle.has_value(); }
    bool PinLocked() const { return m_pin_lock.Active(); }

private:
    void OpenAdminScreen(UiState& state, ViewModel& model);
    void TickIdle(bool had_input, ViewModel& model, int64_t boot_ms);
    void TickPinLock(UiState& state, const ViewModel& model, int64_t now_ms);

    KioskHost& m_host;
    Trace& m_trace;
    bool m_kiosk = false;
    KioskConfig* m_config = nullptr;
    std::string m_data_dir;
    std::optional<IdleTimer> m_idle;
    kiosk::PinLockout m_pin_lock;
};

// The administrator's chord, read from this frame's keys: the modifiers exactly as configured
// and the key just pressed (not held).
bool ChordPressed(const KeyChord& chord);

}  // namespace lectern::ui

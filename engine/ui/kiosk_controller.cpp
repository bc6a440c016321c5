#include "ui/kiosk_controller.h"

#include <imgui.h>

#include "kiosk/pin.h"
#include "ui/kiosk_words.h"
#include "ui/shaped_text.h"

namespace lectern::ui {

// The PIN's and the administrator's actions stand together in ActionKind (ui.h), from SubmitPin
// to AdminClearLockout; the tests send each of them, and ones either side, through Handles.
bool KioskController::Handles(ActionKind kind) { return kind >= ActionKind::SubmitPin && kind <= ActionKind::AdminClearLockout; }

void KioskController::Apply(const Action& a, UiState& state, ViewModel& model, int64_t now) {
    state.admin.message_good = false;  // the cases that succeed say so
    switch (a.kind) {
        case ActionKind::CancelPin:
            m_pin_lock.Clear();
            state.sign_in.pin_for.clear();
            WipePin(state.sign_in.pin, sizeof state.sign_in.pin);
            state.sign_in.message.clear();
            break;
        case ActionKind::SubmitPin: {
            std::string name = state.sign_in.pin_for;
            WipePin(state.sign_in.pin, sizeof state.sign_in.pin);
            m_host.ApplySignIn(m_host.Policy().SubmitPin(name, a.id, now));
            break;
        }
        case ActionKind::AdminSetPin: {
            // The screen checked the two fields match; the rule of who may set it is the component's.
            kiosk::AdminResult r = m_host.Admin().SetAdminPin(a.id, a.id, model.admin_unlocked, now);
            WipePin(state.admin.pin, sizeof state.admin.pin);
            WipePin(state.admin.pin_again, sizeof state.admin.pin_again);
            state.admin.message = Words(r);
            state.admin.message_good = r.ok();
            if (!r) break;
            model.admin_pin_missing = false;
            if (!model.admin_unlocked) {
                // First start: the PIN is set, the kiosk is ready for its learners.
                state.admin.message.clear();
                state.sign_in.message.clear();
                state.screen = Screen::Learners;
                state.focus_main = true;
            }
            m_trace("admin-pin set");
            break;
        }
        case ActionKind::AdminUnlock: {
            kiosk::AdminResult r = m_host.Admin().Unlock(a.id, now);
            WipePin(state.admin.pin, sizeof state.admin.pin);
            state.admin.message = Words(r);
            state.focus_main = true;  // back to the PIN field, for the keyboard
            if (r) {
                model.admin_unlocked = true;
                m_trace("admin unlocked");
            } else if (r.error().seconds_locked > 0) {
                m_pin_lock.Start(r.error().seconds_locked, now);  // TickPinLock counts down
                m_trace("admin pin locked %d", r.error().seconds_locked);
            }
            break;
        }
        case ActionKind::AdminExport:
        case ActionKind::AdminRename:
        case ActionKind::AdminRemove:
        case ActionKind::AdminResetPin:
        case ActionKind::AdminClearLockout: {
            if (!model.admin_unlocked) break;  // only the unlocked admin screen sends these
            kiosk::KioskAdmin admin = m_host.Admin();
            const kiosk::AdminResult r = a.kind == ActionKind::AdminExport   ? admin.Export(a.id, now)
                                         : a.kind == ActionKind::AdminRename ? admin.Rename(a.id, a.ref2, now)
                                         : a.kind == ActionKind::AdminRemove ? admin.Remove(a.id, now)
                                         : a.kind == ActionKind::AdminResetPin ? admin.ResetPin(a.id, a.ref2, a.ref3, now)
                                                                               : admin.ClearLockout(a.id, now);
            WipePin(state.admin.reset_pin, sizeof state.admin.reset_pin);
            WipePin(state.admin.reset_pin_again, sizeof state.admin.reset_pin_again);
            state.admin.message = Words(r);
            state.admin.message_good = r.ok();
            if (r && a.kind == ActionKind::AdminRename) state.admin.selected = a.ref2;
            if (r && a.kind == ActionKind::AdminRemove) state.admin.selected.clear();
            m_host.RefreshLearners();
            m_trace("admin %d %s", static_cast<int>(a.kind), r ? "ok" : "failed");
            break;
        }
        case ActionKind::AdminSetIdle: {
            if (!m_config) break;
            int seconds = static_cast<int>(a.value);
            AdminFileStatus w = WriteAdminIdleTimeout(m_data_dir, seconds, m_config->countdown_seconds);
            if (w.ok()) {
                m_config->idle_timeout_seconds = seconds;  // the next sign-in's timer uses it
                model.idle_timeout_seconds = seconds;
                state.admin.message = TrFText("Learners are now signed out after {minutes} minutes without input.",
                                              {{"minutes", std::to_string(seconds / 60)}});
                state.admin.message_good = true;
            } else {
                state.admin.message = TrFText("The idle time was not changed. {problem}", {{"problem", Words(w.error())}});
            }
            m_trace("idle-timeout %s %d", w.ok() ? "set" : "refused", seconds);
            break;
        }
        case ActionKind::AdminClose:
            state.focus_main = true;
            model.admin_unlocked = false;
            state.admin.message.clear();
            state.sign_in.message.clear();
            state.screen = Screen::Learners;
            break;
        case ActionKind::AdminExit:
            m_host.Exit(10);  // the kiosk unit treats 10 as "the administrator left": no restart
            break;
        default: break;
    }
}

void KioskController::SignedIn(int64_t boot_ms) {
    if (m_kiosk && m_config) m_idle.emplace(*m_config, boot_ms);
}

void KioskController::SignedOut() {
    m_idle.reset();
    m_pin_lock.Clear();
}

void KioskController::Frame(bool chord_pressed, bool had_input, UiState& state, ViewModel& model, int64_t now_ms, int64_t boot_ms) {
    if (m_kiosk) {
        if (chord_pressed && state.screen != Screen::Admin) OpenAdminScreen(state, model);
        TickIdle(had_input, model, boot_ms);
    }
    TickPinLock(state, model, now_ms);
}

void KioskController::OpenAdminScreen(UiState& state, ViewModel& model) {
    // Nobody must come back to the admin screen, or from it, inside a learner's session: sign
    // the learner out first (their work is already saved).
    if (m_host.SignedIn()) m_host.SignOut();
    m_pin_lock.Clear();  // a learner's PIN lock is not the administrator's
    state.screen = Screen::Admin;
    state.focus_main = true;
    model.admin_unlocked = false;
    m_trace("screen admin");
}

void KioskController::TickIdle(bool had_input, ViewModel& model, int64_t boot_ms) {
    if (!m_idle) {
        model.idle_seconds_left = -1;
        return;
    }
    kiosk::IdleTick tick = kiosk::TickIdle(*m_idle, had_input, boot_ms, m_host.BaseWakeInterval());
    if (tick.sign_out) {
        m_trace("idle sign-out");
        m_host.SignOut();
    }
    model.idle_seconds_left = tick.seconds_left;
    // Each second the warning shows: a test that steps the clock waits for the second it stepped to
    // before it checks that nobody was signed out early.
    if (m_trace.On() && m_trace.Changed("idle", std::to_string(model.idle_seconds_left)) && model.idle_seconds_left >= 0)
        m_trace("idle countdown %d", model.idle_seconds_left);
    m_host.SetWakeInterval(tick.wake_seconds);
}

// While a learner's (or the administrator's) PIN entry is locked, the message counts the seconds
// down (waking once a second), and says when a PIN may be tried again.
void KioskController::TickPinLock(UiState& state, const ViewModel& model, int64_t now_ms) {
    if (!m_pin_lock.Active()) return;
    bool learner_pin = !state.sign_in.pin_for.empty() && !m_host.SignedIn();
    bool admin_pin = state.screen == Screen::Admin && !model.admin_unlocked;
    if (!learner_pin && !admin_pin) {
        m_pin_lock.Clear();
        return;
    }
    std::string& message = learner_pin ? state.sign_in.message : state.admin.message;
    kiosk::PinLockout::Tick tick = m_pin_lock.Advance(now_ms, m_host.BaseWakeInterval());
    if (tick.ended) message = TrText("You can try your PIN again.");
    else message = TrFText("Too many wrong PINs. Try again in {seconds} seconds.", {{"seconds", std::to_string(tick.seconds_left)}});
    m_host.SetWakeInterval(tick.wake_seconds);
}

bool ChordPressed(const KeyChord& c) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl != c.ctrl || io.KeyAlt != c.alt || io.KeyShift != c.shift) return false;
    int key = c.KeyCode();
    return key >= 0 && key < 512 && ImGui::IsKeyPressed(key, false);
}

}  // namespace lectern::ui

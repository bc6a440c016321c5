// Applies the Actions a frame emitted to the session (navigation, answers, attempts, scenario
// choices: each saved before this returns) and to the UI state. The app calls it after each
// frame; tests call it after simulated frames. Learner actions (sign in, sign out) need the
// progress store and are returned to the app in `learner_actions`.
#pragma once

#include <cstdint>

#include "learning/session.h"
#include "ui/ui.h"

namespace lectern::ui {

struct ControllerResult {
    bool quit = false;
    bool page_changed = false;
    bool screen_changed = false;
    std::vector<Action> learner_actions;
};

ControllerResult ApplyActions(const Actions& actions, Session* session, UiState& state, int64_t now_ms);

// After a frame is rendered (the app after each frame; tests after simulated ones): a reader page
// drawn to the end becomes the learner's resume point (Session::PageDrawn). A page during whose
// drawing a Dear ImGui check failed (`assert_failures_before` is LecternImGuiAssertFailures() from
// before the frame; in the player a failure is logged, not fatal) is never the resume point, so
// the same slip cannot meet the learner at every resume: it goes into model.broken_pages and the
// reader shows a notice in its place from then on. Returns false for such a frame.
bool AfterFrame(ViewModel& model, const UiState& state, Session* session, int assert_failures_before, int64_t now_ms);

// Opens a screen, remembering where to come back to from the glossary, references and help.
void OpenScreen(UiState& state, Screen screen);
const char* ScreenName(Screen screen);

// The view state a new learner starts from: every screen's defaults (scroll, open contents tree,
// focus, pop-ups, typed text and PINs) under a new id generation, so ImGui's own per-id state from
// the last learner is not found either. Display settings (text size, theme, speech rate) carry
// over; the app then applies the learner's own. The old state's PIN buffers are wiped.
UiState FreshViewState(UiState& previous);

}  // namespace lectern::ui

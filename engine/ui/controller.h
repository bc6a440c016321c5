// Applies the Actions a frame emitted to the model (the navigator) and the UI state. The app
// calls it after each frame; tests call it after simulated frames.
#pragma once

#include <cstdio>

#include "core/navigator.h"
#include "ui/ui.h"

namespace lectern::ui {

struct ControllerResult {
    bool quit = false;
    bool page_changed = false;
    bool screen_changed = false;
};

ControllerResult ApplyActions(const Actions& actions, Navigator* nav, UiState& state);

// Opens a screen, remembering where to come back to from the glossary, references and help.
void OpenScreen(UiState& state, Screen screen);
const char* ScreenName(Screen screen);

}  // namespace lectern::ui

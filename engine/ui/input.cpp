#include "ui/input.h"

#include <imgui_internal.h>

namespace lectern::ui {

namespace {
// Input-layer memory, not application state: whether the Enter now held went down with Ctrl.
bool g_enter_with_ctrl = false;
}  // namespace

void RemapKeyboard(ImGuiIO& io) {
    int enter = io.KeyMap[ImGuiKey_Enter], pad_enter = io.KeyMap[ImGuiKey_KeyPadEnter], tab = io.KeyMap[ImGuiKey_Tab];
    bool enter_down = (enter >= 0 && io.KeysDown[enter]) || (pad_enter >= 0 && io.KeysDown[pad_enter]);
    if (!enter_down) g_enter_with_ctrl = false;
    else if (io.KeyCtrl) g_enter_with_ctrl = true;
    if (io.WantTextInput) return;  // text fields keep Enter and Tab
    // Ctrl+Enter is the "check / submit" shortcut, not a press of whatever has focus, even if
    // Ctrl is let go before Enter.
    if (enter_down && !g_enter_with_ctrl) io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
    if (tab >= 0 && io.KeysDown[tab]) {
        io.NavInputs[io.KeyShift ? ImGuiNavInput_KeyUp_ : ImGuiNavInput_KeyDown_] = 1.0f;
        io.KeysDown[tab] = false;
    }
}

void FocusLastItem() {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = g.CurrentWindow;
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(g.LastItemData.ID, window);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

}  // namespace lectern::ui

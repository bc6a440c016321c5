#include "ui/input.h"

#include <imgui_internal.h>

namespace lectern::ui {

void RemapKeyboard(ImGuiIO& io) {
    if (io.WantTextInput) return;  // text fields keep Enter and Tab
    int enter = io.KeyMap[ImGuiKey_Enter], pad_enter = io.KeyMap[ImGuiKey_KeyPadEnter], tab = io.KeyMap[ImGuiKey_Tab];
    if ((enter >= 0 && io.KeysDown[enter]) || (pad_enter >= 0 && io.KeysDown[pad_enter]))
        io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
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

// Keyboard behaviour Dear ImGui 1.86 lacks, applied to io between the backend's NewFrame and
// ImGui::NewFrame: Enter presses the focused control (1.86 only maps Space to Activate), and
// Tab/Shift+Tab move to the next/previous control (1.86 only tabs between text fields).
#pragma once

#include <imgui.h>

namespace lectern::ui {

void RemapKeyboard(ImGuiIO& io);

// Gives keyboard focus to the item just drawn and shows the focus ring, so Enter acts on it.
void FocusLastItem();

}  // namespace lectern::ui

#include "ui/input.h"

#include <imgui_internal.h>

#include <cstring>

namespace lectern::ui {

namespace {
// Input-layer memory, not application state (one keyboard, one ImGui context at a time).
bool g_enter_with_ctrl = false;  // the Enter now held went down with Ctrl
bool g_enter_in_text = false;    // the Enter now held was typed into a text field
int g_key_index[ImGuiKey_COUNT];  // the backend's key map, kept while a key is hidden from ImGui
bool g_key_index_known = false;
bool g_arrows_claimed = false, g_arrows_claimed_last = false;
bool g_tooltip = false, g_tooltip_last = false;
int g_tab_dir = 0;         // the Tab move submitted this frame (+1, -1), 0 = none
int g_tab_again = 0;       // go on in this direction next frame (landed on a control Tab skips)
int g_tab_skips = 0;       // controls skipped in a row, so a screen of disabled controls ends it
bool g_tab_from_end = false;  // Shift+Tab at the first control: start again from the last
std::string g_focused_name;   // NameIfFocused this frame

constexpr ImGuiItemFlags kAnchorFlags = ImGuiItemFlags_NoTabStop | ImGuiItemFlags_NoNav | ImGuiItemFlags_NoNavDefaultFocus;

// A hidden key is mapped to an index no key ever sets (GLFW's key codes start at 32), rather than
// to -1: ImGui asserts that Space is mapped when keyboard navigation is on.
constexpr int kNeverDown = 1;
void Hide(ImGuiIO& io, ImGuiKey key) { io.KeyMap[key] = kNeverDown; }
}  // namespace

int KeyIndex(ImGuiKey key) {
    if (g_key_index_known && g_key_index[key] >= 0) return g_key_index[key];
    return ImGui::GetIO().KeyMap[key];
}

void RemapKeyboard(ImGuiIO& io) {
    // Restore what was hidden last frame (the backend sets the map once, at start-up).
    if (!g_key_index_known) {
        for (int k = 0; k < ImGuiKey_COUNT; ++k) g_key_index[k] = -1;
        g_key_index_known = true;
    }
    for (int k = 0; k < ImGuiKey_COUNT; ++k) {
        if (io.KeyMap[k] >= 0 && io.KeyMap[k] != kNeverDown) g_key_index[k] = io.KeyMap[k];
        else io.KeyMap[k] = g_key_index[k];
    }
    g_arrows_claimed_last = g_arrows_claimed;
    g_arrows_claimed = false;
    g_tooltip_last = g_tooltip;
    g_tooltip = false;

    int enter = io.KeyMap[ImGuiKey_Enter], pad_enter = io.KeyMap[ImGuiKey_KeyPadEnter];
    bool enter_down = (enter >= 0 && io.KeysDown[enter]) || (pad_enter >= 0 && io.KeysDown[pad_enter]);
    if (!enter_down) g_enter_with_ctrl = false;
    else if (io.KeyCtrl) g_enter_with_ctrl = true;
    // An Enter that went down in a text field (a name, a PIN, an answer) is that field's until it
    // comes up: held on, it must not also press the button that has focus on the next screen.
    if (!enter_down) g_enter_in_text = false;
    else if (io.WantTextInput) g_enter_in_text = true;
    // Tab is always ours (BeginKeyboardFrame), also in text fields: none of them takes a tab.
    Hide(io, ImGuiKey_Tab);
    if (io.WantTextInput) return;  // text fields keep Enter and their editing keys
    // Ctrl+Enter is the "check / submit" shortcut, not a press of whatever has focus, even if
    // Ctrl is let go before Enter.
    if (enter_down && !g_enter_with_ctrl && !g_enter_in_text) io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
    ImGuiContext& g = *GImGui;
    if (g.OpenPopupStack.Size > 0) return;  // pop-ups and drop-down lists keep their keys
    Hide(io, ImGuiKey_PageUp);
    Hide(io, ImGuiKey_PageDown);
    Hide(io, ImGuiKey_Home);
    Hide(io, ImGuiKey_End);
    Hide(io, ImGuiKey_Escape);
    if (g_arrows_claimed_last) {
        Hide(io, ImGuiKey_LeftArrow);
        Hide(io, ImGuiKey_RightArrow);
    }
    // With a visible focus ring, Space presses the control and Up/Down move between controls;
    // without one (reading), they scroll.
    const bool ring = g.NavId != 0 && !g.NavDisableHighlight;
    if (!ring) {
        Hide(io, ImGuiKey_Space);
        Hide(io, ImGuiKey_UpArrow);
        Hide(io, ImGuiKey_DownArrow);
    }
}

void ClaimArrowKeys() { g_arrows_claimed = true; }

void BeginKeyboardFrame() {
    g_focused_name.clear();
    ImGuiContext& g = *GImGui;
    const ImGuiIO& io = g.IO;
    int dir = g_tab_again;
    g_tab_again = 0;
    g_tab_dir = 0;
    const int tab = KeyIndex(ImGuiKey_Tab);
    if (dir == 0) {
        g_tab_skips = 0;
        if (tab >= 0 && ImGui::IsKeyPressed(tab, true) && !io.KeyCtrl && !io.KeyAlt) dir = io.KeyShift ? -1 : +1;
    }
    if (dir == 0) return;
    if (!g.NavWindow) ImGui::FocusWindow(g.CurrentWindow);
    if (!g.NavWindow) return;
    if (g_tab_from_end) {
        g.NavId = 0;  // nothing matches: backward tabbing then ends on the last control
        g_tab_from_end = false;
    }
    // ImGui's own tabbing with the focus API's flag, which stops at every control, not only
    // at text fields; it runs through the panels that share the screen's navigation root.
    ImGui::NavMoveRequestSubmit(ImGuiDir_None, dir < 0 ? ImGuiDir_Up : ImGuiDir_Down,
                                ImGuiNavMoveFlags_Tabbing | ImGuiNavMoveFlags_FocusApi,
                                ImGuiScrollFlags_KeepVisibleEdgeX | ImGuiScrollFlags_KeepVisibleEdgeY);
    g.NavTabbingDir = dir > 0 && g.NavId == 0 ? 0 : dir;
    g.NavTabbingResultFirst.Clear();
    g.NavTabbingCounter = -1;
    g_tab_dir = dir;
}

void EndKeyboardFrame() {
    ImGuiContext& g = *GImGui;
    if (g_tab_dir == 0 || !(g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing)) return;
    // The result ImGui will apply in the next NewFrame (NavMoveRequestApplyResult's choice).
    const ImGuiNavItemData* result = g.NavMoveResultLocal.ID != 0 ? &g.NavMoveResultLocal : nullptr;
    if ((g.NavTabbingCounter == 1 || g.NavTabbingDir == 0) && g.NavTabbingResultFirst.ID) result = &g.NavTabbingResultFirst;
    if (!result) {
        if (g_tab_dir < 0 && g_tab_skips++ < 64) {  // Shift+Tab at the first control wraps to the last
            g_tab_from_end = true;
            g_tab_again = -1;
        }
        return;
    }
    if ((result->InFlags & (ImGuiItemFlags_Disabled | ImGuiItemFlags_NoTabStop)) && g_tab_skips++ < 64) g_tab_again = g_tab_dir;
}

bool KeyboardWantsFrame() { return g_tab_again != 0; }

bool FocusMoving() {
    const ImGuiContext& g = *GImGui;
    return g.NavMoveSubmitted || g.NavNextActivateId != 0 || g_tab_again != 0;
}

void FocusLastItem() {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = g.CurrentWindow;
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(g.LastItemData.ID, window);
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
}

bool FocusAnchor(const char* id, bool take_focus) {
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = g.CurrentWindow;
    const ImGuiID anchor = window->GetID(id);
    const ImVec2 at = window->DC.CursorPos;
    ImGui::PushItemFlag(kAnchorFlags, true);
    ImGui::ItemAdd(ImRect(at, ImVec2(at.x + 1, at.y + 1)), anchor);  // takes no room
    ImGui::PopItemFlag();
    const bool here = g.NavId == anchor && g.NavWindow == window;
    if (!take_focus) return here;
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(anchor, window);
    g.NavDisableHighlight = true;
    return here;
}

std::string DescribeFocus() {
    const ImGuiContext& g = *GImGui;
    if (!g.NavWindow) return "none";
    // "Lectern/##reader_1A2B3C4D/##page_5E6F7A8B" -> "page"; a pop-up keeps its own name.
    std::string name = g.NavWindow->Name;
    size_t slash = name.rfind('/');
    if (slash != std::string::npos) name = name.substr(slash + 1);
    const size_t own_id = name.find("###");  // "Submit?###submit": the title, in the catalog's language
    if (own_id != std::string::npos && own_id > 0) name = name.substr(0, own_id);
    if (name.rfind("##", 0) == 0) name = name.substr(2);
    size_t suffix = name.rfind('_');
    if (suffix != std::string::npos && name.size() - suffix == 9) name = name.substr(0, suffix);
    // A panel drawn in parts ("##quiz" and its pinned "##quiz.actions") is one panel to a reader.
    name = name.substr(0, name.find('.'));
    const bool ring = g.NavId != 0 && !g.NavDisableHighlight;
    const bool typing = g.ActiveId != 0 && g.ActiveId == g.InputTextState.ID;
    return name + (ring ? " ring" : " no-ring") + (typing ? " typing" : "");
}

void NameIfFocused(const char* label) {
    if (!ImGui::IsItemFocused()) return;
    const char* hidden = std::strstr(label, "##");  // the id part is not what the learner reads
    g_focused_name.assign(label, hidden ? static_cast<size_t>(hidden - label) : std::strlen(label));
}

void NameIfFocused(const char* what, const std::string& id) {
    if (ImGui::IsItemFocused()) NameIfFocused((std::string(what) + " " + id).c_str());
}

std::string FocusedName() { return g_focused_name; }

void NoteKeyboardTooltip() { g_tooltip = true; }
bool KeyboardTooltipShown() { return g_tooltip_last; }
void CloseKeyboardTooltip() {
    GImGui->NavDisableHighlight = true;
    g_tooltip_last = false;
}

}  // namespace lectern::ui

// Keyboard behaviour Dear ImGui 1.86 lacks, so that one key does one thing:
// - Enter presses the focused control (1.86 only maps Space to Activate).
// - Keys the screens use themselves are hidden from ImGui's keyboard navigation, which would
//   otherwise also move focus with them: Left/Right where they turn pages (ClaimArrowKeys),
//   Page Up/Down, Home and End (they scroll), Escape (the app's "back"), and Space, Up and Down
//   while no control shows a focus ring (they scroll). Text fields and open pop-ups keep them all.
// - Tab and Shift+Tab move through every control in the order it is drawn (document order),
//   across the panels of a screen; 1.86 itself only tabs between text fields.
#pragma once

#include <imgui.h>

#include <string>

namespace lectern::ui {

// Before ImGui::NewFrame (the platform's input hook): decides which keys ImGui sees this frame.
void RemapKeyboard(ImGuiIO& io);

// After the screen's outer window has begun and before any control is drawn: starts this
// frame's Tab / Shift+Tab move. EndKeyboardFrame after the last control: a move that landed on
// a disabled control or an anchor (below) goes on to the next control the next frame.
void BeginKeyboardFrame();
void EndKeyboardFrame();
// A Tab move is still going on: draw another frame without waiting for input.
bool KeyboardWantsFrame();
// Focus is on its way to another control (a move ImGui applies next frame, or a text field it
// activates the frame after): input typed now should wait for it (Platform::HoldInput).
bool FocusMoving();

// The screen drawn this frame turns pages with Left and Right: ImGui must not also move focus.
void ClaimArrowKeys();

// The key index of an ImGui key for the screens' own shortcuts (KeyPressed in screens.h): the
// real one even while it is hidden from ImGui.
int KeyIndex(ImGuiKey key);

// Gives keyboard focus to the item just drawn and shows the focus ring, so Enter acts on it.
void FocusLastItem();

// An invisible place at the current cursor where focus can rest without a ring: Tab goes on
// from here to the next control, Shift+Tab to the one before. `take_focus` moves focus here
// (a new page starts at its top, not on its first button). It is not a Tab stop itself.
// Returns whether focus was already here.
bool FocusAnchor(const char* id, bool take_focus);

// Where keyboard focus is, for the trace end-to-end tests read: the panel or dialog that has it
// (its name without ImGui's id suffix, such as "page", "quiz", "contents" or "Submit?"), "ring"
// when a focus ring shows (Enter or Space would press something) else "no-ring", and "typing"
// while a text field has the keyboard. "none" before anything has focus.
std::string DescribeFocus();
// The label of the control that has focus, for the same trace, when that control named itself
// with NameIfFocused right after it was drawn (the top bar's buttons, Home's contents); empty
// otherwise. Tests Tab to a control by its name instead of counting Tabs.
void NameIfFocused(const char* label);
// The same for controls that have no label of their own: "choice b", "move up i2" (`what`, a
// space, the course's id for the control).
void NameIfFocused(const char* what, const std::string& id);
std::string FocusedName();

// A definition or other box shown because a control has keyboard focus: Escape closes it
// (hides the focus ring) before it does anything else.
void NoteKeyboardTooltip();
bool KeyboardTooltipShown();
void CloseKeyboardTooltip();

}  // namespace lectern::ui

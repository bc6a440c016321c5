// Lectern's configuration of Dear ImGui 1.86 (IMGUI_USER_CONFIG, see
// tools/cmake/imgui_from_source.cmake), in place of the defaults Debian's libimgui-dev was built with.
#pragma once

// 32-bit ImWchar: characters above U+FFFF (emoji, rare Han characters, historic scripts) go
// through the font atlas like any other, instead of decoding to U+FFFD.
#define IMGUI_USE_WCHAR32

// A failed assertion reports itself once per place on stderr and lets the frame go on: a slip in
// a screen must not end a learner's session on a kiosk. Tests set LECTERN_IMGUI_ASSERT=abort so
// the same slip fails them (tests/CMakeLists.txt).
void LecternImGuiAssertFailed(const char* expression, const char* file, int line);
// Failed assertions so far (each one, not each place): the app compares it before and after a
// frame to learn that a page failed to draw (ui::AfterFrame).
int LecternImGuiAssertFailures();
#define IM_ASSERT(_EXPR) ((_EXPR) ? (void)0 : LecternImGuiAssertFailed(#_EXPR, __FILE__, __LINE__))

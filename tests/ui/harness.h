// A Dear ImGui context with no window and no GL: frames are run on the CPU, input is written to
// io (1.86: io.KeysDown[], io.MousePos) before NewFrame, and the Actions the UI emits are read.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>
#include <functional>
#include <memory>

#include "course/loader.h"
#include "learning/navigator.h"
#include "learning/session.h"
#include "platform/fonts.h"
#include "ui/controller.h"
#include "ui/input.h"
#include "ui/ui.h"

namespace lectern::test {

// Key indices as the GLFW backend stores them (GLFW key codes), so screens see what they would
// see in the real program.
enum : int { kKeyTab = 258, kKeyEnter = 257, kKeyEscape = 256, kKeyRight = 262, kKeyLeft = 263, kKeyDown = 264,
             kKeyUp = 265, kKeyPageUp = 266, kKeyPageDown = 267, kKeyHome = 268, kKeyEnd = 269, kKeySpace = 32, kKeyBackspace = 259 };

// A child window drawn this frame whose name contains `name` (ImGui names children
// "Parent/name_ID"), or null.
inline ImGuiWindow* ActiveWindowNamed(const char* name) {
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
        if (w->Active && std::strstr(w->Name, name) != nullptr) return w;
    return nullptr;
}

class UiHarness {
public:
    explicit UiHarness(const std::string& course_dir) : UiHarness(LoadCourse(course_dir)) {}
    // `atlas`, when given, is a built atlas the context draws from (shaped_ui.h): the caller sets
    // `fonts` from it. Else ImGui's default font serves every face.
    explicit UiHarness(LoadResult load, ImFontAtlas* atlas = nullptr) {
        m_load = std::move(load);
        if (m_load.course) m_session = std::make_unique<Session>(m_load.course, nullptr, std::nullopt);
        m_ctx = ImGui::CreateContext(atlas);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1280, 800);
        io.DeltaTime = 1.0f / 60.0f;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        const int map[][2] = {{ImGuiKey_Tab, kKeyTab},         {ImGuiKey_LeftArrow, kKeyLeft},  {ImGuiKey_RightArrow, kKeyRight},
                              {ImGuiKey_UpArrow, kKeyUp},      {ImGuiKey_DownArrow, kKeyDown},  {ImGuiKey_PageUp, kKeyPageUp},
                              {ImGuiKey_PageDown, kKeyPageDown}, {ImGuiKey_Home, kKeyHome},     {ImGuiKey_End, kKeyEnd},
                              {ImGuiKey_Space, kKeySpace},     {ImGuiKey_Enter, kKeyEnter},     {ImGuiKey_Escape, kKeyEscape},
                              {ImGuiKey_KeyPadEnter, 335}, {ImGuiKey_Backspace, kKeyBackspace}};
        for (const auto& m : map) io.KeyMap[m[0]] = m[1];
        if (!atlas) {
            ImFont* font = io.Fonts->AddFontDefault();
            unsigned char* pixels;
            int w, h;
            io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
            platform::EmptyBidiControls(font);  // as the player's atlas, its built-in fallback font included
            font->BuildLookupTable();
            fonts.body = fonts.bold = fonts.italic = fonts.bold_italic = font;
            fonts.heading1 = fonts.heading2 = fonts.heading3 = fonts.ui = fonts.ui_bold = fonts.small = font;
            fonts.body_px = font->FontSize;
        }
        ui::ApplyTheme(ui::GetTheme(ui::ThemeId::Light), 1.0f);
        model.course = m_load.course.get();
        model.session = m_session.get();
        model.diagnostics = &m_load.diagnostics;
    }
    ~UiHarness() { ImGui::DestroyContext(m_ctx); }

    // One frame; `key` (a GLFW key code, or -1) is held down during it. Returns what the UI asked.
    ui::Actions Frame(int key = -1) {
        ImGuiIO& io = ImGui::GetIO();
        std::memset(io.KeysDown, 0, sizeof io.KeysDown);
        if (key >= 0) io.KeysDown[key] = true;
        ui::RemapKeyboard(io);
        ImGui::NewFrame();
        ui::Actions actions;
        if (m_session) model.page = m_session->Nav().Index();
        const int assert_failures = LecternImGuiAssertFailures();
        ui::DrawApp(model, state, actions, fonts);
        if (during_frame) during_frame();
        ImGui::Render();
        ui::AfterFrame(model, state, m_session.get(), assert_failures, m_now_ms);
        last = ui::ApplyActions(actions, m_session.get(), state, m_now_ms += 1000);
        if (m_session) model.page = m_session->Nav().Index();
        return actions;
    }

    // Presses and releases a key, then lets the UI settle for a frame.
    ui::Actions Press(int key) {
        ui::Actions a = Frame(key);
        Frame();
        // As the app does: frames while a Tab move goes on past controls it skips.
        for (int i = 0; i < 100 && ui::KeyboardWantsFrame(); ++i) Frame();
        Frame();
        return a;
    }

    void Type(const char* text) {
        ImGui::GetIO().AddInputCharactersUTF8(text);
        Frame();
    }

    // Replaces the guest session with another (one that saves, for resume tests).
    void SetSession(std::unique_ptr<Session> session) {
        m_session = std::move(session);
        model.session = m_session.get();
    }

    Navigator& nav() { return m_session->Nav(); }
    Session& session() { return *m_session; }
    const LoadResult& load() const { return m_load; }

    ui::ViewModel model;
    ui::UiState state;
    ui::Fonts fonts;
    ui::ControllerResult last;
    std::function<void()> during_frame;  // runs inside each frame, after the screens are drawn

private:
    ImGuiContext* m_ctx = nullptr;
    LoadResult m_load;
    std::unique_ptr<Session> m_session;
    int64_t m_now_ms = 1700000000000;
};

}  // namespace lectern::test

// Help: every keyboard shortcut, and the plain facts about the program.
#include <string>
#include <utility>
#include <vector>

#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

std::vector<std::pair<std::string, std::string>> HelpKeys(const ViewModel& model) {
    static const char* keys[][2] = {
        {"Right arrow / Left arrow", "Next page / previous page"},
        {"Space, Page Down / Shift+Space, Page Up", "Scroll the page down / up"},
        {"Home / End", "Top / bottom of the page"},
        {"Up / Down arrows", "Scroll; once a control has the focus ring, move between controls"},
        {"Tab / Shift+Tab", "Move to the next / previous link, term, button or answer, in reading order"},
        {"Enter or Space", "Press the focused button, pick the focused answer, open a term"},
        {"Escape", "Close a definition, pop-up or dialog; then go back to where you were before"},
        {"1 to 9, Ctrl+Enter", "In a quiz or a page's knowledge check: pick the choice with that number; check or submit"},
        {"In a quiz: Right / Left, Ctrl+Enter", "Next / previous question; submit"},
        {"P", "Your progress"},
        {"S / Shift+S", "Read the page aloud or stop; pause or resume"},
        {"G / R / H", "Glossary / references / home"},
        {"C", "Show or hide the contents (in a narrow window, over the page)"},
        {"Ctrl+Plus / Ctrl+Minus / Ctrl+0", "Larger / smaller / normal text (100% to 200%)"},
        {"F7", "Next colour theme (light, dark, high contrast, black on yellow)"},
        {"F1 or ?", "This help"},
    };
    // Present mode's own keys come only when they work.
    static const char* present_keys[][2] = {
        {"Presenter: N", "Hide or show the facilitator notes beside the page"},
        {"Presenter: A", "Reveal the answers on this page, or to the quiz question on screen"},
    };
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& row : keys) rows.emplace_back(row[0], row[1]);
    if (model.present_mode)
        for (const auto& row : present_keys) rows.emplace_back(row[0], row[1]);
    // A classroom kiosk's way out, for whoever looks after it (learners need a PIN to use it).
    if (model.kiosk && !model.admin_chord.empty())
        rows.emplace_back("Administrator: " + model.admin_chord, "Open the administrator screen (asks for the administrator PIN)");
    return rows;
}

void DrawHelpScreen(Frame& f) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##help", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    // Opened: focus at the top, no ring, so Space and the arrows scroll and Tab starts here.
    if (FocusAnchor("##top", f.state.focus_main)) f.state.focus_main = false;
    ScrollKeys();
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    ImGui::PushFont(fonts.ui);
    if (ImGui::Button(Tr("\xE2\x86\x90 Back"))) f.actions.Push(f.model.course ? Action(ActionKind::Back) : Action::Open(Screen::Error));
    ImGui::PopFont();
    RichText("h", Inline{{InlineKind::Text, "Using Lectern with the keyboard", true, false, {}}},
             SingleFontStyle(fonts.heading1, t.text, 1.2f), f.rich, width);
    const std::vector<std::pair<std::string, std::string>> rows = HelpKeys(f.model);
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(width, 0))) {
        ImGui::PushFont(fonts.ui);
        for (const auto& [key, what] : rows) {
            ImGui::TableNextRow();
            ImGui::TableSetColumnIndex(0);
            ImGui::PushFont(fonts.ui_bold);
            ImGui::TextWrapped("%s", key.c_str());
            ImGui::PopFont();
            ImGui::TableSetColumnIndex(1);
            ImGui::TextWrapped("%s", what.c_str());
        }
        ImGui::PopFont();
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    WrappedText(fonts.body, t.text,
                "Glossary terms are underlined with dots: hover over one, or move to it with Tab, to see its "
                "definition (Escape closes it). Links are underlined with a solid line.",
                width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    WrappedText(fonts.body, t.text,
                "Screen readers cannot read Lectern's window. If you use one, ask for the course's HTML edition, which "
                "has the same text and works with every screen reader.",
                width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    WrappedText(fonts.small, t.text_muted, std::string("Lectern ") + LECTERN_VERSION, width);
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

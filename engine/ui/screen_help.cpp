// Help: every keyboard shortcut, and the plain facts about the program.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

std::vector<std::pair<std::string, std::string>> HelpKeys(const ViewModel& model) {
    static const char* keys[][2] = {
        {UiKey("Right arrow / Left arrow"), UiKey("Next page / previous page")},
        {UiKey("Space, Page Down / Shift+Space, Page Up"), UiKey("Scroll the page down / up")},
        {UiKey("Home / End"), UiKey("Top / bottom of the page")},
        {UiKey("Up / Down arrows"), UiKey("Scroll; once a control has the focus ring, move between controls")},
        {UiKey("Tab / Shift+Tab"), UiKey("Move to the next / previous link, term, button or answer, in reading order")},
        {UiKey("Enter or Space"), UiKey("Press the focused button, pick the focused answer, open a term")},
        {UiKey("Escape"), UiKey("Close a definition, pop-up or dialog; then go back to where you were before")},
        {UiKey("1 to 9, Ctrl+Enter"), UiKey("In a quiz or a page's knowledge check: pick the choice with that number; check or submit")},
        {UiKey("In a quiz: Right / Left, Ctrl+Enter"), UiKey("Next / previous question; submit")},
        {UiKey("P"), UiKey("Your progress")},
        {UiKey("S / Shift+S"), UiKey("Read the page aloud or stop; pause or resume")},
        {UiKey("G / R / H"), UiKey("Glossary / references / home")},
        {UiKey("C"), UiKey("Show or hide the contents (in a narrow window, over the page)")},
        {UiKey("Ctrl+Plus / Ctrl+Minus / Ctrl+0"), UiKey("Larger / smaller / normal text (100% to 200%)")},
        {UiKey("F7"), UiKey("Next colour theme (light, dark, high contrast, black on yellow)")},
        {UiKey("F1 or ?"), UiKey("This help")},
    };
    // Present mode's own keys come only when they work.
    static const char* present_keys[][2] = {
        {UiKey("Presenter: N"), UiKey("Hide or show the facilitator notes beside the page")},
        {UiKey("Presenter: A"), UiKey("Reveal the answers on this page, or to the quiz question on screen")},
    };
    // Unshaped: each cell is shaped in the face it is drawn in, after it is wrapped.
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& row : keys) rows.emplace_back(TrText(row[0]), TrText(row[1]));
    if (model.present_mode)
        for (const auto& row : present_keys) rows.emplace_back(TrText(row[0]), TrText(row[1]));
    // A classroom kiosk's way out, for whoever looks after it (learners need a PIN to use it).
    if (model.kiosk && !model.admin_chord.empty())
        rows.emplace_back(TrFText("Administrator: {keys}", {{"keys", model.admin_chord}}),
                          TrText("Open the administrator screen (asks for the administrator PIN)"));
    return rows;
}

// A key cell's runs. Mirrored, a list of keys ("Home / End", "G / R / H") reads from the right
// item by item, as the list of what they do beside it does: each item is a right-to-left
// isolate, so the separators between them take the line's direction. Left alone, Latin keys and
// the slashes between them are one left-to-right run, whose first key is drawn leftmost, at the
// end of a right-to-left line: "End" read first against "Top" (the Arabic interface's
// "Home / End" beside "Top / bottom of the page").
Inline KeyRuns(const std::string& keys) {
    const ShapedText* shaper = ShapedText::Current();
    if (!InterfaceRightToLeft() || !shaper) return Inline{TextRun(keys)};
    Inline runs;
    const std::string separator = " / ";
    for (size_t at = 0;;) {
        const size_t next = keys.find(separator, at);
        Run item = TextRun(keys.substr(at, next == std::string::npos ? std::string::npos : next - at));
        item.span_lang = shaper->Catalog().lang;
        runs.push_back(std::move(item));
        if (next == std::string::npos) break;
        runs.push_back(TextRun(separator));
        at = next + separator.size();
    }
    return runs;
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
    if (BackButton(width)) f.actions.Push(f.model.course ? Action(ActionKind::Back) : Action::Open(Screen::Error));
    ImGui::PopFont();
    RichText("h", Inline{TextRun(TrText("Using Lectern with the keyboard"), true)},
             SingleFontStyle(fonts.heading1, t.text, 1.2f), f.rich, width);
    const std::vector<std::pair<std::string, std::string>> rows = HelpKeys(f.model);
    // Mirrored, the keys are the rightmost column, where a row starts. What a key does is the
    // longer text: it gets the wider column, three fifths against two. But neither column is
    // narrower than its widest word ("Shift+Space,", a kiosk's "Ctrl+Alt+Shift+A"), which a line
    // does not break (UAX #14), as a browser sizes a table's columns; when the table is too
    // narrow for that (a narrow window, large text), each key goes above what it does instead.
    const float cells = std::max(1.0f, width - ImGui::GetStyle().CellPadding.x * 4);
    float widest_key = 0, widest_what = 0;
    for (const auto& [key, what] : rows) {
        widest_key = std::max(widest_key, MeasureRichText(KeyRuns(key), SingleFontStyle(fonts.ui_bold, t.text)).min);
        widest_what = std::max(widest_what, MeasureRichText(Inline{TextRun(what)}, SingleFontStyle(fonts.ui, t.text)).min);
    }
    const float key_width = std::max(cells * 0.4f, std::ceil(widest_key) + 2.0f);
    const bool stacked = cells - key_width < std::ceil(widest_what) + 2.0f;
    if (ImGui::BeginTable("keys", stacked ? 1 : 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp,
                          ImVec2(width, 0))) {
        const int key_column = stacked || !InterfaceRightToLeft() ? 0 : 1;
        // Not resizable: Dear ImGui then takes the key column's width as given every frame (a
        // resizable fixed column fits its contents instead, and a cell's text fills its cell).
        if (stacked) {
            ImGui::TableSetupColumn("##keys", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoResize, 1.0f);
        } else {
            for (int c = 0; c < 2; ++c) {
                if (c == key_column) ImGui::TableSetupColumn("##key", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoResize, key_width);
                else ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoResize, 1.0f);
            }
        }
        int row_id = 0;
        for (const auto& [key, what] : rows) {
            ImGui::TableNextRow();
            ImGui::PushID(row_id++);
            // Both cells by one rule in either direction (WrappedTextOneRule: UAX #14, in logical
            // order, each line then shaped in the cell's own face), so the mirrored table is the
            // left-to-right one's mirror image line for line. ImGui's TextWrapped would wrap an
            // already shaped right-to-left string from its visual start, putting its last words on
            // the first line, and a string shaped in another face draws as boxes.
            ImGui::TableSetColumnIndex(key_column);
            RichText("key", KeyRuns(key), SingleFontStyle(fonts.ui_bold, t.text, 1.0f), RichContext{}, ImGui::GetContentRegionAvail().x);
            if (!stacked) ImGui::TableSetColumnIndex(1 - key_column);
            WrappedTextOneRule(fonts.ui, t.text, what, ImGui::GetContentRegionAvail().x);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    WrappedText(fonts.body, t.text,
                TrText("Glossary terms are underlined with dots: hover over one, or move to it with Tab, to see its "
                "definition (Escape closes it). Links are underlined with a solid line."),
                width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    WrappedText(fonts.body, t.text,
                TrText("Screen readers cannot read Lectern's window. If you use one, ask for the course's HTML edition, which "
                "has the same text and works with every screen reader."),
                width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    WrappedText(fonts.small, t.text_muted, std::string("Lectern ") + LECTERN_VERSION, width);
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

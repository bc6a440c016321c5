// Glossary and references: a way to find things fast. The glossary filters as you type;
// opening a term from a page scrolls to it and marks it.
#include <algorithm>
#include <cctype>

#include "ui/blocks.h"
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

void Heading(Frame& f, const char* text, float width) {
    RichText("heading", Inline{TextRun(TrText(text), true)}, SingleFontStyle(f.fonts.heading1, f.theme.text, 1.2f),
             f.rich, width);
}

void Back(Frame& f, float width) {
    ImGui::PushFont(f.fonts.ui);
    if (BackButton(width)) f.actions.Push(Action(ActionKind::Back));  // as Escape: along the learner's path
    ImGui::PopFont();
}

// Draws a highlighted background behind the group just drawn when `on`.
void MarkIf(bool on, const Theme& t, ImVec2 start, float width) {
    if (!on) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 end(start.x + width, ImGui::GetItemRectMax().y);
    dl->AddRect(ImVec2(start.x - 8, start.y - 4), ImVec2(end.x + 8, end.y + 4), ImGui::GetColorU32(t.focus), 4.0f, 0, 2.0f);
}

}  // namespace

void DrawGlossaryScreen(Frame& f, GlossaryState& glossary) {
    const Course& c = *f.model.course;
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##glossary", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    ScrollKeys();
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    Back(f, width);
    Heading(f, UiKey("Glossary"), width);

    ImGui::PushFont(fonts.ui);
    ImGui::SetNextItemWidth(width);
    if (ImGui::IsWindowAppearing() && glossary.focus.empty()) ImGui::SetKeyboardFocusHere();
    FieldWithHint("##filter", Tr("Type to filter terms and definitions"), glossary.filter, sizeof glossary.filter);
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));

    std::vector<const GlossaryEntry*> entries;
    for (const auto& g : c.glossary) entries.push_back(&g);
    std::sort(entries.begin(), entries.end(), [](const GlossaryEntry* a, const GlossaryEntry* b) {
        return Lower(a->term) < Lower(b->term);
    });
    std::string filter = Lower(glossary.filter);
    int shown = 0;
    for (const GlossaryEntry* g : entries) {
        if (!filter.empty() && Lower(g->term).find(filter) == std::string::npos &&
            Lower(PlainText(g->definition)).find(filter) == std::string::npos)
            continue;
        ++shown;
        ImGui::PushID(g->id.c_str());
        ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        WrappedText(fonts.bold, t.text, g->term, width);
        RichText("def", g->definition, BodyStyle(fonts, t), f.rich, width);
        ImGui::EndGroup();
        bool focus = g->id == glossary.focus;
        MarkIf(focus, t, start, width);
        if (focus && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY(0.2f);
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
        ImGui::PopID();
    }
    if (shown == 0) WrappedText(fonts.ui, t.text_muted, TrFText("No term matches \"{filter}\".", {{"filter", glossary.filter}}), width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 2));
    ImGui::EndGroup();
    ImGui::EndChild();
}

void DrawReferencesScreen(Frame& f, GlossaryState& glossary) {
    const Course& c = *f.model.course;
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##references", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    // Opened: focus at the top, no ring, so Space and the arrows scroll and Tab starts here.
    if (FocusAnchor("##top", f.state.focus_main)) f.state.focus_main = false;
    ScrollKeys();
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    Back(f, width);
    Heading(f, UiKey("References"), width);
    WrappedText(fonts.ui, t.text_muted,
                TrText("The primary sources behind this course. Addresses are given for reference; Lectern never goes online."),
                width);
    std::string group = "\x01";
    for (const Reference& r : c.references) {
        if (r.group != group) {
            group = r.group;
            if (!group.empty()) {
                ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
                RichText("group", Inline{TextRun(group, true)}, SingleFontStyle(fonts.heading2, t.text),
                         f.rich, width);
            }
        }
        ImGui::PushID(r.id.c_str());
        ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        RichText("ref", r.text, BodyStyle(fonts, t), f.rich, width);
        if (!r.url.empty()) WrappedText(fonts.small, t.text_muted, r.url, width);
        ImGui::EndGroup();
        bool focus = r.id == glossary.focus;
        MarkIf(focus, t, start, width);
        if (focus && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY(0.2f);
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 2));
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

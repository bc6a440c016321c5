// The course could not be opened: say so plainly and list every problem with its place, never a
// blank window or a crash.
#include <cstdio>

#include "ui/screens.h"

namespace lectern::ui {

void DrawErrorScreen(Frame& f) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##error", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    float width = std::min(ImGui::GetContentRegionAvail().x - fonts.body_px * 2, fonts.body_px * 48);
    CenterColumn(width);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    RichText("h", Inline{{InlineKind::Text, "This course could not be opened", true, false, {}}},
             SingleFontStyle(fonts.heading1, t.text, 1.2f), f.rich, width);
    int errors = f.model.diagnostics ? f.model.diagnostics->ErrorCount() : 0;
    char line[512];
    std::snprintf(line, sizeof line, "%s has %d problem%s. Nothing was changed and no progress was touched.",
                  f.model.course_path.empty() ? "The course" : f.model.course_path.c_str(), errors, errors == 1 ? "" : "s");
    WrappedText(fonts.body, t.text, line, width);
    WrappedText(fonts.body, t.text_muted,
                "Each line names the file, line and column. Fix them and open the course again; lectern-lint prints the "
                "same list.",
                width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_ChildBg, t.panel);
    float list_h = ImGui::GetContentRegionAvail().y - fonts.ui->FontSize * 4;
    ImGui::BeginChild("##diagnostics", ImVec2(width, std::max(list_h, fonts.body_px * 6)), true);
    ImGui::PushFont(fonts.ui);
    if (f.model.diagnostics) {
        int shown = 0;
        for (const auto& d : f.model.diagnostics->All()) {
            if (++shown > 500) {
                ImGui::TextDisabled("... and %d more", static_cast<int>(f.model.diagnostics->All().size()) - 500);
                break;
            }
            ImGui::PushStyleColor(ImGuiCol_Text, d.severity == Severity::Error ? t.bad : t.text_muted);
            ImGui::TextWrapped("%s", d.Format().c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::PushFont(fonts.ui);
    if (ImGui::Button("Quit")) f.actions.Push(Action(ActionKind::Quit));
    ImGui::PopFont();
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

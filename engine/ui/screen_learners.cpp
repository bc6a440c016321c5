// Who is learning? Pick your name, add a new learner, or continue as a guest (nothing saved).
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

void DrawLearnersScreen(Frame& f) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##learners", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    float width = std::min(ReadingWidth(fonts, ImGui::GetContentRegionAvail().x), fonts.body_px * 28);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px * 2));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    if (f.model.course)
        WrappedText(fonts.ui, t.text_muted, f.model.course->title, width);
    RichText("h", Inline{{InlineKind::Text, "Who is learning?", true, false, {}}}, SingleFontStyle(fonts.heading1, t.text, 1.2f),
             f.rich, width);
    ImGui::PushFont(fonts.ui);
    bool focused = false;
    if (!f.model.store_problem.empty()) {
        // Never delete a learner's record: explain, and move the file aside only when asked.
        WrappedText(fonts.ui_bold, t.bad, "The progress file cannot be used: " + f.model.store_problem, width);
        WrappedText(fonts.ui, t.text,
                    "Nothing has been changed. You can move the file aside (it is renamed, not deleted, so it can be "
                    "recovered later) and start a fresh one, or continue as a guest without saving.",
                    width);
        if (ImGui::Button("Move it aside and start fresh")) ImGui::OpenPopup("Move aside?");
        if (f.state.focus_main && !ImGui::IsWindowAppearing()) {
            FocusLastItem();
            focused = true;
        }
        if (ImGui::BeginPopupModal("Move aside?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
            ImGui::TextUnformatted("Rename the damaged progress file and start a new, empty one?");
            if (PrimaryButton("Yes, move it aside", t)) {
                f.actions.Push(Action(ActionKind::StoreMoveAside));
                ImGui::CloseCurrentPopup();
            }
            if (ImGui::IsWindowAppearing()) ImGui::SetItemDefaultFocus();
            ImGui::SameLine();
            if (ImGui::Button("No") || KeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    }
    for (size_t i = 0; i < f.model.learners.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button(f.model.learners[i].c_str(), ImVec2(width, fonts.ui->FontSize * 2.2f)))
            f.actions.Push(Action(ActionKind::SignIn, 0, f.model.learners[i]));
        if (i == 0 && f.state.focus_main && !focused && !ImGui::IsWindowAppearing()) {
            FocusLastItem();
            focused = true;
        }
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    ImGui::TextUnformatted(f.model.learners.empty() ? "Your name, to keep your progress:" : "New learner:");
    ImGui::SetNextItemWidth(width * 0.65f);
    if (f.state.focus_main && !focused && !ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere();
        focused = true;
    }
    bool enter = ImGui::InputTextWithHint("##name", "Name", f.state.new_learner, sizeof f.state.new_learner,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    bool has_name = f.state.new_learner[0] != '\0';
    ImGui::BeginDisabled(!has_name);
    if ((PrimaryButton("Start", t) || enter) && has_name)
        f.actions.Push(Action(ActionKind::CreateLearner, 0, f.state.new_learner));
    ImGui::EndDisabled();
    if (!f.state.message.empty()) WrappedText(fonts.ui_bold, t.bad, f.state.message, width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    if (ImGui::Button("Continue as a guest (nothing is saved)")) f.actions.Push(Action(ActionKind::SignInGuest));
    ImGui::PopFont();
    if (focused) f.state.focus_main = false;
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    WrappedText(fonts.small, t.text_muted,
                "Progress is kept on this computer, under your name, so you can stop at any time and continue later. "
                "Nothing is sent anywhere.",
                width);
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

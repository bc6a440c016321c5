// The course could not be opened: say so plainly and list every problem with its place, never a
// blank window or a crash.
#include <cstdio>

#include "learning/session.h"
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

// An exception the app's last-chance handler caught: what happened, that the learner's work is
// saved, and one way on (Enter), back to where a session starts. The kiosk session goes on.
void DrawFaultScreen(Frame& f) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##fault", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    float width = std::min(ImGui::GetContentRegionAvail().x - fonts.body_px * 2, fonts.body_px * 36);
    CenterColumn(width);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(1, fonts.body_px * 2));
    RichText("h", Inline{TextRun(TrText("Something went wrong"), true)},
             SingleFontStyle(fonts.heading1, t.text, 1.2f), f.rich, width);
    WrappedText(fonts.body, t.text,
                f.model.session && f.model.session->Saving() && f.model.session->UnsavedAnswers() == 0
                    ? TrText("Lectern met a problem it did not expect. Everything you answered up to now is saved.")
                    : TrText("Lectern met a problem it did not expect."),
                width);
    WrappedText(fonts.small, t.text_muted, TrFText("What happened: {fault}", {{"fault", f.model.fault}}), width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    ImGui::PushFont(fonts.ui);
    const bool in_session = f.model.session != nullptr;
    const char* back = in_session ? Tr("Back to the course") : Tr("Back to sign-in");
    ButtonAtReadingStart(back, width);
    const bool pressed = ImGui::Button(back);
    if (f.state.focus_main) {
        FocusLastItem();  // Enter goes on at once, for keyboard users
        f.state.focus_main = false;
    }
    if (pressed) {
        Action a(ActionKind::OpenScreen);
        a.screen = in_session ? Screen::Home : Screen::Learners;
        f.actions.Push(a);
    }
    ImGui::PopFont();
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace

void DrawErrorScreen(Frame& f) {
    if (!f.model.fault.empty()) {
        DrawFaultScreen(f);
        return;
    }
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##error", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    float width = std::min(ImGui::GetContentRegionAvail().x - fonts.body_px * 2, fonts.body_px * 48);
    CenterColumn(width);
    ImGui::BeginGroup();
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    RichText("h", Inline{TextRun(TrText("This course could not be opened"), true)},
             SingleFontStyle(fonts.heading1, t.text, 1.2f), f.rich, width);
    int errors = f.model.diagnostics ? f.model.diagnostics->ErrorCount() : 0;
    const TrArgs problems = {{"course", f.model.course_path.empty() ? TrText("The course") : f.model.course_path},
                             {"count", std::to_string(errors)}};
    WrappedText(fonts.body, t.text,
                errors == 1 ? TrFText("{course} has {count} problem. Nothing was changed and no progress was touched.", problems)
                            : TrFText("{course} has {count} problems. Nothing was changed and no progress was touched.", problems),
                width);
    WrappedText(fonts.body, t.text_muted,
                TrText("Each line names the file, line and column. Fix them and open the course again; lectern-lint prints the "
                       "same list."),
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
                ImGui::TextDisabled("%s", TrF("... and {count} more", {{"count", std::to_string(f.model.diagnostics->All().size() - 500)}}).c_str());
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
    // A kiosk is left only by its administrator (kiosk/admin.h MayQuit).
    if (f.model.kiosk) WrappedText(fonts.ui_bold, t.text, TrText("Ask your administrator to fix the course."), width);
    else {
        ButtonAtReadingStart(Tr("Quit"), width);
        if (ImGui::Button(Tr("Quit"))) f.actions.Push(Action(ActionKind::Quit));
    }
    ImGui::PopFont();
    ImGui::EndGroup();
    ImGui::EndChild();
}

// --watch: the course on screen is the last good one; this says why the newer files were not
// loaded, and goes away as soon as they load again.
void DrawWatchOverlay(Frame& f) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float w = vp->WorkSize.x * 0.9f;
    float above_bar = fonts.ui->FontSize * 3.2f;  // clear of the Back/Next bar
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - above_bar), ImGuiCond_Always,
                            ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, t.bad_bg);
    ImGui::Begin("##watch", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    const Diagnostics& d = *f.model.watch_problems;
    const TrArgs count = {{"count", std::to_string(d.ErrorCount())}};
    WrappedText(fonts.ui_bold, t.bad,
                d.ErrorCount() == 1 ? TrFText("The course files have {count} error; showing the last version that loaded.", count)
                                    : TrFText("The course files have {count} errors; showing the last version that loaded.", count),
                w - 20);
    ImGui::PushFont(fonts.ui);
    int shown = 0;
    for (const auto& x : d.All()) {
        if (x.severity != Severity::Error) continue;
        if (++shown > 6) {
            ImGui::TextUnformatted("...");
            break;
        }
        ImGui::PushTextWrapPos(w - 20);
        ImGui::TextUnformatted(x.Format().c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace lectern::ui

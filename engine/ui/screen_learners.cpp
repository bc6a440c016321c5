// Who is learning? Pick your name (or, on a kiosk set to sign_in = type, type it), add a new
// learner, or continue as a guest (nothing saved). What a choice leads to (a PIN prompt, "is that
// you?", a session) is the sign-in policy's decision (kiosk/sign_in.h), not this screen's.
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

void DrawLearnersScreen(Frame& f, SignInState& sign_in) {
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
    RichText("h", Inline{TextRun(TrText("Who is learning?"), true)}, SingleFontStyle(fonts.heading1, t.text, 1.2f),
             f.rich, width);
    ImGui::PushFont(fonts.ui);
    bool focused = false;
    if (!f.model.store_problem.empty()) {
        // Never delete a learner's record: explain, and move the file aside only when asked.
        WrappedText(fonts.ui_bold, t.bad, TrFText("The progress file cannot be used: {problem}", {{"problem", f.model.store_problem}}), width);
        if (f.model.kiosk) {
            // Everyone's records are in that file: only the administrator decides what happens to it.
            WrappedText(fonts.ui, t.text,
                        f.model.allow_guest ? TrText("Nothing has been changed. Ask your administrator to look at it; meanwhile "
                                                     "you can continue as a guest, without saving.")
                                            : TrText("Nothing has been changed. Ask your administrator to look at it."),
                        width);
        } else {
        WrappedText(fonts.ui, t.text,
                    TrText("Nothing has been changed. You can move the file aside (it is renamed, not deleted, so it can be "
                           "recovered later) and start a fresh one, or continue as a guest without saving."),
                    width);
        ButtonAtReadingStart(Tr("Move it aside and start fresh"), width);
        if (ImGui::Button(Tr("Move it aside and start fresh"))) ImGui::OpenPopup("###moveaside");
        if (f.state.focus_main && !ImGui::IsWindowAppearing()) {
            FocusLastItem();
            focused = true;
        }
        if (ImGui::BeginPopupModal((std::string(Tr("Move aside?")) + "###moveaside").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
            ImGui::TextUnformatted(Tr("Rename the damaged progress file and start a new, empty one?"));
            ControlRow answer_row(ImGui::GetContentRegionAvail().x);
            answer_row.Next(ButtonWidth(Tr("Yes, move it aside")));
            if (PrimaryButton(TrText("Yes, move it aside").c_str(), t)) {
                f.actions.Push(Action(ActionKind::StoreMoveAside));
                ImGui::CloseCurrentPopup();
            }
            if (ImGui::IsWindowAppearing()) ImGui::SetItemDefaultFocus();
            answer_row.Next(ButtonWidth(Tr("No")));
            if (ImGui::Button(Tr("No")) || KeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        }
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    }
    if (f.model.sign_in_by_typing) {
        // No names on screen: a learner types theirs (then their PIN, if they have one).
        WrappedText(fonts.ui, t.text, TrText("Your name:"), width);
        ControlRow row(width);
        row.Next(width * 0.65f);
        ImGui::SetNextItemWidth(width * 0.65f);
        if (f.state.focus_main && !focused && !ImGui::IsWindowAppearing()) {
            ImGui::SetKeyboardFocusHere();
            focused = true;
        }
        bool go = FieldWithHint("##typedname", Tr("Name"), sign_in.typed_name, sizeof sign_in.typed_name,
                                           ImGuiInputTextFlags_EnterReturnsTrue);
        row.Next(ButtonWidth(Tr("Sign in")));
        go |= PrimaryButton(TrText("Sign in").c_str(), t);
        if (go && sign_in.typed_name[0] != '\0') f.actions.Push(Action(ActionKind::SignIn, 0, sign_in.typed_name));
    }
    for (size_t i = 0; i < f.model.learners.size() && !f.model.sign_in_by_typing; ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (ImGui::Button(Shaped(f.model.learners[i]), ImVec2(width, fonts.ui->FontSize * 2.2f)))
            f.actions.Push(Action(ActionKind::SignIn, 0, f.model.learners[i]));
        if (i == 0 && f.state.focus_main && !focused && !ImGui::IsWindowAppearing()) {
            FocusLastItem();
            focused = true;
        }
        ImGui::PopID();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    WrappedText(fonts.ui, t.text, f.model.learners.empty() ? TrText("Your name, to keep your progress:") : TrText("New learner:"), width);
    ControlRow row(width);
    row.Next(f.model.kiosk ? width * 0.34f : width * 0.65f);
    ImGui::SetNextItemWidth(f.model.kiosk ? width * 0.34f : width * 0.65f);
    if (f.state.focus_main && !focused && !ImGui::IsWindowAppearing()) {
        ImGui::SetKeyboardFocusHere();
        focused = true;
    }
    bool enter = FieldWithHint("##name", Tr("Name"), sign_in.new_learner, sizeof sign_in.new_learner,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    if (f.model.kiosk) {
        // A PIN is typed twice: one slip must not lock a learner out of their own record.
        row.Next(width * 0.22f);
        ImGui::SetNextItemWidth(width * 0.22f);
        enter |= FieldWithHint("##newpin", Tr("PIN (optional)"), sign_in.new_pin, sizeof sign_in.new_pin,
                                          ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                              ImGuiInputTextFlags_EnterReturnsTrue);
        row.Next(width * 0.22f);
        ImGui::SetNextItemWidth(width * 0.22f);
        enter |= FieldWithHint("##newpinagain", Tr("PIN again"), sign_in.new_pin_again, sizeof sign_in.new_pin_again,
                                          ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                              ImGuiInputTextFlags_EnterReturnsTrue);
    }
    row.Next(ButtonWidth(Tr("Start")));
    bool has_name = sign_in.new_learner[0] != '\0';
    ImGui::BeginDisabled(!has_name);
    if ((PrimaryButton(TrText("Start").c_str(), t) || enter) && has_name)
    {
        Action a(ActionKind::CreateLearner, 0, sign_in.new_learner);
        a.ref2 = sign_in.new_pin;
        a.ref3 = sign_in.new_pin_again;
        f.actions.Push(a);
    }
    ImGui::EndDisabled();
    if (!sign_in.message.empty() && sign_in.pin_for.empty() && sign_in.confirm_identity.empty())
        WrappedText(fonts.ui_bold, t.bad, sign_in.message, width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    if (f.model.allow_guest) {
        const char* guest = Tr("Continue as a guest (nothing is saved)");
        ButtonAtReadingStart(guest, width);
        if (ImGui::Button(guest)) f.actions.Push(Action(ActionKind::SignInGuest));
    }
    if (!sign_in.pin_for.empty()) {
        ImGui::OpenPopup("###pin");
        ImGui::SetNextWindowSize(ImVec2(width, 0));
    }
    if (ImGui::BeginPopupModal("###pin", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoTitleBar)) {
        WrappedText(fonts.ui, t.text, TrFText("PIN for {name}:", {{"name", sign_in.pin_for}}), ImGui::GetContentRegionAvail().x);
        ControlRow pin_row(ImGui::GetContentRegionAvail().x);
        const float field_w = ImGui::GetContentRegionAvail().x * 0.6f;
        pin_row.Next(field_w);
        ImGui::SetNextItemWidth(field_w);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        bool enter = FieldWithHint("##pin", Tr("PIN"), sign_in.pin, sizeof sign_in.pin,
                                              ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
        if (enter) {
            f.actions.Push(Action(ActionKind::SubmitPin, 0, sign_in.pin));
            ImGui::SetKeyboardFocusHere(-1);  // keep typing after a wrong PIN
        }
        pin_row.Next(ButtonWidth(Tr("Cancel")));
        if (ImGui::Button(Tr("Cancel")) || KeyPressed(ImGuiKey_Escape)) {
            f.actions.Push(Action(ActionKind::CancelPin));
            ImGui::CloseCurrentPopup();
        }
        if (!sign_in.message.empty()) WrappedText(fonts.ui_bold, t.bad, sign_in.message, ImGui::GetContentRegionAvail().x);
        if (sign_in.pin_for.empty()) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    // "Is that you?": a typed name that is already a learner's never opens their record by itself.
    if (!sign_in.confirm_identity.empty()) {
        ImGui::OpenPopup("###identity");
        ImGui::SetNextWindowSize(ImVec2(width, 0));
    }
    if (ImGui::BeginPopupModal("###identity", nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoTitleBar)) {
        WrappedText(fonts.ui, t.text, TrFText("A learner called {name} already exists. Is that you?", {{"name", sign_in.confirm_identity}}),
                    ImGui::GetContentRegionAvail().x);
        ControlRow answer_row(ImGui::GetContentRegionAvail().x);
        answer_row.Next(ButtonWidth(Tr("Yes, that is me")));
        if (PrimaryButton(TrText("Yes, that is me").c_str(), t)) f.actions.Push(Action(ActionKind::ConfirmIdentity, 0, sign_in.confirm_identity));
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere(-1);
        answer_row.Next(ButtonWidth(Tr("No, choose another name")));
        if (ImGui::Button(Tr("No, choose another name")) || KeyPressed(ImGuiKey_Escape)) f.actions.Push(Action(ActionKind::CancelIdentity));
        if (sign_in.confirm_identity.empty()) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopFont();
    if (focused) f.state.focus_main = false;
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    WrappedText(fonts.small, t.text_muted,
                TrText("Progress is kept on this computer, under your name, so you can stop at any time and continue later. "
                       "Nothing is sent anywhere."),
                width);
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

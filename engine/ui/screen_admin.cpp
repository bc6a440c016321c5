// The kiosk administrator's screen, behind a key chord and a PIN: set the PIN at first start,
// then set the idle sign-out time, export progress to a folder (a USB stick), change the PIN,
// rename or remove learners, reset a learner's PIN or clear their lock-out, move a damaged progress
// file aside, or leave kiosk mode. The rules behind each button are in kiosk/admin.h.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "kiosk/pin.h"
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

bool DigitsOnly(const char* s) {
    if (!*s) return false;
    for (; *s; ++s)
        if (*s < '0' || *s > '9') return false;
    return true;
}

bool PinField(const char* id, const char* hint, char* buf, size_t size, bool focus) {
    if (focus) ImGui::SetKeyboardFocusHere();
    return FieldWithHint(id, hint, buf, size,
                                    ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
}

}  // namespace

void DrawAdminScreen(Frame& f, AdminState& admin) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##admin", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    float width = std::min(ReadingWidth(fonts, ImGui::GetContentRegionAvail().x), fonts.body_px * 30);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px * 2));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    bool focus = f.state.focus_main && !ImGui::IsWindowAppearing();
    if (focus) f.state.focus_main = false;
    ImGui::PushFont(fonts.ui);
    if (f.model.admin_pin_missing) {
        RichText("h", Inline{TextRun(TrText("Set the administrator PIN"), true)},
                 SingleFontStyle(fonts.heading1, t.text, 1.2f), f.rich, width);
        WrappedText(fonts.ui, t.text,
                    TrFText("This kiosk has no administrator PIN yet. Choose one of 4 to 8 digits. It is needed to leave kiosk "
                            "mode, export progress and change settings; press {keys} to reach this screen.",
                            {{"keys", f.model.admin_chord}}),
                    width);
        ControlRow(width).Next(width * 0.5f);
        ImGui::SetNextItemWidth(width * 0.5f);
        // Enter always answers: in the first field it goes on to the second (as Tab does), in the
        // second it sets the PIN or says what is wrong.
        bool next = PinField("##pin", Tr("New PIN"), admin.pin, sizeof admin.pin, focus);
        ControlRow(width).Next(width * 0.5f);
        ImGui::SetNextItemWidth(width * 0.5f);
        bool enter = PinField("##again", Tr("The same PIN again"), admin.pin_again, sizeof admin.pin_again, next);
        bool same = std::strcmp(admin.pin, admin.pin_again) == 0;
        size_t n = std::strlen(admin.pin);
        bool valid = DigitsOnly(admin.pin) && n >= 4 && n <= 8 && same;
        ButtonAtReadingStart(Tr("Set the PIN"), width);
        if (PrimaryButton(TrText("Set the PIN").c_str(), t) || enter) {
            admin.message_good = false;
            if (valid) {
                f.actions.Push(Action(ActionKind::AdminSetPin, 0, admin.pin));
            } else {
                // Which of the two hidden PINs was mistyped cannot be seen: both are typed again,
                // from the first field.
                admin.message = same ? TrText("The PIN must be 4 to 8 digits.") : TrText("The two PINs differ. Type the same PIN twice.");
                WipePin(admin.pin, sizeof admin.pin);
                WipePin(admin.pin_again, sizeof admin.pin_again);
                f.state.focus_main = true;
            }
        }
    } else if (!f.model.admin_unlocked) {
        RichText("h", Inline{TextRun(TrText("Administrator"), true)}, SingleFontStyle(fonts.heading1, t.text, 1.2f),
                 f.rich, width);
        WrappedText(fonts.ui, t.text, TrText("Administrator PIN:"), width);
        ControlRow row(width);
        row.Next(width * 0.5f);
        ImGui::SetNextItemWidth(width * 0.5f);
        bool enter = PinField("##pin", Tr("PIN"), admin.pin, sizeof admin.pin, focus);
        row.Next(ButtonWidth(Tr("Unlock")));
        if (PrimaryButton(TrText("Unlock").c_str(), t) || enter) f.actions.Push(Action(ActionKind::AdminUnlock, 0, admin.pin));
        ButtonAtReadingStart(Tr("Back to sign-in"), width);
        if (ImGui::Button(Tr("Back to sign-in")) || KeyPressed(ImGuiKey_Escape)) f.actions.Push(Action(ActionKind::AdminClose));
    } else {
        RichText("h", Inline{TextRun(TrText("Administrator"), true)}, SingleFontStyle(fonts.heading1, t.text, 1.2f),
                 f.rich, width);
        // Idle sign-out, in whole minutes (the configuration file may hold any number of seconds).
        int in_force = f.model.idle_timeout_seconds;
        const std::string now_text =
            in_force % 60 == 0
                ? TrFText("Sign a learner out after this many minutes without input (now {minutes}):", {{"minutes", std::to_string(in_force / 60)}})
                : TrFText("Sign a learner out after this many minutes without input (now {seconds} seconds):", {{"seconds", std::to_string(in_force)}});
        WrappedText(fonts.ui_bold, t.text, now_text, width);
        if (admin.idle_minutes <= 0) admin.idle_minutes = std::max(1, (in_force + 59) / 60);
        ControlRow idle_row(width);
        idle_row.Next(fonts.body_px * 8);
        if (focus) ImGui::SetKeyboardFocusHere();
        bool set_idle = StepIntField("##idle", &admin.idle_minutes, 1, fonts.body_px * 8, ImGuiInputTextFlags_EnterReturnsTrue);
        admin.idle_minutes = std::clamp(admin.idle_minutes, 1, 1440);
        idle_row.Next(ButtonWidth(Tr("Set idle time")));
        set_idle |= ImGui::Button(Tr("Set idle time"));
        if (set_idle) f.actions.Push(Action(ActionKind::AdminSetIdle, 0, {}, static_cast<float>(admin.idle_minutes * 60)));
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
        WrappedText(fonts.ui_bold, t.text, TrText("Export progress (CSV and xAPI) to a folder, such as a USB stick:"), width);
        ControlRow export_row(width);
        export_row.Next(width * 0.7f);
        ImGui::SetNextItemWidth(width * 0.7f);
        FieldWithHint("##dir", "/media/usb", admin.export_dir, sizeof admin.export_dir);
        export_row.Next(ButtonWidth(Tr("Export")));
        if (ImGui::Button(Tr("Export"))) f.actions.Push(Action(ActionKind::AdminExport, 0, admin.export_dir));
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
        WrappedText(fonts.ui_bold, t.text, TrText("Change the administrator PIN:"), width);
        ControlRow pin_row(width);
        pin_row.Next(width * 0.35f);
        ImGui::SetNextItemWidth(width * 0.35f);
        PinField("##pin", Tr("New PIN"), admin.pin, sizeof admin.pin, false);
        pin_row.Next(width * 0.35f);
        ImGui::SetNextItemWidth(width * 0.35f);
        PinField("##again", Tr("Again"), admin.pin_again, sizeof admin.pin_again, false);
        pin_row.Next(ButtonWidth(Tr("Change")));
        if (ImGui::Button(Tr("Change"))) {
            admin.message_good = false;
            size_t n = std::strlen(admin.pin);
            if (std::strcmp(admin.pin, admin.pin_again) != 0) admin.message = TrText("The two PINs differ.");
            else if (!DigitsOnly(admin.pin) || n < 4 || n > 8) admin.message = TrText("The PIN must be 4 to 8 digits.");
            else f.actions.Push(Action(ActionKind::AdminSetPin, 0, admin.pin));
        }
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
        WrappedText(fonts.ui_bold, t.text, TrText("Learners:"), width);
        // Each learner a row half the column wide, at the reading start.
        for (const auto& name : f.model.learners) {
            ImGui::PushID(name.c_str());
            AtReadingStart(width * 0.5f, width);
            ImVec2 at;
            if (ReadingRow("##learner", name, fonts.ui, admin.selected == name, ImGui::GetStyle().FramePadding.x, width * 0.5f, &at)) {
                admin.selected = name;
                std::snprintf(admin.rename_to, sizeof admin.rename_to, "%s", name.c_str());
            }
            NameIfFocused("learner", name);
            ImGui::PopID();
        }
        if (!admin.selected.empty()) {
            ControlRow rename_row(width);
            rename_row.Next(width * 0.45f);
            ImGui::SetNextItemWidth(width * 0.45f);
            FieldWithHint("##rename", Tr("New name"), admin.rename_to, sizeof admin.rename_to);
            rename_row.Next(ButtonWidth(Tr("Rename")));
            if (ImGui::Button(Tr("Rename"))) {
                Action a(ActionKind::AdminRename, 0, admin.selected);
                a.ref2 = admin.rename_to;
                f.actions.Push(a);
            }
            rename_row.Next(ButtonWidth(Tr("Remove...")));
            if (ImGui::Button(Tr("Remove..."))) ImGui::OpenPopup("###remove");
            if (ImGui::BeginPopupModal((std::string(Tr("Remove learner?")) + "###remove").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
                ImGui::TextUnformatted(TrF("Remove {name} and all of their progress from this kiosk?", {{"name", admin.selected}}).c_str());
                ImGui::TextUnformatted(Tr("Their records are first saved to a CSV and an xAPI file next to the progress file."));
                if (ImGui::Button(Tr("Yes, export and remove"))) {
                    f.actions.Push(Action(ActionKind::AdminRemove, 0, admin.selected));
                    ImGui::CloseCurrentPopup();
                }
                ImGui::SameLine();
                if (ImGui::Button(Tr("No")) || KeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
                ImGui::EndPopup();
            }
            // A forgotten or mistyped PIN: set a new one (both fields empty: no PIN), or let the
            // learner try again now with the PIN they have.
            ControlRow reset_row(width);
            reset_row.Next(width * 0.22f);
            ImGui::SetNextItemWidth(width * 0.22f);
            PinField("##resetpin", Tr("New PIN"), admin.reset_pin, sizeof admin.reset_pin, false);
            reset_row.Next(width * 0.22f);
            ImGui::SetNextItemWidth(width * 0.22f);
            PinField("##resetagain", Tr("Again"), admin.reset_pin_again, sizeof admin.reset_pin_again, false);
            reset_row.Next(ButtonWidth(Tr("Reset PIN")));
            if (ImGui::Button(Tr("Reset PIN"))) {
                Action a(ActionKind::AdminResetPin, 0, admin.selected);
                a.ref2 = admin.reset_pin;
                a.ref3 = admin.reset_pin_again;
                f.actions.Push(a);
            }
            reset_row.Next(ButtonWidth(Tr("Clear lock-out")));
            if (ImGui::Button(Tr("Clear lock-out"))) f.actions.Push(Action(ActionKind::AdminClearLockout, 0, admin.selected));
        }
        if (!f.model.store_problem.empty()) {
            ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
            WrappedText(fonts.ui_bold, t.bad, TrFText("The progress file cannot be used: {problem}", {{"problem", f.model.store_problem}}), width);
            WrappedText(fonts.ui, t.text, TrText("Moving it aside renames it (nothing is deleted) and starts an empty one."), width);
            ButtonAtReadingStart(Tr("Move the progress file aside"), width);
            if (ImGui::Button(Tr("Move the progress file aside"))) f.actions.Push(Action(ActionKind::StoreMoveAside));
        }
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
        ControlRow leave_row(width);
        leave_row.Next(ButtonWidth(Tr("Back to sign-in")));
        if (ImGui::Button(Tr("Back to sign-in"))) f.actions.Push(Action(ActionKind::AdminClose));
        leave_row.Next(ButtonWidth(Tr("Leave kiosk mode")));
        if (ImGui::Button(Tr("Leave kiosk mode"))) f.actions.Push(Action(ActionKind::AdminExit));
    }
    if (!admin.message.empty()) WrappedText(fonts.ui_bold, admin.message_good ? t.good : t.bad, admin.message, width);
    ImGui::PopFont();
    ImGui::EndGroup();
    ImGui::EndChild();
}

void DrawIdleWarning(Frame& f) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    float w = std::min(vp->WorkSize.x * 0.8f, fonts.body_px * 28);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.35f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, t.warn_bg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.0f);
    ImGui::Begin("##idle", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    const TrArgs left = {{"seconds", std::to_string(f.model.idle_seconds_left)}};
    const std::string text = f.model.idle_seconds_left == 1 ? TrFText("Still there? Signing out in {seconds} second.", left)
                                                            : TrFText("Still there? Signing out in {seconds} seconds.", left);
    WrappedText(fonts.heading3, t.text, text, w - 30);
    WrappedText(fonts.ui, t.text, TrText("Press any key or move the mouse to stay. Your work is already saved."), w - 30);
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

}  // namespace lectern::ui

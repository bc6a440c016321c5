// Home: what the course is, who it is for, how long it takes, that it issues no certificate,
// the one obvious next step (Start or Continue), and the contents.
#include <cstdio>

#include "learning/session.h"
#include "ui/contents_label.h"
#include "ui/blocks.h"
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

// A lesson's (or a module quiz's) row of the contents, in the column at `left`, `width` wide:
// indented one em from the reading start (from the right when mirrored).
bool ContentsRow(const char* id, const std::string& title, bool current, float left, float width, const Fonts& fonts) {
    ImGui::SetCursorPosX(left);
    IndentFromReadingStart(fonts.body_px);
    ImGui::PushFont(fonts.ui);
    ImVec2 at;
    const bool pressed = ReadingRow(id, title, fonts.ui, current, ImGui::GetStyle().FramePadding.x, width - fonts.body_px, &at);
    ImGui::PopFont();
    return pressed;
}

}  // namespace

void DrawHomeScreen(Frame& f) {
    const Course& c = *f.model.course;
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGui::BeginChild("##home", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    ScrollKeys();
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px * 1.5f));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();

    RichText("title", Inline{TextRun(c.title, true)}, SingleFontStyle(fonts.heading1, t.text, 1.2f), f.rich,
             width);
    WrappedText(fonts.ui, t.text_muted,
                TrFText("About {minutes} minutes \xC2\xB7 version {version} \xC2\xB7 {lang}",
                        {{"minutes", std::to_string(c.minutes)}, {"version", c.version}, {"lang", c.lang}}),
                width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    RichText("desc", c.description, BodyStyle(fonts, t), f.rich, width);
    if (!c.audience.empty()) {
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.4f));
        SectionLabel(TrText("WHO IT IS FOR").c_str(), fonts, t.text_muted, width);
        RichText("aud", c.audience, BodyStyle(fonts, t), f.rich, width);
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
    {
        // The no-certificate notice is part of the course's promise: say it before anything starts.
        Block notice;
        notice.kind = BlockKind::Callout;
        notice.callout = CalloutKind::Important;
        notice.title = TrText("For reference and professional development");
        Block p;
        p.kind = BlockKind::Paragraph;
        p.text = Inline{TextRun(TrText(HomeNotice(f.model.present_mode, f.model.learner_name.empty())))};
        notice.children.push_back(p);
        BlockContext bc(f.rich, &f.model, width);
        DrawBlocks({notice}, bc);
    }

    ImGui::PushFont(fonts.ui_bold);
    const Session* session = f.model.session;
    bool resume = f.model.page > 0 || (session && session->HasResumePoint());
    const Quiz* in_quiz = session && session->CurrentPlace() == Place::Quiz ? session->ActiveQuiz() : nullptr;
    std::string label = resume ? TrText("Continue where you left off") : TrText("Start the course");
    ButtonAtReadingStart(Shaped(label), width);
    if (PrimaryButton(label.c_str(), t, ImVec2(0, fonts.ui_bold->FontSize * 2.2f))) {
        if (in_quiz) f.actions.Push(Action(ActionKind::QuizOpen, 0, in_quiz->id));
        else f.actions.Push(Action(ActionKind::GoToPage, f.model.page));
    }
    if (f.state.focus_main && !ImGui::IsWindowAppearing()) {
        // The one obvious next step has the keyboard when the screen opens: Enter starts. (Not
        // on the window's first frame: focus given while a window appears does not stick.)
        FocusLastItem();
        f.state.focus_main = false;
    }
    ImGui::PopFont();
    // Where "Continue" leads, under the button: a title of any length wraps in the column.
    if (resume) WrappedText(fonts.ui, t.text_muted, in_quiz ? in_quiz->title : c.PageAt(f.model.page).title, width);

    ImGui::Dummy(ImVec2(1, fonts.body_px * 1.0f));
    RichText("contents", Inline{TextRun(TrText("Contents"), true)}, SingleFontStyle(fonts.heading2, t.text), f.rich,
             width);
    int reading_index = 0;
    for (size_t mi = 0; mi < c.modules.size(); ++mi) {
        const Module& m = c.modules[mi];
        ImGui::PushID(static_cast<int>(mi));
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.3f));
        WrappedText(fonts.ui_bold, t.text, m.title, width);
        if (!m.summary.empty()) RichText("sum", m.summary, SingleFontStyle(fonts.small, t.text_muted, 1.35f), f.rich, width);
        for (size_t li = 0; li < m.lessons.size(); ++li) {
            const Lesson& l = m.lessons[li];
            ImGui::PushID(static_cast<int>(li));
            bool current = resume && f.model.page >= reading_index && f.model.page < reading_index + static_cast<int>(l.pages.size());
            // Indented under the module's title from the reading start; long titles wrap at words.
            if (ContentsRow("##lesson", l.title, current, left, width, fonts)) f.actions.Push(Action(ActionKind::GoToPage, reading_index));
            NameIfFocused(l.title.c_str());
            reading_index += static_cast<int>(l.pages.size());
            ImGui::PopID();
        }
        if (m.quiz) {
            if (ContentsRow("##quiz", QuizRowLabel(m.quiz->title), false, left, width, fonts))
                f.actions.Push(Action(ActionKind::QuizOpen, 0, m.quiz->id));
            NameIfFocused(m.quiz->title.c_str());
        }
        ImGui::PopID();
    }
    if (c.assessment) {
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.3f));
        ImVec2 at;
        if (ReadingRow("##assessment", c.assessment->title, fonts.ui_bold, false, 0, width, &at))
            f.actions.Push(Action(ActionKind::QuizOpen, 0, c.assessment->id));
        NameIfFocused(c.assessment->title.c_str());
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 2));
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

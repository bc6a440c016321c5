// Progress: per module and lesson, quiz scores and attempts, time spent, the overall percentage,
// and a plain statement that this is a guide for reference: no certificate is issued.
#include <cmath>
#include <algorithm>
#include <cstdio>

#include "learning/session.h"
#include "ui/blocks.h"
#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

std::string Minutes(int64_t ms) {
    int64_t min = ms / 60000;
    if (min < 1) return TrText("under a minute");
    if (min < 60) return TrFText("{minutes} min", {{"minutes", std::to_string(min)}});
    return TrFText("{hours} h {minutes} min", {{"hours", std::to_string(min / 60)}, {"minutes", std::to_string(min % 60)}});
}

const char* StatusText(CompletionStatus s) {
    switch (s) {
        case CompletionStatus::NotAttempted: return UiKey("Not started");
        case CompletionStatus::Incomplete: return UiKey("In progress");
        case CompletionStatus::Completed: return UiKey("Completed");
    }
    return "";
}


// "Module quiz: 2 attempts, best 80%, passed", for a module's quiz and the final assessment.
std::string QuizLine(const std::string& title, const LearnerProgress& progress, const std::string& quiz_id) {
    auto it = progress.quizzes.find(quiz_id);
    if (it == progress.quizzes.end() || it->second.attempts_submitted == 0)
        return TrFText("{quiz}: not taken yet", {{"quiz", title}});
    const int attempts = it->second.attempts_submitted;
    const TrArgs args = {{"quiz", title},
                         {"count", std::to_string(attempts)},
                         {"percent", std::to_string(static_cast<int>(std::floor(it->second.best_scaled.value_or(0) * 100 + 1e-9)))},
                         {"outcome", it->second.passed ? TrText("passed") : TrText("not passed yet")}};
    return attempts == 1 ? TrFText("{quiz}: {count} attempt, best {percent}%, {outcome}", args)
                         : TrFText("{quiz}: {count} attempts, best {percent}%, {outcome}", args);
}

}  // namespace

std::string PagesAndChecks(const LessonStatus& ls) {
    // A lesson with no knowledge check says nothing about checks ("0/0 checks" reads as a fault).
    if (ls.checks_total == 0)
        return TrFText("{viewed}/{pages} pages",
                       {{"viewed", std::to_string(ls.pages_viewed)}, {"pages", std::to_string(ls.pages_total)}});
    return TrFText("{viewed}/{pages} pages, {answered}/{checks} checks",
                   {{"viewed", std::to_string(ls.pages_viewed)}, {"pages", std::to_string(ls.pages_total)},
                    {"answered", std::to_string(ls.checks_answered)}, {"checks", std::to_string(ls.checks_total)}});
}

void DrawProgressScreen(Frame& f) {
    const Session* s = f.model.session;
    if (!s) return;
    const Course& c = *f.model.course;
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    CourseStatus status = s->Status();
    ImGui::BeginChild("##progress", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    // Opened: focus at the top, no ring, so Space and the arrows scroll and Tab starts here.
    if (FocusAnchor("##top", f.state.focus_main)) f.state.focus_main = false;
    ScrollKeys();
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    ImGui::PushFont(fonts.ui);
    if (BackButton(width)) f.actions.Push(Action(ActionKind::Back));
    ImGui::PopFont();
    RichText("h", Inline{TextRun(f.model.present_mode ? TrText("Progress in this session") : TrText("Your progress"), true)},
             SingleFontStyle(fonts.heading1, t.text, 1.2f),
             f.rich, width);
    const bool guest = f.model.learner_name.empty();
    std::string who = TrText(WhoIsSignedIn(f.model.present_mode, guest));
    if (!f.model.present_mode && !guest) who += f.model.learner_name;
    WrappedText(fonts.ui, t.text_muted, who, width);

    WrappedText(fonts.heading3, t.text, TrFText("{percent}% of the course done", {{"percent", std::to_string(status.percent)}}), width);
    ImVec2 p = ImGui::GetCursorScreenPos();
    float bar_h = fonts.body_px * 0.6f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + bar_h), ImGui::GetColorU32(t.button), bar_h * 0.5f);
    // Filled from the reading start: from the right when mirrored.
    const float done_w = width * status.percent / 100.0f;
    const float done_x = ReadingFromRight() ? p.x + width - done_w : p.x;
    dl->AddRectFilled(ImVec2(done_x, p.y), ImVec2(done_x + done_w, p.y + bar_h), ImGui::GetColorU32(t.accent), bar_h * 0.5f);
    ImGui::Dummy(ImVec2(width, bar_h + fonts.body_px * 0.5f));

    int64_t total_ms = 0;
    for (const auto& [id, ms] : s->Progress().active_ms) total_ms += ms;
    WrappedText(fonts.body, t.text, TrFText("Time spent learning: {time} (active time only).", {{"time", Minutes(total_ms)}}), width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));

    for (size_t mi = 0; mi < c.modules.size() && mi < status.modules.size(); ++mi) {
        const Module& m = c.modules[mi];
        const ModuleStatus& ms = status.modules[mi];
        ImGui::PushID(static_cast<int>(mi));
        WrappedText(fonts.ui_bold, t.text, m.title + "  \xC2\xB7  " + TrText(StatusText(ms.status)), width);
        ImGui::PushFont(fonts.ui);
        const float counts_w = ImGui::CalcTextSize(Tr("00/00 pages, 00/00 checks")).x;
        ImGui::PopFont();
        // A narrow column at large text has no room for three columns (the names would get a
        // few pixels): each lesson is then a name with its counts and status below it.
        if (width - counts_w * 1.5f < fonts.body_px * 10) {
            for (size_t li = 0; li < m.lessons.size() && li < ms.lessons.size(); ++li) {
                const LessonStatus& ls = ms.lessons[li];
                WrappedText(fonts.ui, t.text, m.lessons[li].title, width);
                WrappedText(fonts.small, ls.status == CompletionStatus::Completed ? t.good : t.text_muted,
                            PagesAndChecks(ls) + "  \xC2\xB7  " + TrText(StatusText(ls.status)), width);
                ImGui::Dummy(ImVec2(1, fonts.body_px * 0.3f));
            }
        } else if (ImGui::BeginTable("lessons", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp, ImVec2(width, 0))) {
            ImGui::PushFont(fonts.ui);
            // Widths from the text, not from the first frame's contents (which a stretched column
            // does not have yet): the lesson names get the rest of the width from the start,
            // instead of wrapping mid-word at ~80 px until the next input.
            const float pad = ImGui::GetStyle().CellPadding.x * 2;
            float status_w = 0;
            for (CompletionStatus st : {CompletionStatus::NotAttempted, CompletionStatus::Incomplete, CompletionStatus::Completed})
                status_w = std::max(status_w, ImGui::CalcTextSize(Tr(StatusText(st))).x);  // as drawn: translated
            // Lesson, counts, status from the reading start: the columns in the other order when
            // mirrored, each cell's text from its right edge (as a table in a dir="rtl" page).
            const bool mirrored = ReadingFromRight();
            const int lesson_col = mirrored ? 2 : 0, counts_col = 1, status_col = mirrored ? 0 : 2;
            const float counts_col_w = ImGui::CalcTextSize(Tr("00/00 pages, 00/00 checks")).x + pad;
            for (int col = 0; col < 3; ++col) {
                if (col == lesson_col) ImGui::TableSetupColumn("lesson", ImGuiTableColumnFlags_WidthStretch, 1.0f);
                else if (col == counts_col) ImGui::TableSetupColumn("counts", ImGuiTableColumnFlags_WidthFixed, counts_col_w);
                else ImGui::TableSetupColumn("status", ImGuiTableColumnFlags_WidthFixed, status_w + pad);
            }
            for (size_t li = 0; li < m.lessons.size() && li < ms.lessons.size(); ++li) {
                const LessonStatus& ls = ms.lessons[li];
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(lesson_col);
                WrappedText(fonts.ui, t.text, m.lessons[li].title, ImGui::GetContentRegionAvail().x);
                ImGui::TableSetColumnIndex(counts_col);
                TextAtReadingStart(Shaped(PagesAndChecks(ls)), ImGui::GetContentRegionAvail().x);
                ImGui::TableSetColumnIndex(status_col);
                ImGui::PushStyleColor(ImGuiCol_Text, ls.status == CompletionStatus::Completed ? t.good : t.text);
                TextAtReadingStart(Tr(StatusText(ls.status)), ImGui::GetContentRegionAvail().x);
                ImGui::PopStyleColor();
            }
            ImGui::PopFont();
            ImGui::EndTable();
        }
        if (m.quiz) {
            const std::string line = QuizLine(m.quiz->title, s->Progress(), m.quiz->id);
            ImVec2 at;
            ImGui::PushFont(fonts.ui);
            if (ReadingRow("##quiz", line, fonts.ui, false, 0, width, &at)) f.actions.Push(Action(ActionKind::QuizOpen, 0, m.quiz->id));
            ImGui::PopFont();
        }
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.6f));
        ImGui::PopID();
    }
    if (c.assessment) {
        const std::string line = QuizLine(c.assessment->title, s->Progress(), c.assessment->id);
        ImVec2 at;
        ImGui::PushFont(fonts.ui_bold);
        if (ReadingRow("##assessment", line, fonts.ui_bold, false, 0, width, &at)) f.actions.Push(Action(ActionKind::QuizOpen, 0, c.assessment->id));
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    Block notice;
    notice.kind = BlockKind::Callout;
    notice.callout = CalloutKind::Note;
    notice.title = TrText("No certificate");
    Block para;
    para.kind = BlockKind::Paragraph;
    para.text = Inline{TextRun(TrText("This guide is for reference and professional development only. It issues no certificate, "
                                      "transcript or record of completion, and nothing here should be presented as one."))};
    notice.children.push_back(para);
    BlockContext bc(f.rich, &f.model, width);
    DrawBlocks({notice}, bc);
    if (!f.model.data_path.empty() && !f.model.present_mode)
        WrappedText(fonts.small, t.text_muted, TrFText("Progress is kept on this computer in {path}", {{"path", f.model.data_path}}), width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 2));
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace lectern::ui

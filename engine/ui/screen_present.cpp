// The presenter's facilitator notes (lectern --present): the notes of the module, the lesson and
// the page on screen, drawn either in a panel beside the page (one display: the room sees the
// panel, so it never shows answers) or in a window of their own on a second monitor (the
// presenter's screen only: it also shows the answer key of what the room is looking at).
#include <algorithm>
#include <cstdio>

#include "learning/attempt.h"
#include "learning/grading.h"
#include "learning/session.h"
#include "ui/blocks.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

void NotesSection(Frame& f, const char* label, const std::string& title, const Blocks& blocks, float width) {
    if (blocks.empty()) return;
    SectionLabel(TrText(label).c_str(), f.fonts, f.theme.accent, width);
    // The notes are the course's text: its language's direction (an Arabic course's notes read
    // from the right).
    const LanguageScope content_language(f.model.course ? f.model.course->lang : std::string());
    if (!title.empty()) WrappedText(f.fonts.ui_bold, f.theme.text, title, width);
    BlockContext bc(f.rich, &f.model, width);
    bc.show_facilitator = true;
    ImGui::PushID(label);  // page, lesson and module notes each number their blocks from 0
    DrawBlocks(blocks, bc);
    ImGui::PopID();
    ImGui::Dummy(ImVec2(1, f.fonts.body_px * 0.5f));
}

// The page's own notes: the <facilitator> blocks among its blocks, unwrapped.
Blocks PageNotes(const Page& page) {
    Blocks notes;
    for (const auto& b : page.blocks)
        if (b.kind == BlockKind::Facilitator) notes.insert(notes.end(), b.children.begin(), b.children.end());
    return notes;
}

void AnswerKey(Frame& f, const Question& q, int number, float width) {
    WrappedText(f.fonts.ui_bold, f.theme.text, TrFText("Question {number}", {{"number", std::to_string(number)}}), width);
    WrappedText(f.fonts.small, f.theme.text_muted, PlainText(q.prompt), width);
    for (const auto& line : AnswerKeyLines(q)) WrappedText(f.fonts.ui, f.theme.good, "\xE2\x9C\x93 " + line, width);
    ImGui::Dummy(ImVec2(1, f.fonts.body_px * 0.3f));
}

// A scenario's key at the point the room has reached: each choice with its number key, how the
// author rates it and why, so the presenter can steer the discussion.
void ScenarioKey(Frame& f, const Scenario& scenario, const Session* s, float width) {
    WrappedText(f.fonts.ui_bold, f.theme.text, scenario.title, width);
    const ScenarioRun* run = s ? s->FindRun(scenario.id) : nullptr;
    const ScenarioNode* node = run ? run->Current() : nullptr;
    if (!node) return;
    if (node->is_ending) {
        WrappedText(f.fonts.ui, f.theme.text_muted, TrText("At an ending; the debrief and both paths are on screen."), width);
        return;
    }
    for (size_t i = 0; i < node->choices.size(); ++i) {
        const ScenarioChoice& c = node->choices[i];
        const std::string rating = c.rating == Rating::Best ? TrText("best") : c.rating == Rating::Poor ? TrText("poor") : TrText("acceptable");
        std::string line = std::to_string(i + 1) + ". " + PlainText(c.text) + " \xE2\x80\x94 " + rating;
        WrappedText(f.fonts.ui, c.rating == Rating::Best ? f.theme.good : c.rating == Rating::Poor ? f.theme.bad : f.theme.text, line, width);
        if (!c.reason.empty()) WrappedText(f.fonts.small, f.theme.text_muted, PlainText(c.reason), width);
    }
    ImGui::Dummy(ImVec2(1, f.fonts.body_px * 0.3f));
}

}  // namespace

void DrawPresenterNotes(Frame& f, bool private_screen) {
    const Course* c = f.model.course;
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    float width = ImGui::GetContentRegionAvail().x;
    WrappedText(fonts.heading2, t.text, TrText("Facilitator notes"), width);
    WrappedText(fonts.small, t.text_muted,
                private_screen ? TrText("On this screen only. The keys work from either window; A reveals the answers to the room.")
                               : TrText("Not for learners: N hides this panel, A reveals the answers on screen."),
                width);
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.4f));
    if (!c || c->reading_order.empty()) return;
    const Session* s = f.model.session;
    bool any = false;
    if (f.state.screen == Screen::Quiz && s && s->ActiveQuiz()) {
        const Quiz& quiz = *s->ActiveQuiz();
        const Module* m = s->ModuleOfQuiz(quiz);
        WrappedText(fonts.ui_bold, t.text, TrFText("Now showing: {title}", {{"title", quiz.title}}), width);
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.3f));
        if (m && !m->facilitator.empty()) {
            NotesSection(f, UiKey("MODULE"), m->title, m->facilitator, width);
            any = true;
        }
        const Attempt* a = s->ActiveAttempt();
        if (private_screen && a && !a->submitted) {
            if (const Question* q = CurrentQuestion(quiz, *a)) {
                SectionLabel(TrText("ANSWER (this screen only)").c_str(), fonts, t.accent, width);
                AnswerKey(f, *q, a->current + 1, width);
                any = true;
            }
        }
    } else if (f.state.screen == Screen::Reader) {
        const Course::PageRef here = c->reading_order[static_cast<size_t>(f.model.page)];
        const Module& module = c->modules[static_cast<size_t>(here.module)];
        const Lesson& lesson = module.lessons[static_cast<size_t>(here.lesson)];
        const Page& page = lesson.pages[static_cast<size_t>(here.page)];
        WrappedText(fonts.small, t.text_muted,
                    TrFText("Page {page} of {count} in \xE2\x80\x9C{lesson}\xE2\x80\x9D",
                            {{"page", std::to_string(here.page + 1)}, {"count", std::to_string(lesson.pages.size())}, {"lesson", lesson.title}}),
                    width);
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.3f));
        Blocks page_notes = PageNotes(page);
        any = !page_notes.empty() || !lesson.facilitator.empty() || !module.facilitator.empty();
        NotesSection(f, UiKey("THIS PAGE"), "", page_notes, width);
        NotesSection(f, UiKey("LESSON"), lesson.title, lesson.facilitator, width);
        NotesSection(f, UiKey("MODULE"), module.title, module.facilitator, width);
        if (private_screen) {
            bool scenario_labelled = false;
            for (const auto& b : page.blocks) {
                if (b.kind != BlockKind::Scenario || !b.scenario) continue;
                if (!scenario_labelled) SectionLabel(TrText("SCENARIO CHOICES (this screen only)").c_str(), fonts, t.accent);
                scenario_labelled = true;
                ImGui::PushID(b.scenario->id.c_str());
                ScenarioKey(f, *b.scenario, s, width);
                ImGui::PopID();
                any = true;
            }
            int number = 0;
            bool labelled = false;
            for (const auto& b : page.blocks) {
                if (b.kind != BlockKind::Question || !b.question) continue;
                if (!labelled) SectionLabel(TrText("ANSWERS ON THIS PAGE (this screen only)").c_str(), fonts, t.accent, width);
                labelled = true;
                AnswerKey(f, *b.question, ++number, width);
                any = true;
            }
        }
        int count = static_cast<int>(c->reading_order.size());
        const Quiz* quiz_next = s ? s->QuizAfterCurrentPage() : nullptr;
        std::string next = quiz_next ? quiz_next->title : f.model.page + 1 < count ? c->PageAt(f.model.page + 1).title : "";
        if (!next.empty()) {
            ImGui::Dummy(ImVec2(1, fonts.body_px * 0.3f));
            WrappedText(fonts.small, t.text_muted, TrFText("Next: {title}", {{"title", next}}), width);
        }
    } else {
        WrappedText(fonts.ui, t.text_muted, TrText("Notes follow the page or quiz on screen."), width);
        return;
    }
    if (!any) WrappedText(fonts.ui, t.text_muted, TrText("No notes here."), width);
}

float PresenterNotesWidth(const Frame& f, float total_w) {
    if (!f.model.present_mode || f.model.notes_window || f.model.notes_private || f.state.notes_hidden) return 0.0f;
    return std::min(std::max(total_w * 0.34f, f.fonts.body_px * 14.0f), total_w * 0.5f);
}

void PresenterNotesPanel(Frame& f, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, f.theme.panel);
    ImGui::BeginChild("##notes", size, false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    DrawPresenterNotes(f, false);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void DrawNotesWindow(const ViewModel& model, UiState& state, Actions& actions, const Fonts& fonts) {
    const Theme& theme = GetTheme(state.theme);
    Frame f{model, state, actions, fonts, theme, RichContext{model.course, &fonts, &theme, &actions}};
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Notes", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    CenterColumn(width);
    ImGui::BeginChild("##notes", ImVec2(width, 0));  // every text in it wraps at its own width
    DrawPresenterNotes(f, true);
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace lectern::ui

// The lesson reader: contents on the left, the page in a readable column, Back/Next at the
// bottom. Arrow keys turn pages; Space/Page Down/Page Up/Home/End scroll.
#include <cstdio>
#include <algorithm>
#include <functional>

#include <imgui_internal.h>  // RenderArrow

#include "ui/contents_label.h"

#include <cfloat>

#include "learning/session.h"
#include "ui/blocks.h"
#include "ui/input.h"
#include "ui/question_widget.h"
#include "ui/scenario_widget.h"
#include "ui/screens.h"

namespace lectern::ui {

namespace {

// A module's row: a wrapped row with an open/closed arrow, opened and closed like a tree node
// (Enter, Space or a click); the state is kept in ImGui's storage, as a tree node's is.
bool ModuleRow(const std::string& title, bool force_open, const Frame& f) {
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID id = ImGui::GetID("##module");
    bool open = force_open || storage->GetBool(id, false);
    ImFont* font = f.fonts.ui_bold;
    ImVec2 at;
    if (ReadingRow("##module", title, font, false, font->FontSize + ImGui::GetStyle().FramePadding.x, 0, &at)) open = !open;
    // The arrow before the title: at its left, or at its right when the interface is mirrored
    // (pointing left while closed).
    const bool mirrored = ReadingFromRight();
    const float arrow_x = mirrored ? at.x + ImGui::GetStyle().FramePadding.x : at.x - font->FontSize - ImGui::GetStyle().FramePadding.x;
    ImGui::RenderArrow(ImGui::GetWindowDrawList(), ImVec2(arrow_x, at.y + font->FontSize * 0.15f), ImGui::GetColorU32(ImGuiCol_Text),
                       open ? ImGuiDir_Down : mirrored ? ImGuiDir_Left : ImGuiDir_Right, 0.7f);
    storage->SetBool(id, open);
    return open;
}

void Sidebar(Frame& f, ReaderState& reader, float width) {
    const Course& c = *f.model.course;
    const Fonts& fonts = f.fonts;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, f.theme.panel);
    ImGui::BeginChild("##contents", ImVec2(width, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    const bool appearing = ImGui::IsWindowAppearing();  // opened: show where the reader is
    ImGui::PushFont(fonts.ui);
    int reading_index = 0;
    const Course::PageRef here = c.reading_order[static_cast<size_t>(f.model.page)];
    bool page_changed = reader.last_drawn_page != f.model.page;
    for (size_t mi = 0; mi < c.modules.size(); ++mi) {
        const Module& m = c.modules[mi];
        ImGui::PushID(static_cast<int>(mi));
        bool open = ModuleRow(m.title, (page_changed || appearing) && static_cast<int>(mi) == here.module, f);
        if (open) {
            // Lessons and their pages indented from the reading start: from the right when
            // mirrored, each row narrower by its indent.
            const float lesson_in = ImGui::GetStyle().IndentSpacing, page_in = lesson_in + fonts.body_px * 0.6f;
            const float avail = ImGui::GetContentRegionAvail().x;
            for (size_t li = 0; li < m.lessons.size(); ++li) {
                const Lesson& l = m.lessons[li];
                ImGui::PushID(static_cast<int>(li));
                // Shaped, and from the right in a mirrored interface, like the rows around it.
                IndentFromReadingStart(lesson_in);
                WrappedText(fonts.ui, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), l.title, avail - lesson_in);
                for (size_t pi = 0; pi < l.pages.size(); ++pi) {
                    ImGui::PushID(static_cast<int>(pi));
                    bool current = reading_index == f.model.page;
                    IndentFromReadingStart(page_in);
                    ImVec2 at;
                    if (ReadingRow("##page", l.pages[pi].title, fonts.ui, current, ImGui::GetStyle().FramePadding.x, avail - page_in, &at))
                        f.actions.Push(Action(ActionKind::GoToPage, reading_index));
                    if (current && (page_changed || appearing)) ImGui::SetScrollHereY(0.3f);
                    ImGui::PopID();
                    ++reading_index;
                }
                ImGui::PopID();
            }
            if (m.quiz) {
                ImVec2 at;
                IndentFromReadingStart(lesson_in);
                if (ReadingRow("##quiz", QuizRowLabel(m.quiz->title), fonts.ui, false, 0, avail - lesson_in, &at))
                    f.actions.Push(Action(ActionKind::QuizOpen, 0, m.quiz->id));
            }
        } else {
            for (const auto& l : m.lessons) reading_index += static_cast<int>(l.pages.size());
        }
        ImGui::PopID();
    }
    if (c.assessment) {
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.3f));
        ImVec2 at;
        if (ReadingRow("##assessment", c.assessment->title, fonts.ui_bold, false, 0, 0, &at))
            f.actions.Push(Action(ActionKind::QuizOpen, 0, c.assessment->id));
    }
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// The contents over the page in a narrow window: a window of their own in front of the main
// one (which never comes to the front), so clicks and the keyboard reach them and not the page
// underneath. They take the keyboard when they open; Tab stays in them until they close.
void ContentsOverlay(Frame& f, ReaderState& reader, ImVec2 pos, ImVec2 size) {
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize(size);
    const bool opening = !reader.contents_overlay_shown;
    if (opening) ImGui::SetNextWindowFocus();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, std::max(2.0f, f.fonts.body_px * 0.08f));
    ImGui::PushStyleColor(ImGuiCol_Border, f.theme.text_muted);
    ImGui::Begin("##contents_overlay", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(2);
    Sidebar(f, reader, size.x);
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows);
    ImGui::End();
    reader.contents_overlay_shown = true;
    // A click anywhere else (the page, the bars) closes them, as a menu closes.
    if (!opening && !hovered && (ImGui::IsMouseClicked(0) || ImGui::IsMouseClicked(1))) CloseContentsOverlay(f.state, reader);
}

void BottomBar(Frame& f, int count) {
    const Fonts& fonts = f.fonts;
    const Course& c = *f.model.course;
    const Course::PageRef here = c.reading_order[static_cast<size_t>(f.model.page)];
    const Lesson& lesson = c.modules[static_cast<size_t>(here.module)].lessons[static_cast<size_t>(here.lesson)];
    ImGui::PushStyleColor(ImGuiCol_ChildBg, f.theme.panel);
    ImGui::BeginChild("##bottombar", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    ImGui::PushFont(fonts.ui);
    // A thin bar showing where this page sits in the whole course.
    ImVec2 p = ImGui::GetWindowPos();
    float w = ImGui::GetWindowWidth();
    float done = count > 1 ? static_cast<float>(f.model.page) / static_cast<float>(count - 1) : 1.0f;

    // Back at the start of the reading direction, Next at its end: mirrored, Next is at the
    // left and the bar fills from the right.
    const bool mirrored = InterfaceRightToLeft();
    if (mirrored)
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + w * (1.0f - done), p.y), ImVec2(p.x + w, p.y + 3),
                                                  ImGui::GetColorU32(f.theme.accent));
    else
        ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w * done, p.y + 3), ImGui::GetColorU32(f.theme.accent));
    const char* back_label = Tr("\xE2\x86\x90 Back");
    const char* next_label = Tr("Next \xE2\x86\x92");
    const float back_w = ImGui::CalcTextSize(back_label).x + ImGui::GetStyle().FramePadding.x * 2;
    const float next_w = ImGui::CalcTextSize(next_label).x + ImGui::GetStyle().FramePadding.x * 2;
    const float row_left = ImGui::GetCursorPosX();
    const float row_right = ImGui::GetWindowContentRegionMax().x;
    const float row_y = ImGui::GetCursorPosY();
    bool last = f.model.page + 1 >= count && !(f.model.session && f.model.session->QuizAfterCurrentPage());
    // Drawn in reading order (Tab goes Back, where, Next), each placed on its side.
    ImGui::SetCursorPos(ImVec2(mirrored ? row_right - back_w : row_left, row_y));
    ImGui::BeginDisabled(f.model.page == 0);
    if (ImGui::Button(back_label)) f.actions.Push(Action(ActionKind::PrevPage));
    ImGui::EndDisabled();
    // Where this page is, between the buttons: in full, else as "2 / 5" (a narrow window, large
    // text), else not at all; never over a button.
    const TrArgs where = {{"page", std::to_string(here.page + 1)}, {"count", std::to_string(lesson.pages.size())}};
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float gap_left = row_left + (mirrored ? next_w : back_w) + spacing;
    const float gap_right = row_right - (mirrored ? back_w : next_w) - spacing;
    std::string where_shown = TrF("Page {page} of {count} in this lesson", where);
    if (ImGui::CalcTextSize(where_shown.c_str()).x > gap_right - gap_left) where_shown = TrF("{page} / {count}", where);
    const float tw = ImGui::CalcTextSize(where_shown.c_str()).x;
    ImGui::SameLine();
    if (tw <= gap_right - gap_left) {
        ImGui::SetCursorPosX(gap_left + (gap_right - gap_left - tw) * 0.5f);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(where_shown.c_str());
        ImGui::SameLine();
    }
    ImGui::SetCursorPosX(mirrored ? row_left : row_right - next_w);
    ImGui::BeginDisabled(last);
    if (PrimaryButton(next_label, f.theme)) f.actions.Push(Action(ActionKind::NextPage));
    ImGui::EndDisabled();
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// The blocks that 1-9 and Ctrl+Enter work on: the page's first knowledge check, and a scenario
// drawn before it, whose choices then take the number keys.
struct KeyTargets {
    const Question* question = nullptr;
    const Scenario* scenario = nullptr;
};

KeyTargets PageKeyTargets(const Page& page) {
    KeyTargets k;
    for (const auto& b : page.blocks) {
        if (!k.question && !k.scenario && b.kind == BlockKind::Scenario && b.scenario) k.scenario = b.scenario.get();
        if (!k.question && b.kind == BlockKind::Question && b.question) k.question = b.question.get();
    }
    return k;
}

// 1-9 pick the choice with that number at the scenario's current point.
void ScenarioNumberKeys(Frame& f, const Session& session, const Scenario& scenario) {
    const ScenarioRun* run = session.FindRun(scenario.id);
    const ScenarioNode* node = run ? run->Current() : nullptr;
    if (!node || node->is_ending) return;
    for (size_t i = 0; i < node->choices.size() && i < 9; ++i) {
        if (!CharPressed(static_cast<char>('1' + i))) continue;
        Action a(ActionKind::ScenarioChoose, 0, scenario.id);
        a.ref2 = node->choices[i].id;
        f.actions.Push(a);
    }
}

void PageKeys(Frame& f, const Page& page) {
    ClaimArrowKeys();  // Left and Right turn pages here, and do nothing else
    if (f.model.speech_available && CharPressed('s')) f.actions.Push(Action(ActionKind::SpeakPage));
    if (f.model.speech_available && CharPressed('S')) f.actions.Push(Action(ActionKind::SpeechPause));
    if (KeyPressed(ImGuiKey_RightArrow)) f.actions.Push(Action(ActionKind::NextPage));
    if (KeyPressed(ImGuiKey_LeftArrow)) f.actions.Push(Action(ActionKind::PrevPage));
    if (f.model.present_mode) {
        // N hides or shows the notes (their panel, or their own window when the presenter uses
        // one); A reveals every answer on the page to the room.
        if (CharPressed('n')) f.state.notes_hidden = !f.state.notes_hidden;
        if (CharPressed('a'))
            for (const auto& b : page.blocks)
                if (b.kind == BlockKind::Question && b.question) f.actions.Push(Action(ActionKind::CheckReveal, 0, b.question->id));
    }
    // The page's first knowledge check answers to the same keys as a quiz: 1-9 pick a choice,
    // Ctrl+Enter checks the answer. When a scenario comes before it on the page, 1-9 pick the
    // scenario's choices (numbered on screen) instead.
    const Session* session = f.model.session;
    if (!session) return;
    const KeyTargets targets = PageKeyTargets(page);
    const Question* q = targets.question;
    const Scenario* scenario = targets.scenario;
    if (scenario) ScenarioNumberKeys(f, *session, *scenario);
    if (!q) return;
    const CheckState* st = session->FindCheck(q->id);
    if (!st) return;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && !io.WantTextInput && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false))
        f.actions.Push(Action(ActionKind::CheckSubmit, 0, q->id));
    if (scenario) return;
    for (int d = 1; d <= 9; ++d) {
        if (!CharPressed(static_cast<char>('0' + d))) continue;
        Action act(ActionKind::CheckSetResponse, 0, q->id);
        std::vector<std::string> order = st->display_order;
        if (order.empty())
            for (const auto& c : q->choices) order.push_back(c.id);
        if (q->type == QuestionType::TrueFalse && d <= 2) {
            act.response = Response::TrueFalse(d == 1);
        } else if ((q->type == QuestionType::Single || q->type == QuestionType::Multiple) && d <= static_cast<int>(order.size())) {
            const std::string& id = order[static_cast<size_t>(d - 1)];
            std::vector<std::string> sel = q->type == QuestionType::Multiple ? st->response.selected : std::vector<std::string>{};
            auto found = std::find(sel.begin(), sel.end(), id);
            if (found != sel.end()) sel.erase(found);
            else sel.push_back(id);
            act.response = Response::Choices(sel);
        } else {
            continue;
        }
        f.actions.Push(act);
    }
}

}  // namespace

void CloseContentsOverlay(ViewState& view, ReaderState& reader) {
    reader.sidebar_open = false;
    reader.contents_overlay_shown = false;
    view.focus_main = true;  // back to the top of the page, which was under them
}

void DrawReaderScreen(Frame& f, ReaderState& reader) {
    if (!reader.sidebar_open) reader.contents_overlay_shown = false;
    const Course& c = *f.model.course;
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    int count = static_cast<int>(c.reading_order.size());
    if (count == 0) return;
    const Course::PageRef here = c.reading_order[static_cast<size_t>(f.model.page)];
    const Module& module = c.modules[static_cast<size_t>(here.module)];
    const Lesson& lesson = module.lessons[static_cast<size_t>(here.lesson)];
    const Page& page = lesson.pages[static_cast<size_t>(here.page)];
    PageKeys(f, page);

    float bottom_h = fonts.ui->FontSize + ImGui::GetStyle().FramePadding.y * 2 + ImGui::GetStyle().WindowPadding.y * 2;
    float total_w = ImGui::GetContentRegionAvail().x;
    // Presenter view on one display: the facilitator notes in a panel at the right.
    const float notes_w = PresenterNotesWidth(f, total_w);
    total_w -= notes_w;
    float sidebar_w = std::min(total_w * 0.3f, fonts.body_px * 19.0f);
    // Contents and page side by side while the page keeps a reading column of about 35
    // characters (1280 px wide at 200 % text does). Narrower than that, the page keeps the whole
    // width and the contents float over its left side when opened (the Contents button): a
    // choice, Escape or a click on the page closes them. A window that becomes that narrow (a
    // larger text size, a smaller window) closes them, so the page is what stays in view.
    bool room_for_both = total_w - sidebar_w >= fonts.body_px * 18.0f;
    if (!room_for_both && (reader.last_drawn_page != f.model.page || !reader.contents_overlay)) reader.sidebar_open = false;
    reader.contents_overlay = !room_for_both;
    ImGui::BeginChild("##reader", ImVec2(0, -bottom_h), false, ImGuiWindowFlags_NoScrollbar | kPanelFlags);
    const ImVec2 reader_pos = ImGui::GetWindowPos();
    const float reader_h = ImGui::GetWindowHeight();
    auto notes_panel = [&] {
        if (notes_w <= 0) return;
        if (InterfaceRightToLeft())
            ImGui::SetCursorPos(ImVec2(0, 0));  // at the left of the reader
        else
            ImGui::SameLine(0, 0);
        PresenterNotesPanel(f, ImVec2(notes_w, 0));
    };
    // The contents come first in reading order: at the left, or at the right when the
    // interface is mirrored (the notes panel then at the left). Drawn first either way, so Tab
    // and Shift+Tab run through them in the same order.
    const bool mirrored = InterfaceRightToLeft();
    const ImVec2 top = ImGui::GetCursorPos();
    const bool side_by_side = reader.sidebar_open && room_for_both;
    if (side_by_side) {
        if (mirrored) ImGui::SetCursorPos(ImVec2(top.x + notes_w + total_w - sidebar_w, top.y));
        Sidebar(f, reader, sidebar_w);
        if (!mirrored) ImGui::SameLine(0, 0);
    }
    if (mirrored) ImGui::SetCursorPos(ImVec2(top.x + notes_w, top.y));
    bool page_changed = reader.last_drawn_page != f.model.page;
    const float page_w = mirrored ? total_w - (side_by_side ? sidebar_w : 0.0f) : (notes_w > 0 ? -notes_w : 0.0f);
    ImGui::BeginChild("##page", ImVec2(page_w, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding | kPanelFlags);
    if (page_changed) ImGui::SetScrollY(0);
    // A new page starts with focus at its top, with no ring: Space scrolls, Tab goes to the
    // page's first control and Shift+Tab to the contents, never a button pressed by surprise.
    // Until it holds: a window that has just appeared hands focus to its first control a
    // frame later (ImGui's navigation init), which would take it from here.
    if (FocusAnchor("##top", page_changed || f.state.focus_main) && !page_changed) f.state.focus_main = false;
    ScrollKeys();
    float width = ReadingWidth(fonts, ImGui::GetContentRegionAvail().x);
    float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f + ImGui::GetCursorPosX();
    ImGui::Dummy(ImVec2(1, fonts.body_px * 1.2f));
    ImGui::SetCursorPosX(left);
    ImGui::BeginGroup();
    // The page's text in the course's language: right to left for Arabic, Hebrew, Persian, ...
    const LanguageScope content_language(c.lang);
    // The module, then the lesson, each a bidi isolate (U+2068 ... U+2069): a name in the other
    // direction keeps its own order inside, and the dot between them takes the page's, so a page
    // that reads from the right shows the module at the right whatever script its name is in.
    const std::string crumb = "\xE2\x81\xA8" + module.title + "\xE2\x81\xA9  \xC2\xB7  \xE2\x81\xA8" + lesson.title + "\xE2\x81\xA9";
    WrappedText(fonts.small, t.text_muted, crumb, width);
    RichText("title", Inline{TextRun(page.title, true)}, SingleFontStyle(fonts.heading1, t.text, 1.2f),
             f.rich, width);
    if (f.model.speech_available) {
        // Read aloud: S starts and stops, Shift+S pauses and resumes.
        ImGui::PushFont(fonts.small);
        const char* speak = f.model.speaking ? Tr("Stop reading (S)") : Tr("Read this page aloud (S)");
        // The controls on one row from the reading start (pause beside stop), the notices
        // under them: a notice's last line is no place for a button.
        ControlRow controls(width);
        controls.Next(ButtonWidth(speak));
        // No voice speaks the course's language: say so rather than read it in another's.
        const bool no_voice = !f.model.speech_no_voice.empty() && !f.model.speaking;
        ImGui::BeginDisabled(no_voice);
        if (ImGui::SmallButton(speak))
            f.actions.Push(Action(ActionKind::SpeakPage));
        ImGui::EndDisabled();
        if (f.model.speaking) {
            const char* pause = f.model.speech_paused ? Tr("Resume (Shift+S)") : Tr("Pause (Shift+S)");
            controls.Next(ButtonWidth(pause));
            if (ImGui::SmallButton(pause))
                f.actions.Push(Action(ActionKind::SpeechPause));
        }
        if (no_voice)
            WrappedText(fonts.small, t.text_muted,
                        TrFText("Read-aloud has no voice for this course's language ({lang}): espeak-ng does not speak it.",
                                {{"lang", f.model.speech_no_voice}}),
                        width);
        // Some passages only: the rest is read, those are left out, and the learner is told.
        if (!f.model.speech_skipped.empty())
            WrappedText(fonts.small, t.text_muted,
                        TrFText("Passages in {langs} are not read aloud: espeak-ng has no voice for them.",
                                {{"langs", f.model.speech_skipped}}),
                        width);
        ImGui::PopFont();
    } else if (!f.model.speech_unavailable.empty()) {
        // The speech engine failed and said why (Windows without a working SAPI voice): the
        // button stays where the learner looks for it, disabled, with the reason under it.
        ImGui::PushFont(fonts.small);
        const char* speak = Tr("Read this page aloud (S)");
        ButtonAtReadingStart(speak, width);
        ImGui::BeginDisabled(true);
        ImGui::SmallButton(speak);
        ImGui::EndDisabled();
        WrappedText(fonts.small, t.text_muted,
                    TrFText("Read-aloud is not available here: {why}", {{"why", f.model.speech_unavailable}}), width);
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 0.4f));

    if (here.page == 0 && !lesson.objectives.empty()) {
        // Objectives open the lesson: what the learner will be able to do.
        Block box;
        box.kind = BlockKind::Callout;
        box.callout = CalloutKind::Note;
        box.title = TrText("In this lesson you will");
        Block list;
        list.kind = BlockKind::BulletList;
        list.items = lesson.objectives;
        box.children.push_back(list);
        BlockContext bc(f.rich, &f.model, width);
        DrawBlocks({box}, bc);
        ImGui::Dummy(ImVec2(1, fonts.body_px * 0.5f));
    }

    BlockContext bc(f.rich, &f.model, width);
    bc.show_facilitator = false;  // the presenter's notes are in their panel or window, never on the page
    const Session* session = f.model.session;
    bc.draw_question = [&](const Block& b) {
        const CheckState* st = session ? session->FindCheck(b.question->id) : nullptr;
        QuestionView v;
        v.question = b.question.get();
        v.width = width;
        v.mode = f.model.present_mode ? QuestionMode::Presenter : QuestionMode::Check;
        const KeyTargets targets = PageKeyTargets(page);
        v.number_keys = targets.question == b.question.get() && !targets.scenario;
        if (st) {
            v.response = st->response;
            v.order = st->display_order;
            v.grade = st->last ? &*st->last : nullptr;
            v.show_key = st->revealed;
            v.tries = st->tries;
        }
        QuestionInput in = DrawQuestion(v, f.rich);
        if (in.changed) {
            Action a(ActionKind::CheckSetResponse, 0, b.question->id);
            a.response = in.response;
            f.actions.Push(a);
        }
        if (in.check) f.actions.Push(Action(ActionKind::CheckSubmit, 0, b.question->id));
        if (in.reveal) f.actions.Push(Action(ActionKind::CheckReveal, 0, b.question->id));
    };
    bc.draw_scenario = [&](const Block& b) {
        const ScenarioRun* run = session ? session->FindRun(b.scenario->id) : nullptr;
        if (run) DrawScenario(*b.scenario, *run, bc, f.actions);
    };
    if (f.model.broken_pages.count(page.id)) {
        // Its blocks once failed to draw (AfterFrame): drawing them again would repeat the slip
        // every frame. The rest of the page (what comes next) still works.
        WrappedText(fonts.body, t.text,
                    TrText("This page could not be shown. The rest of the course is not affected: go on to the next page. "
                           "(What went wrong is in Lectern's log, for the course's author.)"),
                    width);
    } else {
        DrawBlocks(page.blocks, bc);
    }

    // The end of the page says what comes next, so the learner never wonders.
    ImGui::Dummy(ImVec2(1, fonts.body_px));
    const Quiz* quiz_next = session ? session->QuizAfterCurrentPage() : nullptr;
    if (quiz_next) {
        ImGui::PushFont(fonts.ui);
        std::string label = ButtonLabel(TrFText("Next: {title}  \xE2\x86\x92", {{"title", quiz_next->title}}), width);
        ButtonAtReadingStart(Shaped(label), width);
        if (PrimaryButton(label.c_str(), t)) f.actions.Push(Action(ActionKind::QuizOpen, 0, quiz_next->id));
        ImGui::PopFont();
    } else if (f.model.page + 1 < count) {
        const Page& next = c.PageAt(f.model.page + 1);
        ImGui::PushFont(fonts.ui);
        std::string label = ButtonLabel(TrFText("Next: {title}  \xE2\x86\x92", {{"title", next.title}}), width);
        ButtonAtReadingStart(Shaped(label), width);
        if (ImGui::Button(Shaped(label))) f.actions.Push(Action(ActionKind::NextPage));
        ImGui::PopFont();
    } else {
        WrappedText(fonts.ui_bold, t.text, TrText("You have reached the end of the course."), width);
        ImGui::PushFont(fonts.ui);
        if (c.assessment) {
            const std::string take = ButtonLabel(TrFText("Take the {title}", {{"title", c.assessment->title}}), width);
            ButtonAtReadingStart(Shaped(take), width);
            if (PrimaryButton(take.c_str(), t)) f.actions.Push(Action(ActionKind::QuizOpen, 0, c.assessment->id));
        }
        ButtonAtReadingStart(Tr("See my progress"), width);
        if (ImGui::Button(Tr("See my progress"))) f.actions.Push(Action::Open(Screen::Progress));
        ImGui::PopFont();
    }
    ImGui::Dummy(ImVec2(1, fonts.body_px * 3));
    ImGui::EndGroup();
    ImGui::EndChild();
    notes_panel();
    ImGui::EndChild();
    BottomBar(f, count);
    if (reader.sidebar_open && !room_for_both) {
        // Over the page from the side reading starts: the right when the interface is mirrored.
        const float overlay_w = std::min(total_w * 0.85f, fonts.body_px * 19.0f);
        // (Mirrored, the presenter's notes are at the left of the page.)
        const ImVec2 at(InterfaceRightToLeft() ? reader_pos.x + notes_w + total_w - overlay_w : reader_pos.x, reader_pos.y);
        ContentsOverlay(f, reader, at, ImVec2(overlay_w, reader_h));
    }
    reader.last_drawn_page = f.model.page;
}

}  // namespace lectern::ui

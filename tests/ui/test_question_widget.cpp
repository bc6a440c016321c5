// Every question type answered with simulated keyboard input, in a window-less ImGui context:
// keyboard focus is put on a control (as Tab or the arrows would) and Space/Enter press it.
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include "harness.h"
#include "ui/question_widget.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// Draws one question in its own window each frame and records what it reported.
class QuestionBench {
public:
    explicit QuestionBench(const Question& q) : m_ui(kFixture), m_q(q) {
        m_view.question = &q;
        m_view.mode = ui::QuestionMode::Check;
        m_view.width = 700;
        // The display order a session would give (matching/ordering never start answered).
        const CheckState& st = m_ui.session().Check(q);
        m_view.order = st.display_order;
        m_view.response = st.response;
    }

    // One frame with `key` held; returns the widget's report and applies any change.
    ui::QuestionInput Frame(int key = -1, const char* text = nullptr) {
        ImGuiIO& io = ImGui::GetIO();
        std::memset(io.KeysDown, 0, sizeof io.KeysDown);
        if (key >= 0) io.KeysDown[key] = true;
        if (text) io.AddInputCharactersUTF8(text);
        ui::RemapKeyboard(io);
        ImGui::NewFrame();
        if (m_leave_field) ImGui::ClearActiveID();  // as a click elsewhere does, inside NewFrame
        m_leave_field = false;
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1000, 780));
        ImGui::Begin("bench");
        m_window = ImGui::GetCurrentWindow();
        ui::RichContext ctx{m_ui.model.course, &m_ui.fonts, &ui::GetTheme(ui::ThemeId::Light), nullptr};
        if (m_log) ImGui::LogToBuffer();
        ui::QuestionInput in = ui::DrawQuestion(m_view, ctx);
        if (m_log) {
            m_drawn = GImGui->LogBuffer.c_str();
            ImGui::LogFinish();
        }
        ImGui::End();
        ImGui::Render();
        if (in.changed) m_view.response = in.response;
        if (in.check) ++m_checks;
        return in;
    }

    // Puts keyboard focus on the control whose id path (inside the question) is given, then
    // presses `key` on it and lets the UI settle.
    ui::QuestionInput PressOn(std::initializer_list<const char*> path, const char* label, int key = test::kKeySpace) {
        Frame();
        ImGuiID id = IdOf(path, label);
        if (!m_focused) {
            // Focusing a window starts keyboard navigation at its first item: let that settle.
            ImGui::FocusWindow(m_window);
            Frame();
            Frame();
            m_focused = true;
        }
        ImGui::SetFocusID(id, m_window);
        GImGui->NavDisableHighlight = false;
        Frame();
        ui::QuestionInput pressed = Frame(key);
        ui::QuestionInput after = Frame();
        if (after.changed || after.check) pressed = after;
        return pressed;
    }

    ImGuiID IdOf(std::initializer_list<const char*> path, const char* label) {
        ImGuiWindow* w = m_window;
        ImGuiID seed = w->GetID(m_q.id.c_str());
        for (const char* p : path) seed = ImHashStr(p, 0, seed);
        return ImHashStr(label, 0, seed);
    }

    // One frame; the text it drew, as ImGui logs it.
    std::string DrawnText() {
        m_log = true;
        Frame();
        m_log = false;
        return m_drawn;
    }
    const Response& response() const { return m_view.response; }
    ui::QuestionView& view() { return m_view; }
    int checks() const { return m_checks; }
    ImGuiWindow* window() const { return m_window; }
    // The next frame starts with the focused field left, as when the learner clicks elsewhere.
    void LeaveField() { m_leave_field = true; }

private:
    bool m_leave_field = false;
    bool m_log = false;
    std::string m_drawn;
    UiHarness m_ui;
    const Question& m_q;
    ui::QuestionView m_view;
    ImGuiWindow* m_window = nullptr;
    int m_checks = 0;
    bool m_focused = false;
};

// The fixture's knowledge checks, by type.
const Question* FixtureQuestion(const Course& c, QuestionType type) {
    for (const auto& ref : c.reading_order) {
        const Page& p = c.modules[static_cast<size_t>(ref.module)].lessons[static_cast<size_t>(ref.lesson)].pages[static_cast<size_t>(ref.page)];
        for (const auto& b : p.blocks)
            if (b.kind == BlockKind::Question && b.question && b.question->type == type) return b.question.get();
    }
    return nullptr;
}

struct Fixture {
    LoadResult load = LoadCourse(kFixture);
    const Question* Get(QuestionType t) {
        EXPECT_TRUE(load.ok()) << load.diagnostics.FormatAll();
        const Question* q = load.course ? FixtureQuestion(*load.course, t) : nullptr;
        EXPECT_NE(q, nullptr) << "the fixture course has no knowledge check of this type";
        return q;
    }
};

}  // namespace

TEST(QuestionWidget, SingleChoiceIsPickedWithSpaceOnTheFocusedRow) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Single);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    const std::string second = b.view().order.at(1);
    b.PressOn({second.c_str()}, "##row");
    EXPECT_EQ(b.response().kind, ResponseKind::Choices);
    EXPECT_EQ(b.response().selected, std::vector<std::string>{second});
    // Picking another replaces it: a single-choice question holds one answer.
    const std::string first = b.view().order.at(0);
    b.PressOn({first.c_str()}, "##row");
    EXPECT_EQ(b.response().selected, std::vector<std::string>{first});
}

TEST(QuestionWidget, MultipleResponseTogglesEachRow) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Multiple);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    const std::string a = b.view().order.at(0), c = b.view().order.at(2);
    b.PressOn({a.c_str()}, "##row");
    b.PressOn({c.c_str()}, "##row");
    EXPECT_EQ(b.response().selected, (std::vector<std::string>{a, c}));
    b.PressOn({a.c_str()}, "##row");  // Space again unticks
    EXPECT_EQ(b.response().selected, std::vector<std::string>{c});
}

TEST(QuestionWidget, TrueFalseWithEnter) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::TrueFalse);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    b.PressOn({"false"}, "##row", test::kKeyEnter);
    EXPECT_EQ(b.response().kind, ResponseKind::TrueFalse);
    EXPECT_FALSE(b.response().value);
    b.PressOn({"true"}, "##row", test::kKeyEnter);
    EXPECT_TRUE(b.response().value);
}

TEST(QuestionWidget, OrderingMovesAnItemDownWithItsButton) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Ordering);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    std::vector<std::string> start = b.view().order;
    ASSERT_GE(start.size(), 2u);
    b.PressOn({start[0].c_str()}, "Move down");
    ASSERT_EQ(b.response().kind, ResponseKind::Ordering);
    std::vector<std::string> expected = start;
    std::swap(expected[0], expected[1]);
    EXPECT_EQ(b.response().order, expected);
    // The moved item's buttons keep their id, so pressing again moves the same item further.
    if (start.size() >= 3) {
        b.PressOn({start[0].c_str()}, "Move down");
        std::swap(expected[1], expected[2]);
        EXPECT_EQ(b.response().order, expected);
    }
    b.PressOn({start[0].c_str()}, "Move up");
    EXPECT_NE(b.response().order, start);
}

TEST(QuestionWidget, MatchingPicksFromTheDropDownWithTheKeyboard) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Matching);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    const std::string left = q->pairs.at(0).id;
    b.PressOn({"match", left.c_str()}, "##match");  // inside the table's id scope; Space opens it
    // In the open list, Down moves to the first entry and Space picks it.
    b.Frame(test::kKeyDown);
    b.Frame();
    b.Frame(test::kKeySpace);
    b.Frame();
    ASSERT_EQ(b.response().kind, ResponseKind::Matching);
    ASSERT_EQ(b.response().matches.count(left), 1u);
    EXPECT_FALSE(b.response().matches.at(left).empty());
}

TEST(QuestionWidget, TextAnswerIsTypedAndEnterChecksIt) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Text);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    b.PressOn({}, "##answer", test::kKeyEnter);  // Enter on the field starts editing
    b.Frame(-1, q->accept.at(0).c_str());
    b.Frame();
    ASSERT_EQ(b.response().kind, ResponseKind::Text);
    EXPECT_EQ(b.response().text, q->accept.at(0));
    b.Frame(test::kKeyEnter);
    b.Frame();
    EXPECT_GE(b.checks(), 1);
    EXPECT_EQ(GradeResponse(*q, b.response()).status, GradeStatus::Correct);
}

TEST(QuestionWidget, ReviewModeIgnoresInput) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Single);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    b.view().mode = ui::QuestionMode::Review;
    const std::string first = b.view().order.at(0);
    ui::QuestionInput in = b.PressOn({first.c_str()}, "##row");
    EXPECT_FALSE(in.changed);
    EXPECT_EQ(b.response().kind, ResponseKind::Unanswered);
}

// In a quiz, a typed answer changes with every key but settles (is recorded) only on Enter or
// when the field loses focus: five letters are one answer, not five.
TEST(QuestionWidget, ATypedQuizAnswerSettlesOnEnterOrLeavingTheFieldNotOnEveryKey) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Text);
    ASSERT_TRUE(q);
    for (bool leave : {false, true}) {
        SCOPED_TRACE(leave ? "leaving the field (a click elsewhere)" : "Enter");
        QuestionBench b(*q);
        b.view().mode = ui::QuestionMode::Quiz;
        b.PressOn({}, "##answer", test::kKeyEnter);  // Enter on the field starts editing
        int changes = 0, settles = 0;
        for (const char* letter : {"p", "e", "a", "c", "e"}) {
            ui::QuestionInput in = b.Frame(-1, letter);
            changes += in.changed;
            settles += in.settled;
        }
        EXPECT_EQ(changes, 5);
        EXPECT_EQ(settles, 0) << "a keystroke settled the answer";
        EXPECT_EQ(b.response().text, "peace");
        for (int i = 0; i < 3; ++i) {
            if (leave && i == 0) b.LeaveField();
            ui::QuestionInput in = b.Frame(i == 0 && !leave ? test::kKeyEnter : -1);
            settles += in.settled;
            if (in.settled) {
                EXPECT_EQ(in.response.text, "peace");
            }
        }
        EXPECT_GE(settles, 1);
        EXPECT_EQ(b.checks(), 0) << "a quiz has no Check";
    }
}

// Every other type settles with each change: a click is the answer.
TEST(QuestionWidget, ChoicesSettleWithEveryChange) {
    Fixture fx;
    const Question* q = fx.Get(QuestionType::Single);
    ASSERT_TRUE(q);
    QuestionBench b(*q);
    b.view().mode = ui::QuestionMode::Quiz;
    const std::string first = b.view().order.at(0);
    ui::QuestionInput in = b.PressOn({first.c_str()}, "##row");
    EXPECT_TRUE(in.changed);
    EXPECT_TRUE(in.settled);
}

// The hint shows wherever a learner answers: in a knowledge check and in a scored quiz (where it
// was never drawn, though the guide allows it); not in the review, where the answer is known, nor
// on the room's screen in the presenter view. Space on the "Hint" toggle opens it.
TEST(QuestionWidget, TheHintOpensInChecksAndQuizzesButNotInReviewOrForTheRoom) {
    Fixture fx;
    ASSERT_TRUE(fx.load.ok()) << fx.load.diagnostics.FormatAll();
    const Question* q = nullptr;
    for (const auto& ref : fx.load.course->reading_order)
        for (const auto& b : fx.load.course->PageAt(static_cast<int>(&ref - fx.load.course->reading_order.data())).blocks)
            if (!q && b.kind == BlockKind::Question && !b.question->hint.empty()) q = b.question.get();
    ASSERT_NE(q, nullptr) << "the fixture course has no question with a hint";
    const struct {
        ui::QuestionMode mode;
        const char* name;
        bool hint;
    } modes[] = {{ui::QuestionMode::Check, "check", true},
                 {ui::QuestionMode::Quiz, "quiz", true},
                 {ui::QuestionMode::Review, "review", false},
                 {ui::QuestionMode::Presenter, "presenter", false}};
    for (const auto& m : modes) {
        QuestionBench b(*q);
        b.view().mode = m.mode;
        b.PressOn({"hint"}, "Hint");
        const bool open = b.window()->StateStorage.GetInt(b.IdOf({"hint"}, "Hint"), 0) != 0;
        EXPECT_EQ(open, m.hint) << m.name << ": the hint " << (open ? "opened" : "did not open");
    }
}

// The verdict over the feedback, for every question type in every mode that shows one, in every
// state a grade can have, key shown or not: after a quiz an unanswered question is "Not answered."
// (it can no longer be answered: "No answer yet." said otherwise), a check of nothing asks for an
// answer, and every other state names its verdict. The text is read from what ImGui drew.
TEST(QuestionWidget, TheVerdictSaysWhatHappenedInEveryTypeModeAndState) {
    Fixture fx;
    const QuestionType types[] = {QuestionType::Single,   QuestionType::Multiple, QuestionType::TrueFalse,
                                  QuestionType::Matching, QuestionType::Ordering, QuestionType::Text};
    const GradeStatus states[] = {GradeStatus::Unanswered, GradeStatus::Incorrect, GradeStatus::Partial, GradeStatus::Correct};
    int cases = 0;
    for (QuestionType type : types) {
        const Question* q = fx.Get(type);
        if (!q) continue;
        for (ui::QuestionMode mode : {ui::QuestionMode::Check, ui::QuestionMode::Review})
            for (GradeStatus status : states)
                for (bool key : {false, true}) {
                    SCOPED_TRACE(testing::Message() << QuestionTypeName(type) << (mode == ui::QuestionMode::Check ? " check" : " review")
                                                    << " status " << static_cast<int>(status) << (key ? " key" : ""));
                    QuestionBench b(*q);
                    // Unanswered is the grade of the empty response, as the session gives it.
                    Grade g = GradeResponse(*q, Response{});
                    ASSERT_EQ(g.status, GradeStatus::Unanswered);
                    g.status = status;
                    g.earned = status == GradeStatus::Partial ? 0.5 : 0;
                    g.max = 1;
                    b.view().mode = mode;
                    b.view().grade = &g;
                    b.view().show_key = key;
                    b.view().tries = 1;
                    const std::string drawn = b.DrawnText();
                    ++cases;
                    EXPECT_EQ(drawn.find("No answer yet"), std::string::npos) << drawn;
                    const char* verdict = status == GradeStatus::Correct     ? "Correct."
                                          : status == GradeStatus::Partial   ? "Partly right: 0.5 of 1."
                                          : status == GradeStatus::Incorrect ? "Not quite."
                                          : mode == ui::QuestionMode::Review ? "Not answered."
                                                                             : "Answer first, then check it.";
                    EXPECT_NE(drawn.find(verdict), std::string::npos) << "expected \"" << verdict << "\" in:\n" << drawn;
                }
    }
    EXPECT_EQ(cases, 6 * 2 * 4 * 2);
}

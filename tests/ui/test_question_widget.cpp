// Every question type answered with simulated keyboard input, in a window-less ImGui context:
// keyboard focus is put on a control (as Tab or the arrows would) and Space/Enter press it.
#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <memory>

#include "draw_raster.h"
#include "harness.h"
#include "shaped_ui.h"
#include "ui/question_widget.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// Draws one question in its own window each frame and records what it reported. With a text
// size, it draws with the player's own fonts baked at that size (as a learner sees it), else with
// Dear ImGui's default font.
class QuestionBench {
public:
    explicit QuestionBench(const Question& q, float text_scale = 0.0f)
        : m_shaped(text_scale > 0 ? std::make_unique<test::ShapedUi>(LoadCourse(kFixture), "en", text_scale) : nullptr),
          m_plain(m_shaped ? nullptr : std::make_unique<UiHarness>(kFixture)),
          m_ui(m_shaped ? m_shaped->ui : *m_plain),
          m_q(q) {
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
        if (m_shaped) m_shaped->shaped().NewFrame();
        ImGui::NewFrame();
        if (m_leave_field) ImGui::ClearActiveID();  // as a click elsewhere does, inside NewFrame
        m_leave_field = false;
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1000, 780));
        ImGui::Begin("bench");
        m_window = ImGui::GetCurrentWindow();
        ui::RichContext ctx{m_ui.model.course, &m_ui.fonts, &ui::GetTheme(m_theme), nullptr};
        if (m_log) ImGui::LogToBuffer();
        ui::QuestionInput in = ui::DrawQuestion(m_view, ctx);
        if (m_log) {
            m_drawn = GImGui->LogBuffer.c_str();
            ImGui::LogFinish();
        }
        m_last = in;
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
    // Draws in `theme` from the next frame on (the window's colours too).
    void SetTheme(ui::ThemeId theme) {
        m_theme = theme;
        ui::ApplyTheme(ui::GetTheme(theme), 1.0f);
    }
    // A few frames (auto-sized parts settle), the last rasterised, with where its first answer
    // control was drawn.
    test::Raster Draw(ui::QuestionInput* drawn) {
        for (int i = 0, bakes = 0; i < 3; ++i) {
            Frame();
            // Glyphs the frame asked for are baked, and the frames drawn again with them.
            if (m_shaped && bakes < 5 && m_shaped->Bake()) {
                ++bakes;
                i = -1;
            }
        }
        *drawn = m_last;
        const ImVec2 size = ImGui::GetIO().DisplaySize;
        return test::Rasterise(ImGui::GetDrawData(), ImGui::GetIO().Fonts, static_cast<int>(size.x), static_cast<int>(size.y));
    }
    float BodyPx() const { return m_ui.fonts.body_px; }

private:
    ui::ThemeId m_theme = ui::ThemeId::Light;
    ui::QuestionInput m_last;
    bool m_leave_field = false;
    bool m_log = false;
    std::string m_drawn;
    std::unique_ptr<test::ShapedUi> m_shaped;
    std::unique_ptr<UiHarness> m_plain;
    UiHarness& m_ui;
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

// The ink of one choice row's start as a learner sees it: what differs from the row's own
// background (sampled at its left edge, which nothing is drawn on), in clusters of columns.
struct InkBox {
    int x0, y0, x1, y1;  // inclusive
    int Width() const { return x1 - x0 + 1; }
    int Height() const { return y1 - y0 + 1; }
};

class RowInk {
public:
    RowInk(const test::Raster& r, int left) : m_r(r), m_left(left) {}
    bool Ink(int x, int y) const {
        const size_t i = static_cast<size_t>((y * m_r.width + m_left) * 3);
        return !m_r.Is(x, y, ImVec4(m_r.rgb[i], m_r.rgb[i + 1], m_r.rgb[i + 2], 1), 0.12f);
    }
    // Runs of pixel rows from `top` down with ink in the columns [left + 1, right): one per choice
    // row when only the rows' numbers and indicators reach into those columns.
    std::vector<std::pair<int, int>> Rows(int top, int right) const {
        std::vector<std::pair<int, int>> runs;
        for (int y = top; y < m_r.height; ++y) {
            bool ink = false;
            for (int x = m_left + 1; x < right && !ink; ++x) ink = Ink(x, y);
            if (ink && (runs.empty() || runs.back().second != y - 1)) runs.push_back({y, y});
            else if (ink) runs.back().second = y;
        }
        return runs;
    }
    // The clusters of inked columns in the pixel rows [y0, y1] (two blank columns part them),
    // each with its own bounding box.
    std::vector<InkBox> Clusters(int y0, int y1) const {
        std::vector<InkBox> out;
        int blank = 2;
        for (int x = m_left + 1; x < m_r.width; ++x) {
            int top = -1, bottom = -1;
            for (int y = y0; y <= y1; ++y)
                if (Ink(x, y)) {
                    if (top < 0) top = y;
                    bottom = y;
                }
            if (top < 0) {
                ++blank;
                continue;
            }
            if (blank >= 2) out.push_back({x, top, x, bottom});
            InkBox& b = out.back();
            b.x1 = x;
            b.y0 = std::min(b.y0, top);
            b.y1 = std::max(b.y1, bottom);
            blank = 0;
        }
        return out;
    }
    // Fraction of `b`'s four corner triangles (legs a quarter of its side) that is inked: near 1
    // for a square, near 0 for a circle, whose edge stays clear of them.
    double Corners(const InkBox& b) const {
        const int leg = std::max(2, std::min(b.Width(), b.Height()) / 4);
        int ink = 0, all = 0;
        for (int dy = 0; dy < leg; ++dy)
            for (int dx = 0; dx + dy < leg; ++dx)
                for (auto [x, y] : {std::pair{b.x0 + dx, b.y0 + dy}, {b.x1 - dx, b.y0 + dy}, {b.x0 + dx, b.y1 - dy}, {b.x1 - dx, b.y1 - dy}}) {
                    ++all;
                    ink += Ink(x, y) ? 1 : 0;
                }
        return static_cast<double>(ink) / all;
    }
    // Fraction of `b`'s inside (a fifth of its side in from each edge) drawn in the colour of its
    // own left edge: near 1 for a filled box, lower for a dot or a tick in an empty frame.
    double Filled(const InkBox& b) const {
        const int in = std::max(1, b.Width() / 5);
        const int n = m_r.Count(b.x0 + in, b.y0 + in, b.x1 - in + 1, b.y1 - in + 1, [&](int x, int y) { return Ink(x, y); });
        return static_cast<double>(n) / ((b.Width() - 2 * in) * (b.Height() - 2 * in));
    }

private:
    const test::Raster& m_r;
    int m_left;
};

// Choices show the number key that picks them, and a ticked box never looks like a chosen radio
// button: at every theme and at 100 % and 200 % text, read from the pixels drawn with the player's
// fonts. Shapes, not colours, tell them apart: in the yellow theme the accent, the text and the
// ring are all black. Each row's start holds, in order, its number (when 1-9 pick it) and its
// indicator: a square for several answers (filled when ticked, so never a dot in a frame), a
// circle for one (a dot inside when chosen).
TEST(QuestionWidget, ChoicesShowTheirNumberKeysAndATickedBoxIsFilledNotADotAtEveryTheme) {
    Fixture fx;
    for (float scale : {1.0f, 2.0f}) {
        for (QuestionType type : {QuestionType::Single, QuestionType::Multiple, QuestionType::TrueFalse}) {
            const Question* fixture_q = fx.Get(type);
            ASSERT_TRUE(fixture_q);
            Question q = *fixture_q;
            q.hint.clear();  // nothing under the choices but the page (a quiz draws no buttons)
            const bool radio = type != QuestionType::Multiple;
            const size_t choices = type == QuestionType::TrueFalse ? 2 : q.choices.size();
            QuestionBench b(q, scale);
            b.view().mode = ui::QuestionMode::Quiz;
            for (ui::ThemeId theme : {ui::ThemeId::Light, ui::ThemeId::Dark, ui::ThemeId::HighContrast, ui::ThemeId::Yellow}) {
                SCOPED_TRACE(std::string(type == QuestionType::Single ? "single" : radio ? "true/false" : "multiple") + " theme " +
                             ui::ThemeKey(theme) + " text " + std::to_string(static_cast<int>(scale * 100)) + "%");
                b.SetTheme(theme);
                // The first choice chosen, the others not.
                b.view().response = type == QuestionType::TrueFalse ? Response::TrueFalse(true) : Response::Choices({b.view().order.at(0)});
                // The row's start: columns left of where a plain list's text begins (nothing but
                // the number and the indicator's left part reach in there).
                const float start_w = b.BodyPx() * 2.0f;
                for (bool numbered : {true, false}) {
                    SCOPED_TRACE(numbered ? "numbered" : "not numbered");
                    b.view().number_keys = numbered;
                    ui::QuestionInput at;
                    const test::Raster r = b.Draw(&at);
                    ASSERT_TRUE(at.has_first_control);
                    const RowInk ink(r, static_cast<int>(at.first_control_min.x));
                    const auto rows = ink.Rows(static_cast<int>(at.first_control_min.y), static_cast<int>(at.first_control_min.x + start_w));
                    ASSERT_EQ(rows.size(), choices) << "one row start per choice";
                    std::vector<InkBox> numbers;
                    for (size_t row = 0; row < rows.size(); ++row) {
                        SCOPED_TRACE("row " + std::to_string(row + 1));
                        // The run found in the row's start may miss the top and bottom of an
                        // indicator taller than the number: half a line more, short of the next row.
                        const int reach = static_cast<int>(b.BodyPx() * 0.5f);
                        const int y0 = std::max(rows[row].first - reach, row > 0 ? rows[row - 1].second + 1 : 0);
                        const int y1 = std::min(rows[row].second + reach, row + 1 < rows.size() ? rows[row + 1].first - 1 : r.height - 1);
                        const auto clusters = ink.Clusters(y0, y1);
                        ASSERT_GE(clusters.size(), numbered ? 3u : 2u) << "number, indicator and text expected";
                        // The indicator is square-ish whatever it holds; a digit is taller than wide.
                        const InkBox& mark = clusters[numbered ? 1 : 0];
                        EXPECT_LE(std::abs(mark.Width() - mark.Height()), 2) << "the indicator is " << mark.Width() << "x" << mark.Height();
                        EXPECT_GE(mark.Height(), b.BodyPx() * 0.6f) << "the indicator is too small to see";
                        if (numbered) {
                            const InkBox& digit = clusters[0];
                            EXPECT_GT(digit.Height(), digit.Width()) << "no digit before the indicator (" << digit.Width() << "x" << digit.Height() << ")";
                            EXPECT_LT(digit.x1, mark.x0) << "the number is not before the indicator";
                            numbers.push_back(digit);
                        } else {
                            // Without number keys the row starts with its indicator.
                            EXPECT_LT(mark.x0 - at.first_control_min.x, b.BodyPx()) << "something is drawn before the indicator";
                        }
                        const double corners = ink.Corners(mark), filled = ink.Filled(mark);
                        const bool chosen = row == 0;
                        if (radio) {
                            EXPECT_LT(corners, 0.1) << "a radio button is not round";
                            if (chosen) EXPECT_GT(filled, 0.4) << "a chosen radio button has no dot";
                            else EXPECT_LT(filled, 0.25) << "a radio button not chosen has a dot";
                        } else {
                            // (Measured: a box's corners 0.33-0.88 inked, a ticked box 0.88-1.0
                            // filled, a radio button's dot 0.61-0.69.)
                            EXPECT_GT(corners, 0.25) << "a box is round, like a radio button";
                            if (chosen) EXPECT_GT(filled, 0.8) << "a ticked box is not filled: a mark in an empty frame reads as a radio button";
                            else EXPECT_LT(filled, 0.15) << "a box not ticked is filled";
                        }
                    }
                    // Each number is a different glyph (1, 2, 3...), not one mark repeated.
                    for (size_t i = 0; i < numbers.size(); ++i)
                        for (size_t j = i + 1; j < numbers.size(); ++j) {
                            bool same = numbers[i].Width() == numbers[j].Width() && numbers[i].Height() == numbers[j].Height();
                            for (int dy = 0; same && dy < numbers[i].Height(); ++dy)
                                for (int dx = 0; same && dx < numbers[i].Width(); ++dx)
                                    same = ink.Ink(numbers[i].x0 + dx, numbers[i].y0 + dy) == ink.Ink(numbers[j].x0 + dx, numbers[j].y0 + dy);
                            EXPECT_FALSE(same) << "rows " << i + 1 << " and " << j + 1 << " show the same number";
                        }
                }
            }
        }
    }
}

namespace {

Inline Words(const std::string& s) { return Inline{TextRun(s)}; }

}  // namespace

// What the author wrote for a choice is drawn right under that choice, once, after a check and in
// a quiz's review: for every set of chosen answers of a single- and a multiple-answer question,
// with the answer key shown or not, and with every choice's comment the same word (the review
// once printed "Correct. Correct. Correct." in a row, tied to no choice). A choice not chosen
// shows no comment; a review showing responses only shows none. Read from the glyphs drawn.
TEST(QuestionWidget, EachChoicesFeedbackIsDrawnUnderThatChoiceOnlyWhenChosen) {
    const std::vector<std::string> words = {"Alpha", "Bravo", "Charlie", "Delta", "Echo"};
    int cases = 0;
    for (QuestionType type : {QuestionType::Single, QuestionType::Multiple}) {
        for (bool same_words : {false, true}) {
            Question q;
            q.id = "feedback-under-choice";
            q.type = type;
            q.prompt = Words("Which apply?");
            for (size_t i = 0; i < words.size(); ++i) {
                Choice c;
                c.id = std::string(1, static_cast<char>('a' + i));
                c.text = Words(words[i]);
                c.correct = type == QuestionType::Multiple ? i % 2 == 0 : i == 1;
                c.feedback = Words(same_words ? "Correct." : "Note on " + words[i]);
                q.choices.push_back(c);
            }
            // Every set of the first four chosen (the fifth, never chosen, closes the last one's
            // space); one at a time for a single answer.
            std::vector<std::vector<size_t>> sets;
            for (unsigned mask = 1; mask < 16; ++mask) {
                std::vector<size_t> set;
                for (size_t i = 0; i < 4; ++i)
                    if (mask & (1u << i)) set.push_back(i);
                if (type == QuestionType::Multiple || set.size() == 1) sets.push_back(set);
            }
            QuestionBench b(q);
            b.view().order = {"a", "b", "c", "d", "e"};
            for (const auto& set : sets)
                for (ui::QuestionMode mode : {ui::QuestionMode::Check, ui::QuestionMode::Review})
                    for (bool key : {false, true})
                        for (bool show_feedback : {true, false}) {
                            if (mode == ui::QuestionMode::Check && !show_feedback) continue;  // only a review hides it
                            std::vector<std::string> chosen;
                            for (size_t i : set) chosen.push_back(q.choices[i].id);
                            SCOPED_TRACE(testing::Message() << QuestionTypeName(type) << (same_words ? " same words" : "") << " chosen "
                                                            << testing::PrintToString(chosen) << (mode == ui::QuestionMode::Check ? " check" : " review")
                                                            << (key ? " key" : "") << (show_feedback ? "" : " responses only"));
                            b.view().response = Response::Choices(chosen);
                            const Grade g = GradeResponse(q, b.view().response);
                            b.view().grade = &g;
                            b.view().mode = mode;
                            b.view().show_key = key;
                            b.view().show_feedback = show_feedback;
                            b.view().tries = 1;
                            b.Frame();
                            b.Frame();
                            const auto lines = test::DrawnLines(test::GlyphQuads(*ImGui::GetIO().Fonts));
                            ++cases;
                            // Each choice's line, by its word (at the line's start: a row starts with its text).
                            std::vector<size_t> row(words.size(), lines.size());
                            for (size_t l = 0; l < lines.size(); ++l)
                                for (size_t i = 0; i < words.size(); ++i)
                                    if (lines[l].second.rfind(words[i], 0) == 0 && row[i] == lines.size()) row[i] = l;
                            for (size_t i = 0; i < words.size(); ++i)
                                ASSERT_LT(row[i], lines.size()) << words[i] << " is not drawn; the lines: " << testing::PrintToString(lines);
                            for (size_t i = 0; i + 1 < words.size(); ++i) {
                                ASSERT_LT(row[i], row[i + 1]) << "the choices are out of order";
                                std::vector<std::string> between;
                                for (size_t l = row[i] + 1; l < row[i + 1]; ++l) between.push_back(lines[l].second);
                                const bool on = std::find(set.begin(), set.end(), i) != set.end();
                                std::string note = same_words ? "Correct." : "Noteon" + words[i];
                                if (on && show_feedback)
                                    EXPECT_EQ(between, std::vector<std::string>{note}) << "under " << words[i] << " expected its comment alone";
                                else
                                    EXPECT_TRUE(between.empty()) << "under " << words[i] << " (" << (on ? "chosen" : "not chosen")
                                                                 << "): " << testing::PrintToString(between);
                            }
                        }
        }
    }
    EXPECT_EQ(cases, 2 * (4 * 6) + 2 * (15 * 6));
}

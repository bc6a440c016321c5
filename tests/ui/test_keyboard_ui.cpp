// One key, one action, in a window-less ImGui context: page-turn keys never move focus, a new page
// starts with focus at its top (no ring, so Space scrolls), Tab and Shift+Tab run through every
// control of the screen in the order it is drawn, and Escape goes back along the learner's path.
// Generated over every page of the fixture course.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <set>
#include <vector>

#include "harness.h"
#include "shaped_ui.h"
#include "ui/screens.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {
const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

ImGuiID PageTopAnchor() {
    ImGuiWindow* page = test::ActiveWindowNamed("##page");
    return page ? ImHashStr("##top", 0, page->ID) : 0;
}

struct Stop {
    ImGuiID id;
    ImGuiWindow* window;
    ImRect rect;  // relative to its window
};

Stop Focused() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    return {g.NavId, g.NavWindow, g.NavWindow ? g.NavWindow->NavRectRel[0] : ImRect()};
}

void ShiftPress(UiHarness& ui, int key) {
    ImGui::GetIO().KeyShift = true;
    ui.Press(key);
    ImGui::GetIO().KeyShift = false;
}

// Tabs from where focus is until it comes back to the first control reached.
std::vector<Stop> TabCycle(UiHarness& ui, int limit = 300) {
    std::vector<Stop> stops;
    for (int i = 0; i < limit; ++i) {
        ui.Press(test::kKeyTab);
        Stop s = Focused();
        if (!stops.empty() && s.id == stops.front().id) break;
        stops.push_back(s);
    }
    return stops;
}
}  // namespace

TEST(KeyboardUi, PageTurnKeysLeaveFocusAtTheTopOfTheNewPageWithoutARing) {
    UiHarness ui(kFixture);
    ui.model.speech_available = true;
    ui.state.screen = ui::Screen::Reader;
    ui.Frame();
    ui.Frame();
    const int count = ui.nav().Count();
    for (int i = 1; i < count; ++i) {
        SCOPED_TRACE("page " + ui.nav().Current().id);
        ui.Press(test::kKeyRight);
        ui.Frame();
        ASSERT_EQ(ui.nav().Index(), i);
        EXPECT_EQ(ImGui::GetFocusID(), PageTopAnchor()) << "Right moved focus somewhere other than the page's top";
        EXPECT_FALSE(ImGui::GetIO().NavVisible) << "a focus ring shows after a page turn";
        // Space scrolls or does nothing; it never presses a control (read aloud, a link, Back).
        ui::Actions a = ui.Press(test::kKeySpace);
        EXPECT_TRUE(a.list.empty()) << "Space did " << static_cast<int>(a.list.front().kind);
        EXPECT_EQ(ui.nav().Index(), i);
        EXPECT_EQ(ui.state.screen, ui::Screen::Reader);
    }
    // Left comes back the same way.
    ui.Press(test::kKeyLeft);
    ui.Frame();
    EXPECT_EQ(ui.nav().Index(), count - 2);
    EXPECT_EQ(ImGui::GetFocusID(), PageTopAnchor());
}

TEST(KeyboardUi, PageDownAndSpaceScrollALongPageAndNeverMoveFocus) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    ImGui::GetIO().DisplaySize = ImVec2(800, 400);  // every fixture page is longer than this
    for (int i = 0; i < 3; ++i) ui.Frame();
    for (int key : {test::kKeyPageDown, test::kKeySpace, test::kKeyDown, test::kKeyEnd}) {
        SCOPED_TRACE(key);
        ui.Press(test::kKeyHome);
        ImGuiWindow* page = test::ActiveWindowNamed("##page");
        ASSERT_NE(page, nullptr);
        ASSERT_GT(page->ScrollMax.y, 0.0f);
        EXPECT_EQ(page->Scroll.y, 0.0f);
        ui.Press(key);
        ui.Frame();
        EXPECT_GT(page->Scroll.y, 0.0f) << "the key did not scroll";
        EXPECT_EQ(ImGui::GetFocusID(), PageTopAnchor()) << "the key moved focus to " << Focused().window->Name << " y " << Focused().rect.Min.y;
    }
}

// Home too: the first Page Down scrolled nothing and moved focus to a control further down.
// (Space and Enter press Start there, which has the keyboard when Home opens.)
TEST(KeyboardUi, OnHomeTheFirstPageDownOrEndScrollsAndLeavesFocusOnStart) {
    for (int key : {test::kKeyPageDown, test::kKeyEnd}) {
        SCOPED_TRACE(key);
        UiHarness ui(kFixture);
        ImGui::GetIO().DisplaySize = ImVec2(800, 300);  // Home is longer than this
        for (int i = 0; i < 3; ++i) ui.Frame();
        ASSERT_EQ(ui.state.screen, ui::Screen::Home);
        ImGuiWindow* home = test::ActiveWindowNamed("##home");
        ASSERT_NE(home, nullptr);
        ASSERT_GT(home->ScrollMax.y, 0.0f);
        ASSERT_EQ(home->Scroll.y, 0.0f);
        const ImGuiID before = ImGui::GetFocusID();
        ui::Actions a = ui.Press(key);
        ui.Frame();
        EXPECT_TRUE(a.list.empty()) << "the key pressed a control";
        EXPECT_EQ(ui.state.screen, ui::Screen::Home);
        EXPECT_GT(home->Scroll.y, 0.0f) << "the first press did not scroll";
        EXPECT_EQ(ImGui::GetFocusID(), before) << "the key moved focus to " << Focused().window->Name << " y " << Focused().rect.Min.y;
    }
}

TEST(KeyboardUi, TabVisitsEveryControlOnceInDrawingOrderAndShiftTabRetracesIt) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    ui.Frame();
    const int count = ui.nav().Count();
    for (int i = 0; i < count; ++i) {
        ui.nav().JumpToIndex(i);
        ui.Frame();
        ui.Frame();
        SCOPED_TRACE("page " + ui.nav().Current().id);
        std::vector<Stop> stops = TabCycle(ui);
        ASSERT_GE(stops.size(), 3u) << "Tab reached almost nothing";
        ASSERT_LT(stops.size(), 300u) << "Tab never came back to where it started";
        std::set<ImGuiID> seen;
        for (const Stop& s : stops) EXPECT_TRUE(seen.insert(s.id).second) << "a control was reached twice in one round";
        // Within one panel, the order is the drawing order: never back up the page.
        for (size_t k = 1; k < stops.size(); ++k) {
            if (stops[k].window == stops[k - 1].window) {
                EXPECT_GE(stops[k].rect.Min.y + 1.0f, stops[k - 1].rect.Min.y) << "Tab went back up at stop " << k;
            }
        }
        // The tour covers the bar, the page and the buttons below it.
        std::set<std::string> panels;
        for (const Stop& s : stops) panels.insert(s.window ? s.window->Name : "");
        EXPECT_GE(panels.size(), 3u);
        // Shift+Tab retraces it exactly, backwards (the tour ended back on its first stop).
        ASSERT_EQ(ImGui::GetFocusID(), stops.front().id);
        for (size_t k = stops.size(); k-- > 0;) {
            ShiftPress(ui, test::kKeyTab);
            ASSERT_EQ(ImGui::GetFocusID(), stops[k].id) << "Shift+Tab left the path at stop " << k;
        }
    }
}

TEST(KeyboardUi, TabReachesEveryEnabledMoveButtonOfAnOrderingQuestionAndEveryDropDown) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    ui.Frame();
    // The fixture page with the ordering question (5 items: 8 enabled move buttons) and the one
    // with the matching question (3 drop-downs).
    for (const auto& [page_id, least] : std::vector<std::pair<std::string, size_t>>{{"m1-l2-p2", 8}, {"m1-l2-p1", 3}}) {
        SCOPED_TRACE(page_id);
        ui.nav().JumpToIndex(ui.load().course->LinkTarget(page_id));
        ui.Frame();
        ui.Frame();
        size_t in_page = 0;
        for (const Stop& s : TabCycle(ui))
            if (s.window && std::string(s.window->Name).find("##page") != std::string::npos) ++in_page;
        EXPECT_GE(in_page, least);
    }
}

TEST(KeyboardUi, EscapeGoesBackAlongTheLearnersOwnPath) {
    UiHarness ui(kFixture);
    ui.Frame();
    ASSERT_EQ(ui.state.screen, ui::Screen::Home);
    ui.Type("g");  // Home -> Glossary
    ASSERT_EQ(ui.state.screen, ui::Screen::Glossary);
    ui.state.screen = ui::Screen::Reader;  // as if a link was followed from the glossary
    ui.state.history.push_back(ui::Screen::Glossary);
    ui.Frame();
    ui.Type("p");  // Reader -> Progress
    ASSERT_EQ(ui.state.screen, ui::Screen::Progress);
    ui.Press(test::kKeyEscape);
    EXPECT_EQ(ui.state.screen, ui::Screen::Reader);
    ui.Press(test::kKeyEscape);
    EXPECT_EQ(ui.state.screen, ui::Screen::Glossary);  // not Home: the reader was opened from here
    ui.Press(test::kKeyEscape);
    EXPECT_EQ(ui.state.screen, ui::Screen::Home);
    ui.Press(test::kKeyEscape);
    EXPECT_EQ(ui.state.screen, ui::Screen::Home);
}

TEST(KeyboardUi, ArrowKeysInAQuizMoveBetweenQuestionsAndNeverMoveFocus) {
    UiHarness ui(kFixture);
    const Quiz* quiz = ui.session().FindQuiz("m1-quiz");
    ASSERT_NE(quiz, nullptr);
    ui.session().OpenQuiz(*quiz, 1700000000000);
    ui.state.screen = ui::Screen::Quiz;
    for (int i = 0; i < 3; ++i) ui.Frame();
    ui.Press(test::kKeyEnter);  // the Start button has focus
    ASSERT_NE(ui.session().ActiveAttempt(), nullptr);
    ui.Frame();
    const ImGuiID focus = ImGui::GetFocusID();
    const int n = static_cast<int>(ui.session().ActiveAttempt()->questions.size());
    ASSERT_GE(n, 2);
    for (int i = 1; i < n; ++i) {
        ui.Press(test::kKeyRight);
        EXPECT_EQ(ui.session().ActiveAttempt()->current, i);
        EXPECT_EQ(ImGui::GetFocusID(), focus) << "Right moved focus as well as the question";
    }
    for (int i = n - 1; i > 0; --i) {
        ui.Press(test::kKeyLeft);
        EXPECT_EQ(ui.session().ActiveAttempt()->current, i - 1);
        EXPECT_EQ(ImGui::GetFocusID(), focus) << "Left moved focus as well as the question";
    }
}

TEST(KeyboardUi, HelpListsThePresenterKeysAndTheAdministratorChordExactlyWhereTheyWork) {
    auto has = [](const std::vector<std::pair<std::string, std::string>>& rows, const std::string& key) {
        for (const auto& r : rows)
            if (r.first.find(key) != std::string::npos) return true;
        return false;
    };
    for (bool present : {false, true})
        for (bool kiosk : {false, true}) {
            SCOPED_TRACE(std::string(present ? "present " : "") + (kiosk ? "kiosk" : ""));
            ui::ViewModel model;
            model.present_mode = present;
            model.kiosk = kiosk;
            model.admin_chord = "Ctrl+Alt+Shift+F9";
            auto rows = ui::HelpKeys(model);
            EXPECT_EQ(has(rows, "Presenter: N"), present);
            EXPECT_EQ(has(rows, "Presenter: A"), present);
            EXPECT_EQ(has(rows, "Ctrl+Alt+Shift+F9"), kiosk);
            for (const char* always : {"Tab", "Escape", "Ctrl+Enter", "F1", "F7", "Page Down"}) EXPECT_TRUE(has(rows, always)) << always;
        }
}

namespace {
// A kiosk's first start: the screen that sets the administrator PIN.
void ShowAdministratorPinSetup(UiHarness& ui) {
    ui.model.admin_pin_missing = true;
    ui.model.admin_chord = "Ctrl+Alt+Shift+A";
    ui.state.screen = ui::Screen::Admin;
    for (int i = 0; i < 3; ++i) ui.Frame();
}
}  // namespace

TEST(KeyboardUi, TabMovesFromTextFieldToTextFieldAndEnterConfirms) {
    UiHarness ui(kFixture);
    ShowAdministratorPinSetup(ui);
    ui.Type("2468");
    ui.Press(test::kKeyTab);
    ui.Type("1357");
    EXPECT_STREQ(ui.state.admin.pin, "2468");
    EXPECT_STREQ(ui.state.admin.pin_again, "1357");
}

TEST(KeyboardUi, NumberKeysPickTheScenariosChoicesWhileCtrlEnterStillChecksTheQuestion) {
    UiHarness ui(kFixture);
    ui.state.screen = ui::Screen::Reader;
    ui.session().ShowPage(ui.load().course->LinkTarget("m1-l2-p3"), 1700000000000);  // the fixture's scenario page
    for (int i = 0; i < 3; ++i) ui.Frame();
    const Scenario* scenario = nullptr;
    for (const auto& b : ui.load().course->PageAt(ui.nav().Index()).blocks)
        if (b.kind == BlockKind::Scenario) scenario = b.scenario.get();
    ASSERT_NE(scenario, nullptr);
    // Walk the scenario with number keys: each press takes the choice with that number.
    for (int step = 0; step < 10; ++step) {
        const ScenarioRun* run = ui.session().FindRun(scenario->id);
        ASSERT_NE(run, nullptr);
        const ScenarioNode* node = run->Current();
        if (!node || node->is_ending) break;
        ASSERT_GE(node->choices.size(), 2u);
        const std::string expected = node->choices[1].id;
        ImGui::GetIO().AddInputCharacter('2');
        ui::Actions a = ui.Frame();
        ui.Frame();
        bool chose = false;
        for (const auto& act : a.list)
            if (act.kind == ui::ActionKind::ScenarioChoose && act.ref2 == expected) chose = true;
        EXPECT_TRUE(chose) << "2 did not take the second choice at step " << step;
        ASSERT_EQ(ui.session().FindRun(scenario->id)->Path().size(), static_cast<size_t>(step + 1));
    }
}

namespace {
// Tabs until the control with this label (in `window_name`'s ID space) has focus and returns its
// rectangle on screen, or an empty one when Tab never reaches it.
ImRect TabTo(UiHarness& ui, const char* window_name, const char* label) {
    for (int i = 0; i < 200; ++i) {
        ImGuiWindow* w = test::ActiveWindowNamed(window_name);
        if (w && ImGui::GetFocusID() == ImHashStr(label, 0, w->ID)) {
            ImGuiContext& g = *ImGui::GetCurrentContext();
            ImRect r = g.NavWindow->NavRectRel[0];
            r.Translate(g.NavWindow->DC.CursorStartPos);
            return r;
        }
        ui.Press(test::kKeyTab);
    }
    return ImRect();
}

// A mouse user's click: the pointer moves there, the button goes down for a frame and comes up.
void Click(UiHarness& ui, ImVec2 at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = at;
    ui.Frame();
    io.MouseDown[0] = true;
    ui.Frame();
    io.MouseDown[0] = false;
    ui.Frame();
}
}  // namespace

TEST(KeyboardUi, TheSubmitConfirmationOpenedWithTheMouseTakesEnterAsSubmit) {
    UiHarness ui(kFixture);
    const Quiz* quiz = ui.session().FindQuiz("m1-quiz");
    ASSERT_NE(quiz, nullptr);
    ui.session().OpenQuiz(*quiz, 1700000000000);
    ui.session().StartAttempt(*quiz, 1700000000000);
    ui.state.screen = ui::Screen::Quiz;
    for (int i = 0; i < 3; ++i) ui.Frame();
    const ImRect button = TabTo(ui, "##quiz.actions", "Submit my answers");  // in the pinned bar
    ASSERT_GT(button.GetWidth(), 0.0f) << "Tab never reached the submit button";
    // Forget the keyboard: a mouse user moves the pointer there and clicks.
    ImGui::GetCurrentContext()->NavDisableHighlight = true;
    Click(ui, button.GetCenter());
    ui.Frame();
    ASSERT_EQ(ImGui::GetCurrentContext()->OpenPopupStack.Size, 1) << "the click did not open the confirmation";
    ImGui::GetIO().MousePos = ImVec2(button.Min.x - 5, button.Min.y - 5);  // the hand leaves the mouse
    ui.Frame();
    bool submitted = false;
    for (int frame = 0; frame < 3 && !submitted; ++frame) submitted = ui.Frame(frame == 0 ? test::kKeyEnter : -1).Has(ui::ActionKind::QuizSubmit);
    EXPECT_TRUE(submitted) << "Enter did not submit from the confirmation opened with the mouse";
    EXPECT_TRUE(ui.session().ActiveAttempt() && ui.session().ActiveAttempt()->submitted);
}

TEST(KeyboardUi, TheAdministratorPinScreenTakesEnterInEachFieldAndAlwaysAnswersIt) {
    UiHarness ui(kFixture);
    ShowAdministratorPinSetup(ui);
    // Enter after the first PIN goes on to the second field, as Tab does.
    ui.Type("2468");
    ui::Actions a = ui.Press(test::kKeyEnter);
    EXPECT_FALSE(a.Has(ui::ActionKind::AdminSetPin));
    ui.Type("2469");
    EXPECT_STREQ(ui.state.admin.pin, "2468");
    EXPECT_STREQ(ui.state.admin.pin_again, "2469");
    // Enter with two PINs that differ says so (it never does nothing) and starts again at the
    // first field, both emptied: which one was mistyped cannot be seen.
    ui.state.admin.message.clear();
    a = ui.Press(test::kKeyEnter);
    EXPECT_FALSE(a.Has(ui::ActionKind::AdminSetPin));
    EXPECT_EQ(ui.state.admin.message, "The two PINs differ. Type the same PIN twice.");
    EXPECT_STREQ(ui.state.admin.pin, "");
    EXPECT_STREQ(ui.state.admin.pin_again, "");
    ui.Frame();
    ui.Type("2468");
    ui.Press(test::kKeyEnter);
    ui.Type("2468");
    EXPECT_STREQ(ui.state.admin.pin, "2468");
    EXPECT_STREQ(ui.state.admin.pin_again, "2468");
    a = ui.Press(test::kKeyEnter);
    EXPECT_TRUE(a.Has(ui::ActionKind::AdminSetPin));
}

// A person's Enter is held for several frames. The Enter that signs a new learner in from the
// name field must not also press "Start the course", which has focus on the Home screen it opens.
TEST(KeyboardUi, EnterHeldInTheNameFieldSignsInAndPressesNothingOnTheNextScreen) {
    UiHarness ui(kFixture);
    const Session* session = ui.model.session;
    ui.model.session = nullptr;  // the sign-in screen
    for (int i = 0; i < 3; ++i) ui.Frame();
    ui.Type("Kim");
    ui::Actions a = ui.Frame(test::kKeyEnter);
    ASSERT_TRUE(a.Has(ui::ActionKind::CreateLearner));
    // What the app does on CreateLearner: a session, the Home screen, focus for its Start button.
    ui.model.session = session;
    ui.state.screen = ui::Screen::Home;
    ui.state.focus_main = true;
    for (int held = 0; held < 6; ++held) EXPECT_FALSE(ui.Frame(test::kKeyEnter).Has(ui::ActionKind::GoToPage)) << "frame " << held;
    ui.Frame();
    EXPECT_EQ(ui.state.screen, ui::Screen::Home);
    // The next Enter is the learner's own: it starts the course.
    EXPECT_TRUE(ui.Press(test::kKeyEnter).Has(ui::ActionKind::GoToPage));
}

namespace {
// The definition (or link target, or source) box a term shows while it has focus.
ImGuiWindow* DefinitionBox() { return test::ActiveWindowNamed("##Tooltip"); }

// The page's glossary terms and links, as Tab reaches them: Tabs on until a definition box shows
// (at most `limit` Tabs). True when one does; the box must then be whole inside the window (a
// term at a line's end once put half its definition past the window's right edge, and at 200 %
// text its last lines fell off the bottom).
bool TabToATerm(UiHarness& ui, int limit = 80) {
    for (int i = 0; i < limit; ++i) {
        ui.Press(test::kKeyTab);
        if (const ImGuiWindow* box = DefinitionBox()) {
            const ImVec2 display = ImGui::GetIO().DisplaySize;
            EXPECT_GE(box->Pos.x, 0.0f);
            EXPECT_LE(box->Pos.x + box->Size.x, display.x) << "the definition box runs past the window's right edge";
            EXPECT_GE(box->Pos.y, 0.0f);
            EXPECT_LE(box->Pos.y + box->Size.y, display.y) << "the definition box runs past the window's bottom";
            return true;
        }
    }
    return false;
}
}  // namespace

// Escape closes the innermost thing open: a definition shown because a term has focus goes
// first, and the learner stays on the page, focus where it was; the next Escape goes back. On
// every page of the fixture course with a term on it. (Escape once left the page with the box up.)
TEST(KeyboardUi, EscapeClosesAFocusedTermsDefinitionBeforeLeavingThePage) {
    int pages_with_terms = 0;
    UiHarness probe(kFixture);
    const int count = probe.nav().Count();
    for (int page = 0; page < count; ++page) {
        UiHarness ui(kFixture);
        ui.Frame();
        ASSERT_EQ(ui.state.screen, ui::Screen::Home);
        ui.state.history.push_back(ui::Screen::Home);
        ui.state.screen = ui::Screen::Reader;
        ASSERT_TRUE(ui.nav().JumpToIndex(page));
        SCOPED_TRACE("page " + ui.nav().Current().id);
        for (int i = 0; i < 3; ++i) ui.Frame();
        if (!TabToATerm(ui)) continue;
        ++pages_with_terms;
        const ImGuiID term = ImGui::GetFocusID();
        ui::Actions a = ui.Press(test::kKeyEscape);
        EXPECT_EQ(DefinitionBox(), nullptr) << "Escape left the definition up";
        EXPECT_EQ(ui.state.screen, ui::Screen::Reader) << "Escape left the page with a definition open";
        EXPECT_EQ(ui.nav().Index(), page);
        EXPECT_EQ(ImGui::GetFocusID(), term) << "closing the definition moved focus";
        EXPECT_TRUE(a.list.empty()) << "Escape did " << static_cast<int>(a.list.front().kind);
        // It stays closed until focus moves again; then Escape goes back along the learner's path.
        ui.Frame();
        EXPECT_EQ(DefinitionBox(), nullptr);
        ui.Press(test::kKeyEscape);
        EXPECT_EQ(ui.state.screen, ui::Screen::Home) << "the second Escape did not go back";
    }
    EXPECT_GE(pages_with_terms, 3) << "the fixture course's terms were not reached";
}

// Page Down (and the other scrolling keys) never leave a definition box over the text: from a
// focused term the box closes as the page moves, and from the page's top no key lands focus on a
// term. Every page of the fixture course, at 100 % and 200 % text with the player's fonts.
TEST(KeyboardUi, ScrollingKeysLeaveNoDefinitionBoxOverTheTextAtAnyTextSize) {
    int scrolled = 0, from_term = 0;
    for (float scale : {1.0f, 2.0f}) {
        test::ShapedUi shaped(LoadCourse(kFixture), "en", scale);
        UiHarness& ui = shaped.ui;
        shaped.Settle();
        ui.state.screen = ui::Screen::Reader;
        const int count = ui.nav().Count();
        for (int page = 0; page < count; ++page) {
            ASSERT_TRUE(ui.nav().JumpToIndex(page));
            SCOPED_TRACE("page " + ui.nav().Current().id + " text " + std::to_string(static_cast<int>(scale * 100)) + "%");
            for (int i = 0; i < 3; ++i) shaped.Settle();
            ImGuiWindow* reading = test::ActiveWindowNamed("##page");
            ASSERT_NE(reading, nullptr);
            // From the page's top, Page Down to the end: focus stays at the top, no box opens.
            for (int press = 0; press < 40 && reading->Scroll.y < reading->ScrollMax.y; ++press) {
                const float before = reading->Scroll.y;
                ui.Press(test::kKeyPageDown);
                shaped.Settle();
                ++scrolled;
                EXPECT_GT(reading->Scroll.y, before) << "Page Down did not scroll";
                EXPECT_EQ(DefinitionBox(), nullptr) << "Page Down opened a definition at y " << reading->Scroll.y;
                EXPECT_EQ(ImGui::GetFocusID(), PageTopAnchor()) << "Page Down moved focus";
            }
            // From a focused term with its box up, each scrolling key closes the box.
            for (int key : {test::kKeyPageDown, test::kKeyPageUp, test::kKeyEnd, test::kKeyHome}) {
                ui.Press(test::kKeyHome);
                shaped.Settle();
                if (!TabToATerm(ui)) break;
                ++from_term;
                SCOPED_TRACE(key);
                ui.Press(key);
                shaped.Settle();
                EXPECT_EQ(DefinitionBox(), nullptr) << "a scrolling key left the definition box up";
                EXPECT_EQ(ui.state.screen, ui::Screen::Reader);
            }
        }
    }
    EXPECT_GT(scrolled, 10);
    EXPECT_GT(from_term, 8);
}

// The quiz at every text size a learner can choose, in windows from a laptop's to a small
// kiosk's: the intro's Start button, a question's first answer control and its Submit button are
// on the first screen, whatever the question's type and however long its prompt. (Issue 15: at
// 200 % the first choice sat at y≈740 of 800, a five-line prompt pushed it off, and the intro's
// Start button was cut off.) The fonts are baked at each size as the player bakes them; where
// things were drawn is read from the quiz's own layout record (LastQuizLayout) and ImGui's
// windows, not from the clock.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "harness.h"
#include "platform/fonts.h"
#include "ui/screens.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {

namespace fs = std::filesystem;

const char* kTypes[] = {"single", "multiple", "truefalse", "matching", "ordering", "text"};
const int kPromptLines[] = {1, 5, 10};

// About one line of a reading column at 100 % text.
std::string Prompt(int lines) {
    std::string out;
    for (int i = 0; i < lines; ++i)
        out += "Line " + std::to_string(i + 1) + " of the prompt says what the situation is and who is in it. ";
    return out;
}

std::string QuestionXml(const std::string& type, int lines) {
    std::ostringstream q;
    const std::string id = "q-" + type + "-" + std::to_string(lines);
    q << "<question id=\"" << id << "\" type=\"" << type << "\"" << (type == "truefalse" ? " answer=\"true\"" : "") << ">"
      << "<prompt>" << Prompt(lines) << "</prompt>";
    if (type == "single" || type == "multiple")
        q << "<choice id=\"a\" correct=\"true\">The first choice, which the learner must see</choice>"
          << "<choice id=\"b\">A second choice</choice><choice id=\"c\">A third choice</choice>";
    else if (type == "matching")
        q << "<pair id=\"p1\"><left>Third</left><right>Prisoners of war</right></pair>"
          << "<pair id=\"p2\"><left>Fourth</left><right>Civilians</right></pair>";
    else if (type == "ordering")
        q << "<item id=\"i1\">Identify the target</item><item id=\"i2\">Assess the harm</item><item id=\"i3\">Decide</item>";
    else if (type == "text")
        q << "<accept>proportionality</accept>";
    q << "</question>";
    return q.str();
}

// A course whose one quiz holds every question type with every prompt length, in a known order.
fs::path WriteCourse() {
    const fs::path dir = fs::temp_directory_path() / ("lectern-quiz-layout-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "course.xml") << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<course id=\"layout\" version=\"1\" lang=\"en\" minutes=\"5\"><title>Layout</title>"
                                         "<include src=\"m.xml\"/></course>\n";
    std::ostringstream m;
    m << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<module id=\"m\" title=\"Module\">"
      << "<lesson id=\"l\" title=\"Lesson\"><page id=\"p\" title=\"Page\"><p>Read this.</p></page></lesson>"
      << "<quiz id=\"qz\" title=\"A quiz with a title long enough to wrap at large text sizes\" navigation=\"free\" "
         "shuffle-questions=\"false\" shuffle-choices=\"false\" pass=\"50\">"
      << "<intro>" << Prompt(12) << "</intro><pool>";
    for (const char* type : kTypes)
        for (int lines : kPromptLines) m << QuestionXml(type, lines);
    m << "</pool></quiz></module>\n";
    std::ofstream(dir / "m.xml") << m.str();
    return dir;
}

// Bakes the player's fonts at `scale` into the harness's context, as the player does for a text size.
void BakeFonts(UiHarness& ui, float scale) {
    platform::GlyphRequest glyphs;
    glyphs.lang = "en";
    platform::FontSet set;
    std::string error;
    ASSERT_TRUE(platform::BuildFontAtlas(ImGui::GetIO().Fonts, scale, glyphs, &set, &error)) << error;
    unsigned char* pixels;
    int w, h;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    ui.fonts = ui::Fonts{set.body, set.bold, set.italic, set.bold_italic, set.heading1, set.heading2, set.heading3,
                         set.ui, set.ui_bold, set.small, set.body_px};
    ui::ApplyTheme(ui::GetTheme(ui::ThemeId::Light), 1.0f + (ui.fonts.body_px / 18.0f - 1.0f) * 0.5f);
}

bool Inside(const ImRect& inner, const ImRect& outer) {
    return inner.Min.x >= outer.Min.x - 0.5f && inner.Min.y >= outer.Min.y - 0.5f && inner.Max.x <= outer.Max.x + 0.5f &&
           inner.Max.y <= outer.Max.y + 0.5f;
}

std::string Describe(const ImRect& r) {
    std::ostringstream o;
    o << "(" << r.Min.x << "," << r.Min.y << ")-(" << r.Max.x << "," << r.Max.y << ")";
    return o.str();
}

// The pinned actions are drawn whole, inside the window.
void ExpectActionsOnScreen(const ui::QuizLayout& l, const ImRect& screen, const char* what) {
    EXPECT_GT(l.actions.GetHeight(), 0.0f) << what << ": no actions drawn";
    EXPECT_TRUE(Inside(l.actions, l.actions_clip)) << what << ": the actions " << Describe(l.actions)
                                                    << " are cut off by their bar " << Describe(l.actions_clip);
    EXPECT_TRUE(Inside(l.actions_clip, screen)) << what << ": the bar " << Describe(l.actions_clip) << " is off the window";
}

}  // namespace

TEST(QuizLayout, StartTheFirstAnswerAndSubmitAreOnTheFirstScreenAtEveryTextSizeWindowTypeAndPromptLength) {
    const fs::path dir = WriteCourse();
    int cases = 0;
    for (float scale : {1.0f, 1.25f, 1.5f, 1.75f, 2.0f}) {
        for (ImVec2 window : {ImVec2(1280, 800), ImVec2(1024, 768), ImVec2(900, 700)}) {
            std::ostringstream where;
            where << static_cast<int>(scale * 100) << " % text, " << window.x << "x" << window.y;
            SCOPED_TRACE(where.str());
            UiHarness ui(dir.string());
            ASSERT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
            const Quiz* quiz = ui.session().FindQuiz("qz");
            ASSERT_NE(quiz, nullptr);
            ASSERT_EQ(quiz->QuestionsPerAttempt(), 18);
            BakeFonts(ui, scale);
            ImGui::GetIO().DisplaySize = window;
            const ImRect screen(ImVec2(0, 0), window);
            // The intro: Start in view.
            ui.session().OpenQuiz(*quiz, 1);
            ui.state.screen = ui::Screen::Quiz;
            for (int i = 0; i < 4; ++i) ui.Frame();
            ExpectActionsOnScreen(ui::LastQuizLayout(), screen, "the intro");
            ASSERT_TRUE(ui.session().StartAttempt(*quiz, 2));
            for (int q = 0; q < 18; ++q) {
                const std::string id = ui.session().ActiveAttempt()->questions[static_cast<size_t>(q)];
                SCOPED_TRACE(id);
                ui::Actions jump;
                jump.Push(ui::Action(ui::ActionKind::QuizJump, q));
                ui::ApplyActions(jump, &ui.session(), ui.state, 3);
                ASSERT_EQ(ui.session().ActiveAttempt()->current, q);
                for (int i = 0; i < 5; ++i) ui.Frame();
                const ui::QuizLayout l = ui::LastQuizLayout();
                ASSERT_TRUE(l.has_first_control) << "no answer control drawn";
                EXPECT_TRUE(Inside(l.first_control, l.region))
                    << "the first answer control " << Describe(l.first_control) << " is outside the visible region "
                    << Describe(l.region);
                EXPECT_TRUE(Inside(l.region, screen)) << "the question's region " << Describe(l.region) << " is off the window";
                ExpectActionsOnScreen(l, screen, "the question");
                ++cases;
            }
        }
    }
    EXPECT_EQ(cases, 5 * 3 * 18);
    fs::remove_all(dir);
}

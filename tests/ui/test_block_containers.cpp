// Every block the course grammar allows, drawn inside every container that may hold it: a page,
// a callout, a page's facilitator note, a scenario's intro, node, ending and debrief. A callout
// inside a scenario used to abort the player (two draw-list splits at once), so each case is a
// course of its own, loaded, then drawn at three window widths, in the reader and the presenter
// view, with the scenario walked to its ending. Dear ImGui's assertions abort the test process,
// so any fault in drawing fails the case that caused it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "harness.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace fs = std::filesystem;

namespace {

struct Sample {
    const char* name;
    const char* xml;
};

// One of each block, written as an author would. The image is the fixture's.
const std::vector<Sample>& Blocks() {
    static const std::vector<Sample> blocks = {
        {"p", "<p>A paragraph with <em>emphasis</em>, <strong>strong <em>and both</em></strong> and a "
              "<link to=\"p\">link</link>.</p>"},
        {"heading2", "<heading>A heading of level two</heading>"},
        {"heading3", "<heading level=\"3\">A heading of level three</heading>"},
        {"ul", "<ul><li>One</li><li>Two <strong>bold</strong></li></ul>"},
        {"ol", "<ol><li>First</li><li>Second</li><li>Third</li></ol>"},
        {"quote", "<quote source=\"Somebody, somewhere (1999)\">Words worth quoting, <em>twice</em>.</quote>"},
        {"callout", "<callout kind=\"important\" title=\"A title long enough that it has to wrap inside a narrow box "
                    "at large text\"><p>Inside.</p><ul><li>Item</li></ul><ol><li>Item</li></ol>"
                    "<quote source=\"S\">Q</quote></callout>"},
        {"table", "<table caption=\"Days\"><tr><th>Day</th><th>Monday</th><th>Tuesday</th></tr>"
                  "<tr><td>Work</td><td>Reading</td><td>Writing <em>long</em> things</td></tr></table>"},
        {"image", "<image src=\"images/three-steps.png\" alt=\"Three boxes joined by arrows.\" caption=\"Figure.\"/>"},
        {"question", "<question id=\"kc\" type=\"single\"><prompt>Pick one.</prompt>"
                     "<choice id=\"a\" correct=\"true\">A</choice><choice id=\"b\">B</choice></question>"},
        {"scenario", "<scenario id=\"inner\" title=\"Inner\"><node id=\"in1\"><p>Go?</p>"
                     "<choice id=\"ic1\" goto=\"ie\" rating=\"best\">Yes<reason>R.</reason></choice>"
                     "<choice id=\"ic2\" goto=\"ie\" rating=\"poor\">No<reason>R.</reason></choice></node>"
                     "<ending id=\"ie\" outcome=\"best\"><p>Done.</p></ending></scenario>"},
        {"facilitator", "<facilitator><p>For the facilitator.</p></facilitator>"},
    };
    return blocks;
}

// What each container may hold, as the authoring guide (content/README.md) and the schema say.
struct Container {
    const char* name;
    std::vector<std::string> allowed;
};

const std::vector<Container>& Containers() {
    static const std::vector<std::string> basic = {"p", "ul", "ol", "quote"};
    static const std::vector<std::string> note = {"p", "heading2", "heading3", "ul", "ol", "quote", "callout", "table", "image"};
    static std::vector<std::string> page = note;
    page.insert(page.end(), {"question", "scenario", "facilitator"});
    static const std::vector<Container> containers = {
        {"page", page},
        {"callout", basic},
        {"facilitator", note},
        {"scenario-intro", note},
        {"scenario-node", note},
        {"scenario-ending", note},
        {"scenario-debrief", note},
    };
    return containers;
}

// The scenario used by the scenario containers, with `block` in the one named.
std::string ScenarioXml(const std::string& where, const std::string& block) {
    auto in = [&](const char* w) { return where == w ? block : std::string(); };
    return "<scenario id=\"sc\" title=\"Outer\"><intro>" + in("scenario-intro") +
           "<p>Intro.</p></intro><node id=\"n1\">" + in("scenario-node") +
           "<p>What now?</p><choice id=\"c1\" goto=\"e1\" rating=\"best\">Act<reason>Because.</reason></choice>"
           "<choice id=\"c2\" goto=\"e1\" rating=\"poor\">Wait<reason>Because not.</reason></choice></node>"
           "<ending id=\"e1\" outcome=\"best\">" +
           in("scenario-ending") + "<p>The end.</p><debrief>" + in("scenario-debrief") + "<p>Why.</p></debrief></ending></scenario>";
}

std::string PageContent(const std::string& container, const std::string& block) {
    if (container == "page") return block;
    if (container == "callout") return "<callout kind=\"note\" title=\"Box\"><p>Before.</p>" + block + "</callout>";
    if (container == "facilitator") return "<p>Text.</p><facilitator>" + block + "</facilitator>";
    return ScenarioXml(container, block);
}

// Writes a one-page course holding `content` into a fresh folder; returns the folder.
fs::path WriteCourse(const std::string& name, const std::string& content) {
    fs::path dir = fs::temp_directory_path() / ("lectern-containers-" + std::to_string(::getpid())) / name;
    fs::create_directories(dir / "images");
    fs::copy_file(fs::path(LECTERN_TEST_DATA) / "fixture-course/images/three-steps.png", dir / "images/three-steps.png",
                  fs::copy_options::overwrite_existing);
    std::ofstream(dir / "course.xml") << "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"5\"><title>T</title>"
                                         "<description>D</description><audience>A</audience>"
                                         "<include src=\"m.xml\"/></course>\n";
    std::ofstream(dir / "m.xml") << "<module id=\"m\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">" +
                                        content + "</page></lesson></module>\n";
    return dir;
}

const Scenario* FindScenario(const Course& c, const char* id) {
    for (const Block& b : c.modules[0].lessons[0].pages[0].blocks)
        if (b.kind == BlockKind::Scenario && b.scenario && b.scenario->id == id) return b.scenario.get();
    return nullptr;
}

// Draws the page a few frames (layout settles over two) at each width, in both views.
void DrawEverywhere(UiHarness& ui) {
    for (float width : {640.0f, 1280.0f, 1920.0f}) {
        ImGui::GetIO().DisplaySize = ImVec2(width, 800);
        for (bool present : {false, true}) {
            ui.model.present_mode = present;
            for (int i = 0; i < 3; ++i) ui.Frame();
        }
    }
    ui.model.present_mode = false;
}

class BlockInContainer : public testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(BlockInContainer, LoadsAndDrawsAtEveryWidthAndEveryScenarioStep) {
    const auto& [container, block_name] = GetParam();
    std::string block;
    for (const Sample& s : Blocks())
        if (block_name == s.name) block = s.xml;
    ASSERT_FALSE(block.empty());
    fs::path dir = WriteCourse(container + "-" + block_name, PageContent(container, block));
    UiHarness ui(LoadCourse(dir.string()));
    fs::remove_all(dir);
    ASSERT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
    // Every image is "shown": a stand-in texture of a typical diagram's size.
    ui.model.load_image = [](const std::string&) { return ui::Texture{reinterpret_cast<ImTextureID>(1), 900, 500}; };
    ui.state.screen = ui::Screen::Reader;
    ui.session().ShowPage(0, 1700000000000);  // as opening the reader does: checks and scenarios start
    DrawEverywhere(ui);
    if (container.rfind("scenario", 0) == 0) {
        const Scenario* sc = FindScenario(*ui.load().course, "sc");
        ASSERT_NE(sc, nullptr);
        ui.session().ChooseInScenario(*sc, "c1", 1700000000000);
        ASSERT_TRUE(ui.session().FindRun("sc") && ui.session().FindRun("sc")->Current()->is_ending);
        DrawEverywhere(ui);  // the ending, its debrief and the path table
    }
    // The page drew to the end: the reader's window was ended and the frame rendered.
    EXPECT_EQ(ui.state.screen, ui::Screen::Reader);
    EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, 0);
}

std::vector<std::pair<std::string, std::string>> AllCases() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Container& c : Containers())
        for (const std::string& b : c.allowed) out.emplace_back(c.name, b);
    return out;
}

INSTANTIATE_TEST_SUITE_P(Grammar, BlockInContainer, testing::ValuesIn(AllCases()), [](const auto& info) {
    std::string n = info.param.first + "_" + info.param.second;
    for (char& ch : n)
        if (ch == '-') ch = '_';
    return n;
});

// A callout drawn inside a scenario's node lies inside the scenario's box: both boxes are drawn,
// and the scenario's reaches below the callout's (its height is measured after its content).
TEST(BlockInContainerLayout, ScenarioBoxReachesBelowANestedCallout) {
    fs::path dir = WriteCourse("nested-box", ScenarioXml("scenario-node", "<callout kind=\"note\"><p>Inner words.</p></callout>"));
    UiHarness ui(LoadCourse(dir.string()));
    fs::remove_all(dir);
    ASSERT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
    ui.state.screen = ui::Screen::Reader;
    ui.session().ShowPage(0, 1700000000000);
    ui.Frame();
    ui.Frame();
    const ui::Theme& theme = ui::GetTheme(ui::ThemeId::Light);
    ImU32 panel = ImGui::ColorConvertFloat4ToU32(theme.panel);
    ImU32 callout = ImGui::ColorConvertFloat4ToU32(theme.callout_bg[0]);
    float panel_bottom = 0, callout_top = 1e9f, callout_bottom = 0;
    ImDrawData* dd = ImGui::GetDrawData();
    ASSERT_NE(dd, nullptr);
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer) {
            if (v.col == panel) panel_bottom = std::max(panel_bottom, v.pos.y);
            if (v.col == callout) {
                callout_top = std::min(callout_top, v.pos.y);
                callout_bottom = std::max(callout_bottom, v.pos.y);
            }
        }
    ASSERT_GT(callout_bottom, 0.0f) << "the callout's box was not drawn";
    EXPECT_GT(callout_bottom - callout_top, ui.fonts.body_px) << "the callout's box holds no line of text";
    // Below the callout come the question and two choices, so the panel ends well below it.
    EXPECT_GT(panel_bottom, callout_bottom + ui.fonts.body_px * 3);
}

}  // namespace

// Generated courses (course_generator.h) drawn screen by screen by screen_walk.h: every screen
// at 100 % and 200 % text and 640, 1280 and 1920 px wide, a Dear ImGui assertion a test failure,
// every glyph measured against its box, the reading column and the window.
//
// CI runs seeds 1..kCiSeeds. More: LECTERN_GENERATED_SEEDS=FIRST-LAST (for example 1-200) runs
// those seeds instead; LECTERN_GENERATED_KEEP=DIR keeps the courses written (to open one in
// lectern: build/bin/lectern --course DIR/seed-N).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "course/loader.h"
#include "course_generator.h"
#include "screen_walk.h"

using namespace lectern;
namespace fs = std::filesystem;

namespace {

// Every seed's course places every block in every container that may hold it (the test asserts
// it), so each seed draws every pair at every text size and width; more seeds add other random
// mixes of text and nesting. The sanitizer build draws 15 times slower (about 55 s a seed, the
// slowest cases of its run), so it runs 2 seeds (tests/CMakeLists.txt): every pair still drawn
// under ASan and UBSan, with fewer mixes.
#ifndef LECTERN_CI_SEEDS
#define LECTERN_CI_SEEDS 6
#endif
constexpr int kCiSeeds = LECTERN_CI_SEEDS;

std::vector<uint32_t> Seeds() {
    std::vector<uint32_t> seeds;
    if (const char* range = std::getenv("LECTERN_GENERATED_SEEDS")) {
        unsigned first = 0, last = 0;
        if (std::sscanf(range, "%u-%u", &first, &last) == 2 && first <= last)
            for (unsigned s = first; s <= last; ++s) seeds.push_back(s);
        else if (std::sscanf(range, "%u", &first) == 1)
            seeds.push_back(first);
    }
    if (seeds.empty())
        for (uint32_t s = 1; s <= kCiSeeds; ++s) seeds.push_back(s);
    return seeds;
}

fs::path CourseDir(uint32_t seed) {
    const char* keep = std::getenv("LECTERN_GENERATED_KEEP");
    fs::path base = keep ? fs::path(keep) : fs::temp_directory_path() / ("lectern-generated-" + std::to_string(getpid()));
    return base / ("seed-" + std::to_string(seed));
}

class GeneratedCourse : public testing::TestWithParam<uint32_t> {};

TEST_P(GeneratedCourse, EveryScreenDrawsWithNoAssertionAndNoTextCutOrOutsideItsColumn) {
    const uint32_t seed = GetParam();
    test::GeneratedCourse gen = test::WriteGeneratedCourse(CourseDir(seed), seed, fs::path(LECTERN_TEST_DATA) / "fixture-course/images/three-steps.png");
    LoadResult load = LoadCourse(gen.dir.string());
    if (!std::getenv("LECTERN_GENERATED_KEEP")) fs::remove_all(gen.dir.parent_path());
    ASSERT_TRUE(load.ok()) << "the generator wrote a course the loader refuses (seed " << seed << "):\n"
                           << load.diagnostics.FormatAll();
    // The generator's coverage: every block in every container that may hold it.
    std::set<std::pair<std::string, std::string>> placed(gen.placed.begin(), gen.placed.end());
    for (const test::BlockContainer& c : test::BlockContainers())
        for (const char* b : c.blocks) EXPECT_TRUE(placed.count({c.name, b})) << "never placed: <" << b << "> in <" << c.name << ">";

    std::shared_ptr<const Course> course = load.course;
    test::DrawnCourse r = test::DrawEveryScreen(course, "seed " + std::to_string(seed));
    if (r.signal) {
        ADD_FAILURE() << "seed " << seed << ": drawing aborted (signal " << r.signal << "):\n" << r.output;
    } else {
        EXPECT_EQ(r.code, 0) << "seed " << seed << ":\n" << r.output;
        std::printf("seed %u: %s", seed, r.output.c_str());
    }
}

INSTANTIATE_TEST_SUITE_P(Seeds, GeneratedCourse, testing::ValuesIn(Seeds()));

// The generator's table of what each container holds is exactly the loader's: each pair it
// lists loads in a one-page course, and each pair it leaves out is refused.
TEST(GeneratedCourseGrammar, TheTableOfContainersIsExactlyWhatTheLoaderAccepts) {
    const std::vector<const char*>& all = test::BlockContainers().front().blocks;  // a page holds every block
    const std::map<std::string, std::string> sample = {
        {"heading", "<heading>H</heading>"}, {"p", "<p>P</p>"}, {"ul", "<ul><li>I</li></ul>"}, {"ol", "<ol><li>I</li></ol>"},
        {"quote", "<quote source=\"S\">Q</quote>"}, {"callout", "<callout kind=\"note\"><p>C</p></callout>"},
        {"table", "<table><tr><th>H</th></tr><tr><td>D</td></tr></table>"},
        {"image", "<image src=\"images/figure.png\" alt=\"A\"/>"},
        {"question", "<question id=\"q\" type=\"truefalse\" answer=\"true\"><prompt>P</prompt></question>"},
        {"scenario", "<scenario id=\"s2\" title=\"S\"><node id=\"m\"><choice id=\"x\" goto=\"f\" rating=\"best\">X<reason>R</reason></choice>"
                     "<choice id=\"y\" goto=\"f\" rating=\"poor\">Y<reason>R</reason></choice></node><ending id=\"f\" outcome=\"best\"/></scenario>"},
        {"facilitator", "<facilitator><p>F</p></facilitator>"},
    };
    int refused = 0;
    for (const test::BlockContainer& c : test::BlockContainers()) {
        for (const char* b : all) {
            const bool allowed = std::find(c.blocks.begin(), c.blocks.end(), std::string(b)) != c.blocks.end();
            const std::string block = sample.at(b);
            const std::string name = c.name;
            std::string page;
            if (name == "page") page = block;
            else if (name == "callout") page = "<callout kind=\"note\">" + block + "</callout>";
            else if (name == "facilitator") page = "<facilitator>" + block + "</facilitator>";
            else
                page = "<scenario id=\"s\" title=\"S\"><intro>" + std::string(name == "intro" ? block : "<p>I</p>") + "</intro><node id=\"n\">" +
                       (name == "node" ? block : "") +
                       "<choice id=\"a\" goto=\"e\" rating=\"best\">A<reason>R</reason></choice>"
                       "<choice id=\"b\" goto=\"e\" rating=\"poor\">B<reason>R</reason></choice></node><ending id=\"e\" outcome=\"best\">" +
                       (name == "ending" ? block : "<p>E</p>") + "<debrief>" + (name == "debrief" ? block : "<p>D</p>") +
                       "</debrief></ending></scenario>";
            fs::path dir = CourseDir(0) / (name + "-" + b);
            fs::create_directories(dir / "images");
            fs::copy_file(fs::path(LECTERN_TEST_DATA) / "fixture-course/images/three-steps.png", dir / "images/figure.png",
                          fs::copy_options::overwrite_existing);
            std::ofstream(dir / "course.xml") << "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"5\"><title>T</title>"
                                                 "<include src=\"m.xml\"/></course>\n";
            std::ofstream(dir / "m.xml") << "<module id=\"m1\" title=\"M\"><lesson id=\"l\" title=\"L\"><page id=\"p\" title=\"P\">" + page +
                                                "</page></lesson></module>\n";
            LoadResult load = LoadCourse(dir.string());
            if (allowed) {
                EXPECT_TRUE(load.ok()) << "<" << b << "> inside <" << name << ">:\n" << load.diagnostics.FormatAll();
            } else {
                EXPECT_FALSE(load.ok()) << "<" << b << "> inside <" << name << "> loads, but the generator never places it there";
                ++refused;
            }
        }
    }
    fs::remove_all(CourseDir(0).parent_path());
    EXPECT_GT(refused, 10);
}

// Found by seed 10: blocks drawn side by side by separate DrawBlocks calls (a lesson's and a
// page's facilitator notes in the presenter's panel; a scenario's intro beside its first node,
// an ending beside its debrief) number their blocks from 0 alike, and two tables with one id and
// different column counts abort ImGui. Each pair here has such tables.
TEST(GeneratedCourseRegression, SideBySideBlockListsWithTablesOfDifferentWidthsDraw) {
    auto table = [](int cols) {
        std::string row = "<tr>", head = "<tr>";
        for (int i = 0; i < cols; ++i) head += "<th>H</th>", row += "<td>d</td>";
        return "<table>" + head + "</tr>" + row + "</tr></table>";
    };
    fs::path dir = CourseDir(0) / "side-by-side";
    fs::create_directories(dir);
    std::ofstream(dir / "course.xml") << "<course id=\"c\" version=\"1\" lang=\"en\" minutes=\"5\"><title>T</title>"
                                         "<include src=\"m.xml\"/></course>\n";
    std::ofstream(dir / "m.xml") << "<module id=\"m\" title=\"M\"><facilitator>" + table(4) +
                                        "</facilitator><lesson id=\"l\" title=\"L\"><facilitator>" + table(2) +
                                        "</facilitator><page id=\"p\" title=\"P\"><facilitator>" + table(3) +
                                        "</facilitator><scenario id=\"s\" title=\"S\"><intro>" + table(2) + "</intro><node id=\"n\">" + table(3) +
                                        "<choice id=\"a\" goto=\"e\" rating=\"best\">A<reason>R</reason></choice>"
                                        "<choice id=\"b\" goto=\"e\" rating=\"poor\">B<reason>R</reason></choice></node>"
                                        "<ending id=\"e\" outcome=\"best\">" +
                                        table(2) + "<debrief>" + table(5) + "</debrief></ending></scenario></page></lesson></module>\n";
    LoadResult load = LoadCourse(dir.string());
    fs::remove_all(dir.parent_path());
    ASSERT_TRUE(load.ok()) << load.diagnostics.FormatAll();
    std::shared_ptr<const Course> course = load.course;
    test::DrawnCourse r = test::DrawEveryScreen(course, "side by side");
    EXPECT_EQ(r.signal, 0) << r.output;
    EXPECT_EQ(r.code, 0) << r.output;
}

}  // namespace

// The test trace (ui/trace.h): what the end-to-end tests read after each key. Its lines are a
// contract with tests/e2e/*.sh, so each part is checked here against the session it describes.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <tuple>

#include "harness.h"
#include "ui/trace.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// What a Trace wrote, through a real FILE*: a temporary file, which every system has
// (open_memstream is POSIX's; these tests also run on Windows).
struct Captured {
    std::FILE* file = std::tmpfile();
    ~Captured() {
        if (file) std::fclose(file);
    }
    std::string Text() {
        std::string text;
        if (!file) return "(no temporary file)";
        std::fflush(file);
        std::rewind(file);
        char buf[512];
        while (size_t n = std::fread(buf, 1, sizeof buf, file)) text.append(buf, n);
        std::fseek(file, 0, SEEK_END);  // the next write goes after what was read
        return text;
    }
};

// The reading index of the page holding question ID.
int PageOf(const Course& course, const std::string& id) {
    for (int i = 0; i < static_cast<int>(course.reading_order.size()); ++i)
        for (const Block& b : course.PageAt(i).blocks)
            if (b.kind == BlockKind::Question && b.question && b.question->id == id) return i;
    return -1;
}

}  // namespace

TEST(Trace, WritesPrefixedLinesOnlyWhenOn) {
    Captured on, off;
    ui::Trace traced(true, on.file), silent(false, off.file);
    traced("pin locked %d", 30);
    traced("signed-in %s", "\xE7\x8E\x8B\xE8\x8A\xB3");  // 王芳
    silent("pin locked %d", 30);
    EXPECT_EQ(on.Text(), "trace: pin locked 30\ntrace: signed-in \xE7\x8E\x8B\xE8\x8A\xB3\n");
    EXPECT_EQ(off.Text(), "");
    EXPECT_TRUE(traced.On());
    EXPECT_FALSE(silent.On());
}

TEST(Trace, ChangedIsTrueOncePerNewValueForEachThingAndNeverWhenOff) {
    ui::Trace t(true), off(false);
    struct Step {
        const char* what;
        const char* value;
        bool changed;
    } steps[] = {
        {"focus", "", false},            // nothing said yet is the same as ""
        {"focus", "##page", true},   {"focus", "##page", false}, {"banner", "##page", true},  // each thing on its own
        {"focus", "##next", true},   {"banner", "##page", false}, {"focus", "", true},
    };
    for (const Step& s : steps) {
        EXPECT_EQ(t.Changed(s.what, s.value), s.changed) << s.what << " = " << s.value;
        EXPECT_FALSE(off.Changed(s.what, s.value));
    }
}

TEST(Trace, DescribeMoveSaysWhereTheLearnerIsAndWhatTheFrameDid) {
    UiHarness h(kFixture);
    Session& s = h.session();
    const Course& course = *h.load().course;
    const int page = PageOf(course, "kc-distinction-rule");
    ASSERT_GE(page, 0);
    s.ShowPage(page, 1000);
    const std::string page_id = course.PageAt(page).id;
    ui::Actions none;
    ui::Actions two;
    two.Push(ui::Action(ui::ActionKind::NextPage));
    two.Push(ui::Action::Open(ui::Screen::Glossary));

    EXPECT_EQ(ui::DescribeMove(nullptr, ui::Screen::Learners, none), "screen learners page - actions");
    const std::string before = ui::DescribeMove(&s, ui::Screen::Reader, two);
    EXPECT_EQ(before.rfind("screen reader page " + page_id + " progress ", 0), 0u) << before;
    EXPECT_NE(before.find(" check kc-distinction-rule answer "), std::string::npos) << before;
    EXPECT_NE(before.find(" tries 0 verdict none"), std::string::npos) << before;
    const std::string kinds = " actions 1 4";  // NextPage, OpenScreen: the actions' kinds, in order
    ASSERT_GT(before.size(), kinds.size());
    EXPECT_EQ(before.substr(before.size() - kinds.size()), kinds) << before;

    // Answered wrong, then right: the line follows the check as the reader draws it.
    const Question* check = nullptr;
    for (const Block& b : course.PageAt(page).blocks)
        if (b.kind == BlockKind::Question && b.question && b.question->id == "kc-distinction-rule") check = b.question.get();
    ASSERT_NE(check, nullptr);
    for (const auto& [choice, verdict, tries] : {std::tuple{"a", "incorrect", 1}, std::tuple{"b", "correct", 2}}) {
        s.SetCheckResponse(*check, Response::Choices({choice}));
        s.SubmitCheck(*check, page_id, 2000);
        std::string line = ui::DescribeMove(&s, ui::Screen::Reader, none);
        EXPECT_NE(line.find(std::string(" check kc-distinction-rule answer ") + ResponseToJson(Response::Choices({choice})) +
                            " tries " + std::to_string(tries) + " verdict " + verdict),
                  std::string::npos)
            << line;
    }
    // Off the reader, the page's checks are not the screen's: not described.
    EXPECT_EQ(ui::DescribeMove(&s, ui::Screen::Glossary, none).find(" check "), std::string::npos);

    // A quiz open: its attempt and question.
    const Quiz* quiz = course.modules.at(1).quiz.get();
    ASSERT_NE(quiz, nullptr);
    s.OpenQuiz(*quiz, 3000);
    std::string intro = ui::DescribeMove(&s, ui::Screen::Quiz, none);
    EXPECT_NE(intro.find(" quiz " + quiz->id + " attempt 0 question 0 answered 0 submitted 0"), std::string::npos) << intro;
    ASSERT_TRUE(s.StartAttempt(*quiz, 3000));
    std::string answering = ui::DescribeMove(&s, ui::Screen::Quiz, none);
    EXPECT_NE(answering.find(" quiz " + quiz->id + " attempt 1 question 1 answered 0 submitted 0 type "), std::string::npos)
        << answering;
}

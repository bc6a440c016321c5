#include <gtest/gtest.h>

#include "course/loader.h"
#include "learning/navigator.h"

using namespace lectern;

namespace {

std::shared_ptr<const Course> TwoLessons() {
    std::map<std::string, std::string> files = {
        {"course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title>
            <include src="m1.xml"/><include src="m2.xml"/></course>)"},
        {"m1.xml", R"(<module id="m1" title="One">
            <lesson id="l1" title="L1"><page id="p1" title="P1"><p>a</p></page><page id="p2" title="P2"><p>b</p></page></lesson>
            <lesson id="l2" title="L2"><page id="p3" title="P3"><p>c</p></page></lesson></module>)"},
        {"m2.xml", R"(<module id="m2" title="Two">
            <lesson id="l3" title="L3"><page id="p4" title="P4"><p>d</p></page></lesson></module>)"},
    };
    auto r = LoadCourseFromMemory(files);
    EXPECT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    return r.course;
}

}  // namespace

TEST(Navigator, WalksTheReadingOrderAcrossLessonsAndModules) {
    auto course = TwoLessons();
    Navigator nav(*course);
    std::vector<std::string> seen = {nav.Current().id};
    while (nav.Next()) seen.push_back(nav.Current().id);
    EXPECT_EQ(seen, (std::vector<std::string>{"p1", "p2", "p3", "p4"}));
    EXPECT_FALSE(nav.CanAdvance());
    EXPECT_FALSE(nav.Next());
    EXPECT_EQ(nav.Current().id, "p4");
}

TEST(Navigator, BackStopsAtTheFirstPage) {
    auto course = TwoLessons();
    Navigator nav(*course);
    EXPECT_FALSE(nav.CanGoBack());
    EXPECT_FALSE(nav.Back());
    nav.Next();
    EXPECT_TRUE(nav.Back());
    EXPECT_EQ(nav.Current().id, "p1");
}

TEST(Navigator, JumpToPageLessonOrModule) {
    auto course = TwoLessons();
    Navigator nav(*course);
    EXPECT_TRUE(nav.JumpTo("p3"));
    EXPECT_EQ(nav.Current().id, "p3");
    EXPECT_EQ(nav.CurrentLesson().id, "l2");
    EXPECT_TRUE(nav.JumpTo("m2"));
    EXPECT_EQ(nav.Current().id, "p4");
    EXPECT_TRUE(nav.JumpTo("l1"));
    EXPECT_EQ(nav.Current().id, "p1");
    EXPECT_FALSE(nav.JumpTo("nowhere"));
    EXPECT_EQ(nav.Current().id, "p1");
}

TEST(Navigator, PageNumbersAreWithinTheLesson) {
    auto course = TwoLessons();
    Navigator nav(*course);
    EXPECT_EQ(nav.PageInLesson(), 1);
    EXPECT_EQ(nav.PagesInLesson(), 2);
    EXPECT_FALSE(nav.AtLessonEnd());
    nav.Next();
    EXPECT_TRUE(nav.AtLessonEnd());
    nav.Next();
    EXPECT_EQ(nav.PageInLesson(), 1);
    EXPECT_EQ(nav.PagesInLesson(), 1);
    EXPECT_EQ(nav.CurrentModule().id, "m1");
}

// --watch's change detection (issue 16: the rule lived untested in the app): every kind of change
// an author's editor makes is seen once, and nothing is seen when nothing changed.
#include <gtest/gtest.h>

#include <fstream>

#include "course/course_watch.h"
#include "progress_test_util.h"

using namespace lectern;
namespace fs = std::filesystem;

namespace {

void Write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

}  // namespace

TEST(CourseWatch, SeesEachKindOfChangeOnceAndNothingElse) {
    progress_test::TempDir dir;
    const fs::path course = fs::path(dir.Sub("course"));
    fs::create_directories(course / "images");
    Write(course / "course.xml", "<course/>");
    Write(course / "m1.xml", "<module/>");
    CourseWatch watch(course / "course.xml");  // a course.xml watches its folder
    EXPECT_FALSE(watch.Changed()) << "nothing changed yet";

    struct Step {
        const char* what;
        std::function<void()> change;
    } steps[] = {
        {"a file rewritten with other content", [&] { Write(course / "m1.xml", "<module id='m1'/>"); }},
        {"a file added in a subfolder", [&] { Write(course / "images" / "map.png", "png"); }},
        {"a file renamed", [&] { fs::rename(course / "images" / "map.png", course / "images" / "map2.png"); }},
        {"a file removed", [&] { fs::remove(course / "images" / "map2.png"); }},
        {"a file's time changed alone (same size)",
         [&] { fs::last_write_time(course / "m1.xml", fs::last_write_time(course / "m1.xml") + std::chrono::seconds(5)); }},
    };
    for (const Step& step : steps) {
        step.change();
        EXPECT_TRUE(watch.Changed()) << step.what;
        EXPECT_FALSE(watch.Changed()) << step.what << ": seen twice";
    }
}

TEST(CourseWatch, AMissingFolderIsNoChangeUntilItAppears) {
    progress_test::TempDir dir;
    const fs::path course = fs::path(dir.Sub("later"));
    CourseWatch watch(course);
    EXPECT_FALSE(watch.Changed());
    fs::create_directories(course);
    Write(course / "course.xml", "<course/>");
    EXPECT_TRUE(watch.Changed());
}

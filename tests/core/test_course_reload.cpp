// --watch's reload policy (learning/course_reload.h): for each kind of reader (nobody, a guest,
// a learner) and each kind of edit (the page kept, the page gone, the course broken then fixed,
// a quiz open), where the reader is after the reload and what was kept.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "learning/course_reload.h"
#include "progress/progress_store.h"
#include "progress_test_util.h"

using namespace lectern;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kT0 = 1714557600000;
const fs::path kFixture = fs::path(LECTERN_TEST_DATA) / "fixture-course";

std::string Read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void Write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary | std::ios::trunc) << text; }

// Replaces the first `from` in FILE by `to` (the test fails if `from` is not there).
void Edit(const fs::path& file, const std::string& from, const std::string& to) {
    std::string text = Read(file);
    size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from << " in " << file;
    text.replace(at, from.size(), to);
    Write(file, text);
}

struct Reader {
    const char* name;
    bool session;  // someone is reading (else the sign-in screen)
    bool learner;  // ... a signed-in learner (else a guest)
};
const Reader kReaders[] = {{"nobody signed in", false, false}, {"a guest", true, false}, {"a learner", true, true}};

struct World {
    progress_test::TempDir dir;
    fs::path course;
    std::unique_ptr<ProgressStore> store;
    std::optional<LearnerId> learner;
    std::unique_ptr<Session> session;
    std::unique_ptr<CourseReloader> reloader;
    int64_t now = kT0;

    explicit World(const Reader& r, const std::string& page) {
        course = fs::path(dir.Sub("course"));
        fs::copy(kFixture, course, fs::copy_options::recursive);
        LoadResult load = LoadCourse(course.string());
        EXPECT_TRUE(load.ok()) << load.diagnostics.FormatAll();
        OpenResult o = ProgressStore::Open(ProgressDbPath(dir.Sub("data")));
        store = std::move(o.store);
        if (r.learner) learner = *store->CreateLearner("\xD9\x85\xD8\xB1\xD9\x8A\xD9\x85", kT0);  // مريم
        if (r.session) {
            session = std::make_unique<Session>(load.course, r.learner ? store.get() : nullptr, learner);
            session->ShowPage(load.course->LinkTarget(page), now);
        }
        reloader = std::make_unique<CourseReloader>(course.string());
    }
    // Time passes (past the half-second between looks), then the reloader looks.
    Reload Look() {
        now += CourseReloader::kIntervalMs;
        return reloader->Poll(now, session.get(), store.get());
    }
};

}  // namespace

TEST(CourseReload, NothingChangedNothingReloadedAndNoLookMoreOftenThanTwiceASecond) {
    for (const Reader& r : kReaders) {
        SCOPED_TRACE(r.name);
        World w(r, "m1-l1-p2");
        EXPECT_EQ(w.Look().kind, ReloadKind::None);
        Edit(w.course / "modules" / "01-principles.xml", "the rule separates.</hint>", "the rule separates (edited).</hint>");
        // Too soon after the last look: the change waits for the next one.
        EXPECT_EQ(w.reloader->Poll(w.now + CourseReloader::kIntervalMs - 1, w.session.get(), w.store.get()).kind, ReloadKind::None);
        EXPECT_EQ(w.Look().kind, ReloadKind::Reloaded);
        EXPECT_EQ(w.Look().kind, ReloadKind::None) << "each change is reloaded once";
    }
}

TEST(CourseReload, TheReaderStaysOnTheSamePageWhenItIsStillThereElseStartsAtTheFirst) {
    struct Edit_ {
        const char* what;
        const char* from;
        const char* to;
        const char* expected_page;  // where the reader is after the reload
    } edits[] = {
        {"the file edited elsewhere", "the rule separates.</hint>", "the rule separates (edited).</hint>", "m1-l2-p1"},
        {"the page's id changed", "<page id=\"m1-l2-p1\"", "<page id=\"m1-l2-p1-new\"", "m0-l1-p1"},
    };
    for (const Reader& r : kReaders) {
        for (const Edit_& e : edits) {
            SCOPED_TRACE(std::string(r.name) + ", " + e.what);
            World w(r, "m1-l2-p1");
            Edit(w.course / "modules" / "01-principles.xml", e.from, e.to);
            Reload reload = w.Look();
            ASSERT_EQ(reload.kind, ReloadKind::Reloaded) << reload.problems.FormatAll();
            ASSERT_TRUE(reload.load.course);
            if (!r.session) {
                EXPECT_FALSE(reload.session) << "nobody was reading: the sign-in screen stays";
                continue;
            }
            ASSERT_TRUE(reload.session);
            EXPECT_EQ(reload.session->Nav().Current().id, e.expected_page);
            EXPECT_EQ(reload.session->Learner(), w.learner) << "the same learner (or guest) goes on";
            EXPECT_EQ(reload.session->Saving(), r.learner) << "a guest's reload saves nothing";
            EXPECT_FALSE(reload.quiz_closed);
            if (r.learner) {
                // The page shown on the new course is in the learner's record, at the reload's time.
                std::vector<PageView> views = w.store->PageViews(EventFilter(w.learner, "", w.now));
                ASSERT_EQ(views.size(), 1u);
                EXPECT_EQ(views[0].page_id, e.expected_page);
            }
        }
    }
}

TEST(CourseReload, ABrokenCourseLeavesTheOldOneAndItsProblemsGoWhenItIsFixed) {
    for (const Reader& r : kReaders) {
        SCOPED_TRACE(r.name);
        World w(r, "m1-l1-p2");
        const fs::path file = w.course / "modules" / "01-principles.xml";
        const std::string good = Read(file);
        Edit(file, "<page id=\"m1-l2-p1\"", "<page id=\"m1-l2-p1\" <<");
        Reload broken = w.Look();
        ASSERT_EQ(broken.kind, ReloadKind::Failed);
        EXPECT_GT(broken.problems.ErrorCount(), 0);
        EXPECT_NE(broken.problems.FormatAll().find("01-principles.xml"), std::string::npos)
            << "the problem names the file: " << broken.problems.FormatAll();
        EXPECT_FALSE(broken.session) << "the learner stays in the old course";
        EXPECT_FALSE(broken.load.course);
        if (w.session) { EXPECT_EQ(w.session->Nav().Current().id, "m1-l1-p2"); }
        Write(file, good);
        Reload fixed = w.Look();
        ASSERT_EQ(fixed.kind, ReloadKind::Reloaded) << fixed.problems.FormatAll();
        EXPECT_EQ(fixed.problems.ErrorCount(), 0);
        if (r.session) { EXPECT_EQ(fixed.session->Nav().Current().id, "m1-l1-p2"); }
    }
}

TEST(CourseReload, AnOpenQuizIsClosedAndTheReaderIsBackOnThePage) {
    for (const Reader& r : kReaders) {
        if (!r.session) continue;  // only a reader can have a quiz open
        SCOPED_TRACE(r.name);
        World w(r, "m1-l2-p3");
        const Quiz* quiz = w.session->GetCourse().modules.at(1).quiz.get();
        ASSERT_NE(quiz, nullptr);
        w.session->OpenQuiz(*quiz, w.now);
        ASSERT_TRUE(w.session->ActiveQuiz());
        Edit(w.course / "modules" / "01-principles.xml", "the rule separates.</hint>", "the rule separates (edited).</hint>");
        Reload reload = w.Look();
        ASSERT_EQ(reload.kind, ReloadKind::Reloaded);
        EXPECT_TRUE(reload.quiz_closed);
        EXPECT_EQ(reload.session->ActiveQuiz(), nullptr);
        EXPECT_EQ(reload.session->Nav().Current().id, "m1-l2-p3");
    }
}

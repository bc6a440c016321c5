// The loader reads and parses the files course.xml names a few at once (LoadOptions::threads,
// loader.cpp's FileReads) while it builds the model from those already read. One at a time
// must give the same thing: the same course and the same diagnostics, in the same order.
// Compared on generated courses (tests/ui/course_generator.h: every block in every container,
// every question type, several files), whole and with each of their files broken in each of a
// few ways, some of which make the result depend on the order the files are taken in (an id
// defined in two files: which is the first use; a broken glossary: where the follow-on count
// goes).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../ui/course_generator.h"
#include "authoring/html_export.h"
#include "course/loader.h"

using namespace lectern;
namespace fs = std::filesystem;

namespace {

using Files = std::map<std::string, std::string>;

// Against 1, the reference: more threads than files, and a count that leaves some files waiting.
const int kThreadCounts[] = {3, 16};

// Everything a load gives that a caller can see: the diagnostics as printed and, for a course,
// its reading order, look-ups and the whole HTML edition (every text, question and scenario,
// facilitator notes included).
std::string Fingerprint(const LoadResult& r) {
    std::ostringstream out;
    out << "unreadable " << r.unreadable << "\n" << r.diagnostics.FormatAll();
    if (!r.course) return out.str();
    const Course& c = *r.course;
    out << c.id << " " << c.title << " modules " << c.modules.size() << " glossary " << c.glossary.size()
        << " references " << c.references.size() << " assessment " << (c.assessment != nullptr) << "\n";
    for (const auto& [id, index] : c.page_index) out << "page " << id << " " << index << "\n";
    for (const auto& [id, target] : c.link_targets) out << "link " << id << " " << target << "\n";
    HtmlExportOptions options;
    options.facilitator = true;
    const HtmlEdition edition = RenderHtmlEdition(c, options);
    for (const HtmlOutputFile& f : edition.files) out << "== " << f.path << "\n" << f.content << "\n";
    for (const HtmlImageCopy& i : edition.images) out << "image " << i.source << " " << i.path << "\n";
    return out.str();
}

LoadResult FromMemory(const Files& files, int threads) {
    LoadOptions options;
    options.threads = threads;
    return LoadCourseFromMemory(files, options);
}

Files ReadFolder(const fs::path& dir) {
    Files files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".xml") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        files[fs::relative(entry.path(), dir).generic_string()] = text.str();
    }
    return files;
}

class LoaderThreads : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("lectern-loader-threads-" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path Generate(uint32_t seed) {
        const fs::path dir = m_dir / ("seed-" + std::to_string(seed));
        test::WriteGeneratedCourse(dir, seed, fs::path(LECTERN_TEST_DATA) / "fixture-course/images/three-steps.png");
        return dir;
    }
    fs::path m_dir;
};

// Ways to break one file of a course, each a different kind of diagnostic (or none).
struct Breakage {
    const char* name;
    std::function<void(Files&, const std::string& file)> apply;
};

std::vector<Breakage> Breakages() {
    return {
        {"missing", [](Files& f, const std::string& file) { f.erase(file); }},
        {"truncated", [](Files& f, const std::string& file) { f[file].resize(f[file].size() / 2); }},
        {"a NUL byte", [](Files& f, const std::string& file) { f[file][f[file].size() / 3] = '\0'; }},
        {"another root", [](Files& f, const std::string& file) { f[file] = "<?xml version=\"1.0\"?>\n<page/>\n"; }},
        // Its ids then defined twice: which use is the first depends on the order files are taken in.
        {"a copy of another file",
         [](Files& f, const std::string& file) {
             auto other = f.find(file);
             if (++other == f.end()) other = f.begin();
             if (other->first == "course.xml" && ++other == f.end()) other = f.begin();
             if (other->first != file) f[file] = other->second;
         }},
        {"an unknown element at its end",
         [](Files& f, const std::string& file) {
             const size_t end = f[file].rfind("</");
             if (end != std::string::npos) f[file].insert(end, "<blink/>");
         }},
    };
}

TEST_F(LoaderThreads, GeneratedCoursesLoadTheSameFromDiskWithAnyNumberOfThreads) {
    for (uint32_t seed = 1; seed <= 3; ++seed) {
        const fs::path dir = Generate(seed);
        LoadOptions one;
        one.threads = 1;
        const LoadResult serial = LoadCourse(dir.string(), one);
        ASSERT_TRUE(serial.ok()) << serial.diagnostics.FormatAll();
        ASSERT_GE(serial.course->modules.size(), 2u) << "a course of one file would test nothing";
        const std::string expected = Fingerprint(serial);
        for (int threads : {0, 2, 3, 8}) {
            LoadOptions options;
            options.threads = threads;
            EXPECT_EQ(Fingerprint(LoadCourse(dir.string(), options)), expected) << "seed " << seed << ", " << threads << " threads";
        }
    }
}

TEST_F(LoaderThreads, EveryFileBrokenInEveryWayGivesTheSameDiagnosticsWithAnyNumberOfThreads) {
    int compared = 0, failed_loads = 0;
    for (uint32_t seed = 1; seed <= 1; ++seed) {  // (its loads take a while: it writes in many scripts)
        const Files whole = ReadFolder(Generate(seed));
        ASSERT_GE(whole.size(), 5u);
        for (const auto& [file, text] : whole) {
            for (const Breakage& b : Breakages()) {
                Files broken = whole;
                b.apply(broken, file);
                const LoadResult serial = FromMemory(broken, 1);
                failed_loads += serial.ok() ? 0 : 1;
                const std::string expected = Fingerprint(serial);
                for (int threads : kThreadCounts) {
                    EXPECT_EQ(Fingerprint(FromMemory(broken, threads)), expected)
                        << "seed " << seed << ", " << file << " " << b.name << ", " << threads << " threads";
                    ++compared;
                }
            }
        }
    }
    // The breakages do break: most of these loads fail (a copied file whose ids are its own
    // again, say, may not).
    EXPECT_GT(failed_loads * 10, compared / static_cast<int>(std::size(kThreadCounts)) * 8);
}

TEST(LoaderThreadsBundled, TheBundledCourseLoadsTheSameWithAnyNumberOfThreads) {
    const std::string dir = LECTERN_CONTENT_DIR "/human-rights-security-cooperation";
    LoadOptions one;
    one.threads = 1;
    const LoadResult serial = LoadCourse(dir, one);
    ASSERT_TRUE(serial.ok()) << serial.diagnostics.FormatAll();
    for (int threads : {0, 2, 4}) {
        LoadOptions options;
        options.threads = threads;
        EXPECT_EQ(Fingerprint(LoadCourse(dir, options)), Fingerprint(serial)) << threads << " threads";
    }
}

}  // namespace

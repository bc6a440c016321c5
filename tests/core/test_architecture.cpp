// The engine's arrows (engine/README.md), checked on the source: which subsystem folder may
// include which, that no GUI header reaches the logic below ui/, that the system's own headers
// stay in os/, and that a folder's internal headers stay inside it. CMake enforces most of this
// by what each library links; this test also catches an include that compiles only because a
// system include path happens to be there.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Hit {
    std::string where;  // file:line: text
    std::string target; // for Lectern includes: the folder included ("course", "course/internal")
};

std::vector<Hit> Includes(const fs::path& dir, const std::regex& pattern) {
    std::vector<Hit> hits;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            std::smatch m;
            if (std::regex_search(line, m, pattern))
                hits.push_back({entry.path().string() + ":" + std::to_string(n) + ": " + line,
                                m.size() > 1 ? m[1].str() : std::string()});
        }
    }
    return hits;
}

const std::regex kGuiInclude(R"(^\s*#\s*include\s*[<"](imgui|backends/imgui|GLFW/|glad/|GL/|stb/|imgui_)[^>"]*[>"])");
const std::regex kLecternInclude(R"re(^\s*#\s*include\s*"([a-z_]+(?:/internal)?)/)re");

// Each folder and the folders it may include (itself always). Arrows run one way: nothing below
// learning/ knows the player exists, the player never needs authoring/, and platform/ knows no course.
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"base", {}},
    {"os", {"base"}},
    {"text", {"os", "base"}},
    {"cli", {"os", "base"}},
    {"course", {"text", "os", "base"}},
    {"progress", {"course", "text", "os", "base"}},
    {"learning", {"progress", "course", "text", "os", "base"}},
    {"reports", {"learning", "progress", "course", "text", "os", "base"}},
    {"kiosk", {"reports", "learning", "progress", "course", "text", "os", "base"}},
    {"authoring", {"course", "text", "os", "base"}},
    {"platform", {"os", "base"}},
    {"ui", {"kiosk", "learning", "progress", "course", "text", "os", "base"}},
    {"app", {"cli", "ui", "platform", "kiosk", "reports", "learning", "progress", "course", "text", "os", "base"}},
};

// What `folder`'s files include that its row does not allow.
std::vector<std::string> WrongWayIncludes(const fs::path& engine, const std::string& folder) {
    std::vector<std::string> out;
    const auto& allowed = kMayInclude.at(folder);
    for (const auto& hit : Includes(engine / folder, kLecternInclude)) {
        const std::string target = hit.target.substr(0, hit.target.find('/'));
        const bool internal = hit.target.find("/internal") != std::string::npos;
        if (target == folder) continue;
        if (internal) out.push_back(hit.where + "  (another folder's internal header)");
        else if (!allowed.count(target)) out.push_back(hit.where + "  (" + folder + "/ may not include " + target + "/)");
    }
    return out;
}

const fs::path kEngine(LECTERN_ENGINE_DIR);

}  // namespace

TEST(Architecture, EveryEngineFolderHasARowInTheTable) {
    // A new folder must say where it sits, or its includes go unchecked.
    for (const auto& entry : fs::directory_iterator(kEngine)) {
        if (!entry.is_directory()) continue;
        EXPECT_TRUE(kMayInclude.count(entry.path().filename().string()))
            << entry.path() << " has no row in kMayInclude";
    }
}

TEST(Architecture, IncludesRunOneWay) {
    for (const auto& [folder, allowed] : kMayInclude) {
        for (const auto& wrong : WrongWayIncludes(kEngine, folder)) ADD_FAILURE() << wrong;
    }
}

TEST(Architecture, NothingBelowUiIncludesAGuiHeader) {
    for (const char* folder : {"os", "text", "course", "progress", "learning", "reports", "kiosk", "authoring"}) {
        for (const auto& hit : Includes(kEngine / folder, kGuiInclude)) ADD_FAILURE() << hit.where;
    }
}

TEST(Architecture, UiIncludesNoWindowOrGlHeader) {
    for (const auto& hit : Includes(kEngine / "ui", std::regex(R"(#\s*include\s*[<"](GLFW/|glad/|GL/|tinyxml2|sqlite3))")))
        ADD_FAILURE() << hit.where;
}

// Issue 16: the system's own calls (POSIX headers, Win32) live in os/, one file per system, so
// the rest builds for Windows unchanged.
TEST(Architecture, OnlyOsIncludesSystemHeaders) {
    const std::regex system_header(
        R"(^\s*#\s*include\s*<(unistd\.h|fcntl\.h|pwd\.h|dirent\.h|dlfcn\.h|pthread\.h|signal\.h|sys/[^>]*|windows\.h|shlobj\.h)>)");
    for (const auto& [folder, allowed] : kMayInclude) {
        if (folder == "os") continue;
        for (const auto& hit : Includes(kEngine / folder, system_header)) ADD_FAILURE() << hit.where;
    }
}

TEST(Architecture, TheChecksCatchPlantedViolations) {
    // The scanners must be able to fail: plant forbidden includes in a temporary engine tree.
    const fs::path dir = fs::temp_directory_path() / ("lectern-arch-" + std::to_string(::getpid()));
    fs::create_directories(dir / "course");
    fs::create_directories(dir / "ui");
    std::ofstream(dir / "course" / "bad.cpp") << "#include \"course/model.h\"\n"
                                                 "  #include <imgui.h>\n"
                                                 "#include \"learning/grading.h\"\n"
                                                 "#include \"text/unicode.h\"\n";
    std::ofstream(dir / "ui" / "bad.cpp") << "#include \"course/internal/grammar.h\"\n"
                                             "#include \"platform/fonts.h\"\n";
    const auto gui = Includes(dir / "course", kGuiInclude);
    const auto course = WrongWayIncludes(dir, "course");
    const auto ui = WrongWayIncludes(dir, "ui");
    fs::remove_all(dir);
    ASSERT_EQ(gui.size(), 1u);
    EXPECT_NE(gui[0].where.find("bad.cpp:2"), std::string::npos);
    ASSERT_EQ(course.size(), 1u);  // learning/ from course/; text/ is allowed
    EXPECT_NE(course[0].find("bad.cpp:3"), std::string::npos);
    ASSERT_EQ(ui.size(), 2u);      // another folder's internal header; platform/ from ui/
    EXPECT_NE(ui[0].find("internal"), std::string::npos);
}

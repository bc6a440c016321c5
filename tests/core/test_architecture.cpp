// House style rule 1: engine/core never includes a GUI header. CMake enforces it by not
// linking ImGui/GLFW/GL into lectern_core; this test catches an include that slips in anyway
// (a header-only use would compile if the system include paths happen to be there).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

std::vector<std::string> ForbiddenIncludes(const fs::path& dir, const std::regex& forbidden) {
    std::vector<std::string> hits;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path());
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (std::regex_search(line, forbidden))
                hits.push_back(entry.path().string() + ":" + std::to_string(n) + ": " + line);
        }
    }
    return hits;
}

const std::regex kGuiInclude(R"(^\s*#\s*include\s*[<"](imgui|backends/imgui|GLFW/|glad/|GL/|stb/|imgui_)[^>"]*[>"])");

}  // namespace

TEST(Architecture, CoreIncludesNoGuiHeader) {
    auto hits = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / "core", kGuiInclude);
    for (const auto& h : hits) ADD_FAILURE() << h;
    EXPECT_TRUE(hits.empty());
}

TEST(Architecture, PlatformIncludesNoCoreHeader) {
    auto hits = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / "platform", std::regex(R"(#\s*include\s*"core/)"));
    for (const auto& h : hits) ADD_FAILURE() << h;
    EXPECT_TRUE(hits.empty());
}

TEST(Architecture, UiIncludesNoWindowOrGlHeader) {
    auto hits = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / "ui",
                                  std::regex(R"(#\s*include\s*[<"](GLFW/|glad/|GL/|tinyxml2|sqlite3))"));
    for (const auto& h : hits) ADD_FAILURE() << h;
    EXPECT_TRUE(hits.empty());
}

TEST(Architecture, KioskPolicyIncludesNoUiHeader) {
    // The sign-in policy takes typed values and answers decisions: it never sees a UI buffer.
    auto hits = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / "kiosk", kGuiInclude);
    auto more = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / "kiosk", std::regex(R"(#\s*include\s*"(ui|platform|app)/)"));
    hits.insert(hits.end(), more.begin(), more.end());
    for (const auto& h : hits) ADD_FAILURE() << h;
    EXPECT_TRUE(hits.empty());
}

TEST(Architecture, OsIncludesNothingOfLecternAboveIt) {
    auto hits = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / "os", kGuiInclude);
    auto more = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / "os", std::regex(R"(#\s*include\s*"(core|kiosk|ui|platform|app)/)"));
    hits.insert(hits.end(), more.begin(), more.end());
    for (const auto& h : hits) ADD_FAILURE() << h;
    EXPECT_TRUE(hits.empty());
}

// Issue 16: the system's own calls (POSIX headers, Win32) live in os/, one file per system, so
// the rest builds for Windows unchanged.
TEST(Architecture, OnlyOsIncludesSystemHeaders) {
    const std::regex system_header(
        R"(^\s*#\s*include\s*<(unistd\.h|fcntl\.h|pwd\.h|dirent\.h|dlfcn\.h|pthread\.h|signal\.h|sys/[^>]*|windows\.h|shlobj\.h)>)");
    std::vector<std::string> hits;
    for (const char* part : {"core", "kiosk", "ui", "platform", "app"}) {
        auto more = ForbiddenIncludes(fs::path(LECTERN_ENGINE_DIR) / part, system_header);
        hits.insert(hits.end(), more.begin(), more.end());
    }
    for (const auto& h : hits) ADD_FAILURE() << h;
    EXPECT_TRUE(hits.empty());
}

TEST(Architecture, TheCheckCatchesAGuiInclude) {
    // The scanner must be able to fail: plant a forbidden include in a temporary tree.
    fs::path dir = fs::temp_directory_path() / ("lectern-arch-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "bad.cpp") << "#include \"core/model.h\"\n  #include <imgui.h>\n";
    auto hits = ForbiddenIncludes(dir, kGuiInclude);
    fs::remove_all(dir);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("bad.cpp:2"), std::string::npos);
}

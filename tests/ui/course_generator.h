// Writes valid courses for render tests: from a seed, a course that puts every block the guide
// (content/README.md) and the schema allow into every container that may hold it, nested as
// deep as allowed (a list in a callout in a scenario's node on a page), with long words, long
// titles, tables of up to ten columns, empty-but-legal elements, every question type in checks
// and quizzes, and text in several scripts. The same seed always writes the same course.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace lectern::test {

// Containers of blocks and the blocks each may hold (content/README.md, "Blocks"). The
// generator places each pair at least once per course; test_generated_courses checks that the
// loader accepts exactly these pairs.
struct BlockContainer {
    const char* name;
    std::vector<const char*> blocks;
};
const std::vector<BlockContainer>& BlockContainers();

struct GeneratedCourse {
    std::filesystem::path dir;
    // Every (container, block) pair placed, for the coverage check.
    std::vector<std::pair<std::string, std::string>> placed;
};

// Writes the course for `seed` into `dir` (created; an image is copied from `image_png`).
GeneratedCourse WriteGeneratedCourse(const std::filesystem::path& dir, uint32_t seed, const std::filesystem::path& image_png);

}  // namespace lectern::test

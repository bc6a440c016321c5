// Writes the course the authoring guide's examples make (guide_course.h) into a folder and lists
// its XML files, one a line, relative to it. script.test_guide_schema validates them with xmllint.
//   write_guide_course GUIDE.md OUT_DIR PICTURE.png
// Exit 1, saying why, when an example finds no place in the course (the UI tests say so too).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "guide_course.h"

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: write_guide_course GUIDE.md OUT_DIR PICTURE.png\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    const std::string guide((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (guide.empty()) {
        std::fprintf(stderr, "write_guide_course: cannot read %s\n", argv[1]);
        return 1;
    }
    const lectern::test::GuideCourse course = lectern::test::WriteGuideCourse(guide, argv[2], argv[3]);
    for (const std::string& problem : course.problems) std::fprintf(stderr, "write_guide_course: %s\n", problem.c_str());
    for (const std::string& file : course.files) std::printf("%s\n", file.c_str());
    return course.problems.empty() && !course.files.empty() ? 0 : 1;
}

// Draws every screen of a course as a learner would see it, and measures what was drawn: the
// home screen, every page (and in the presenter view, with its notes), every knowledge check
// answered and revealed, every step and ending of every scenario, every quiz's intro, each of
// its questions answered, and its results; the glossary, references, help and progress screens.
// All of it at 100 % and 200 % text (fonts baked at that size, as the player does) and at 640,
// 1280 and 1920 pixels wide.
//
// The course is drawn in a child process (in_child.h; on Windows, in the test's own process), so a Dear ImGui assertion (made to abort there) fails
// the caller's test with the assertion's message and the screen being drawn, instead of ending
// the whole test run. After every screen the draw data is measured, glyph by glyph:
// - no glyph is cut by its clip rectangle, on the CPU (a button or combo box too narrow for its
//   label) or by the scissor (text running past a box that does not scroll that way);
// - no glyph lies outside the window;
// - on screens with a reading column, no glyph lies outside it.
// Used by the generated courses (test_generated_courses.cpp) and the guide's examples
// (test_guide_examples.cpp).
#pragma once

#include <memory>
#include <string>

#include "course/model.h"

namespace lectern::test {

struct DrawnCourse {
    int signal = 0;      // the signal that ended the drawing (SIGABRT: an ImGui assertion), or 0
    int code = 0;        // otherwise its exit code: 0 when every screen drew without a fault
    std::string output;  // one line per fault, then "screens drawn: N, glyphs measured: N, faults: N"
};

// `label` starts every fault's line ("seed 3", "the guide's examples").
DrawnCourse DrawEveryScreen(std::shared_ptr<const Course> course, const std::string& label);

}  // namespace lectern::test

// Runs a test's drawing where a Dear ImGui assertion (an abort) fails that test without ending
// the others, and captures what it writes to stderr (screen_walk.cpp: its faults, and on an abort
// the assertion and the screen being drawn). One implementation file per system:
// - in_child_posix.cpp: in a forked child, its stderr read through a pipe;
// - in_child_windows.cpp: Windows has no fork, so in this process with stderr sent to a temporary
//   file. An abort there ends the test process: under wine a shard of the UI tests
//   (tests/CMakeLists.txt, lectern_gtests), which fails with the output on the console, the
//   aborted case named by its last "[ RUN ]" line.
#pragma once

#include <functional>
#include <string>

namespace lectern::test {

struct ChildResult {
    bool exited = false;  // ended with an exit code (not a signal)
    int code = 0;
    int signal = 0;
    std::string output;  // what it wrote to stderr
};

// `body` returns the exit code.
ChildResult InChild(const std::function<int()>& body);

}  // namespace lectern::test

// See in_child.h: Windows has no fork; `body` runs in this process with stderr (the C runtime's
// descriptor 2, which fprintf(stderr) and write(2) both use) sent to a temporary file, then put
// back. An abort ends the process with the output already on the console.
#include "in_child.h"

#include <io.h>

#include <cstdio>

namespace lectern::test {

ChildResult InChild(const std::function<int()>& body) {
    ChildResult r;
    std::FILE* capture = std::tmpfile();
    if (!capture) return r;
    std::fflush(nullptr);
    const int saved = _dup(2);
    _dup2(_fileno(capture), 2);
    r.code = body();
    r.exited = true;
    std::fflush(nullptr);
    _dup2(saved, 2);
    _close(saved);
    std::rewind(capture);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, capture)) > 0) r.output.append(buf, n);
    std::fclose(capture);
    return r;
}

}  // namespace lectern::test

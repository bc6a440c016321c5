// See in_child.h: a forked child, its stderr read through a pipe.
#include "in_child.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

namespace lectern::test {

ChildResult InChild(const std::function<int()>& body) {
    int fds[2];
    if (pipe(fds) != 0) return {};
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        int code = body();
        std::fflush(nullptr);
        _exit(code);
    }
    close(fds[1]);
    ChildResult r;
    char buf[4096];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) r.output.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exited = WIFEXITED(status);
    r.code = r.exited ? WEXITSTATUS(status) : 0;
    r.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    return r;
}

}  // namespace lectern::test

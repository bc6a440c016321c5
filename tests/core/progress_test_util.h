// Shared helpers for the progress store tests: temporary folders, raw SQLite access (to build
// files by hand the way an older or foreign program would), dropping root for permission tests,
// and small courses built in code.
#pragma once

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "course/model.h"

namespace progress_test {

namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed (with everything in it) at scope exit.
class TempDir {
public:
    // Under `root` when given, else the system temp dir.
    explicit TempDir(const std::string& root = "") {
        std::string tmpl = ((root.empty() ? fs::temp_directory_path() : fs::path(root)) / "lectern-progress-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) std::abort();
        m_path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
        for (auto& entry : fs::recursive_directory_iterator(m_path, ec)) {
            fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
        }
        fs::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::string& path() const { return m_path; }
    std::string Sub(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

// A raw connection, for building files by hand and for looking at them behind the store's back.
struct RawDb {
    sqlite3* db = nullptr;
    explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) {
        sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    }
    ~RawDb() { sqlite3_close(db); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;

    int Exec(const std::string& sql) { return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr); }
    // First column of the first row as text ("" when there is none); -1 sentinel not needed.
    std::string Text(const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        std::string out;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
            const unsigned char* t = sqlite3_column_text(s, 0);
            out = t ? reinterpret_cast<const char*>(t) : "";
        }
        sqlite3_finalize(s);
        return out;
    }
    long long Int(const std::string& sql) { return std::atoll(Text(sql).c_str()); }
};

inline std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

// Runs `body` in a forked child that cannot override file permissions (as root it switches to
// nobody first: root ignores mode bits, and CI runs as root). Returns the child's exit code;
// the body reports what went wrong on stderr and returns non-zero.
inline int RunUnprivileged(const std::function<int()>& body) {
    pid_t pid = ::fork();
    if (pid == 0) {
        if (::geteuid() == 0) {
            if (::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(99);
        }
        int code = body();
        std::fflush(stderr);
        ::_exit(code);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// ---- small courses ------------------------------------------------------------------------------

inline std::shared_ptr<const lectern::Question> MakeQuestion(const std::string& id) {
    auto q = std::make_shared<lectern::Question>();
    q->id = id;
    return q;
}

inline lectern::Block CheckBlock(const std::string& question_id) {
    lectern::Block b;
    b.kind = lectern::BlockKind::Question;
    b.question = MakeQuestion(question_id);
    return b;
}

inline lectern::Page MakePage(const std::string& id, std::vector<std::string> checks = {}) {
    lectern::Page p;
    p.id = id;
    lectern::Block text;
    text.kind = lectern::BlockKind::Paragraph;
    p.blocks.push_back(text);
    for (const auto& c : checks) p.blocks.push_back(CheckBlock(c));
    return p;
}

inline lectern::Lesson MakeLesson(const std::string& id, std::vector<lectern::Page> pages) {
    lectern::Lesson l;
    l.id = id;
    l.pages = std::move(pages);
    return l;
}

inline std::shared_ptr<const lectern::Quiz> MakeQuiz(const std::string& id, std::vector<std::string> questions) {
    auto quiz = std::make_shared<lectern::Quiz>();
    quiz->id = id;
    lectern::Pool pool;
    for (const auto& q : questions) pool.questions.push_back(MakeQuestion(q));
    pool.draw = static_cast<int>(pool.questions.size());
    quiz->pools.push_back(pool);
    return quiz;
}

inline lectern::Module MakeModule(const std::string& id, std::vector<lectern::Lesson> lessons,
                                  std::shared_ptr<const lectern::Quiz> quiz = nullptr,
                                  lectern::ModuleRole role = lectern::ModuleRole::Core) {
    lectern::Module m;
    m.id = id;
    m.role = role;
    m.lessons = std::move(lessons);
    m.quiz = std::move(quiz);
    return m;
}

inline std::shared_ptr<const lectern::Scenario> MakeScenario(const std::string& id, std::vector<std::string> nodes,
                                                             std::vector<std::string> endings) {
    auto sc = std::make_shared<lectern::Scenario>();
    sc->id = id;
    for (const auto& n : nodes) {
        lectern::ScenarioNode node;
        node.id = n;
        sc->nodes.push_back(node);
    }
    for (const auto& e : endings) {
        lectern::ScenarioNode node;
        node.id = e;
        node.is_ending = true;
        sc->nodes.push_back(node);
    }
    if (!nodes.empty()) sc->start = nodes.front();
    return sc;
}

}  // namespace progress_test

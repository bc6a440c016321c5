// The strict course loader: course.xml, then each file it names (modules, the assessment, the
// glossary, the references) in the order it names them, then the references between files and
// the course's look-ups. Where the work is:
//   internal/file_source   reading files, confined to the course and asset folders
//   internal/xml_file      bytes checked, tinyxml2, lines and columns
//   internal/parser.h      the elements, file by file (parse_*.cpp, one per kind of content)
//   internal/validation    what makes a question, quiz or scenario impossible to use
// One pass over the model, on the caller's thread. Only the files course.xml names are read,
// checked, parsed (tinyxml2) and checked against the grammar a few at once (FileReads), by one
// std::thread per core for the load's length, none kept between loads: that is 60 % of a load's
// instructions (callgrind, 1,000 generated pages: 233 M on those threads, 152 M left on the
// caller's, 391 M on one thread), so two cores load in about half the time. A course of one
// file, or LoadOptions::threads = 1, reads on the caller's thread alone;
// tests/core/test_loader_threads.cpp checks that both ways give the same course and the same
// diagnostics. tests/bench/bench_load.cpp measures it.
#include "course/loader.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <mutex>
#include <set>
#include <thread>

#include "course/internal/file_source.h"
#include "course/internal/parser.h"
#include "course/internal/xml_file.h"
#include "os/files.h"

namespace lectern {

namespace {

namespace fs = std::filesystem;
using tinyxml2::XMLElement;

// The files course.xml names, read and parsed (ReadXmlFile) by a few threads while the caller
// builds the model from the ones already done, in course.xml's order. Each file's diagnostics
// are its own until Take adds them, so they come in the same order as one thread would give.
// The threads keep at most two files a thread beyond the caller's (a parsed file is several
// times its size: all of a 10,000-page course's at once added 100 MB to the load's peak).
class FileReads {
public:
    struct Wanted {
        std::string src;
        SourceLoc named_at;
    };
    FileReads(FileSource& files, std::vector<Wanted> wanted, int threads) : m_files(files), m_slots(wanted.size()) {
        for (size_t i = 0; i < wanted.size(); ++i) {
            m_slots[i].src = std::move(wanted[i].src);
            m_slots[i].named_at = std::move(wanted[i].named_at);
        }
        const size_t n = threads > 0 ? static_cast<size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
        // One thread would only wait for the other: the caller reads the files itself then.
        if (n > 1 && m_slots.size() > 1) {
            m_ahead = 2 * n;
            for (size_t t = 0; t < std::min(n, m_slots.size()); ++t) m_threads.emplace_back([this] { Work(); });
        }
    }
    ~FileReads() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;  // nothing more is started; what is under way ends
            m_room.notify_all();
        }
        for (std::thread& t : m_threads) t.join();
    }
    FileReads(const FileReads&) = delete;
    FileReads& operator=(const FileReads&) = delete;

    // The i-th file, parsed, or null once the reason is added to `d`.
    std::unique_ptr<XmlFile> Take(size_t i, Diagnostics& d) {
        Slot& slot = m_slots[i];
        if (m_threads.empty()) {
            Read(slot);
        } else {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_done.wait(lock, [&] { return slot.done; });
            ++m_taken;  // (in order: the caller takes 0, 1, 2, ...)
            m_room.notify_all();
        }
        if (slot.failure) std::rethrow_exception(slot.failure);  // as if the caller had read it
        d.Append(slot.diagnostics);
        return std::move(slot.file);
    }

private:
    struct Slot {
        std::string src;
        SourceLoc named_at;
        std::unique_ptr<XmlFile> file;
        Diagnostics diagnostics;
        std::exception_ptr failure;  // std::bad_alloc, say, on a worker thread
        bool done = false;           // under m_mutex
    };
    // Read, parsed, the grammar checked (which needs nothing but the file) and every text decoded:
    // what is left for the caller, the model, needs the ids of the files before it.
    void Read(Slot& slot) {
        slot.file = ReadXmlFile(m_files, slot.src, slot.named_at, slot.diagnostics);
        if (!slot.file) return;
        Parser(m_files, slot.diagnostics).CheckGrammar(*slot.file);
        DecodeTexts(slot.file->doc);
    }
    // tinyxml2 decodes a text or an attribute's value (entities, line ends) the first time it is
    // read, in place; reading each once here leaves the caller a tree it only reads.
    static void DecodeTexts(const tinyxml2::XMLDocument& doc) {
        const tinyxml2::XMLNode* n = doc.FirstChild();
        while (n) {
            if (const tinyxml2::XMLText* t = n->ToText()) t->Value();
            if (const XMLElement* e = n->ToElement())
                for (const tinyxml2::XMLAttribute* a = e->FirstAttribute(); a; a = a->Next()) a->Value();
            if (n->FirstChild()) {
                n = n->FirstChild();
                continue;
            }
            while (n && !n->NextSibling()) n = n->Parent();
            if (n) n = n->NextSibling();
        }
    }
    // Each thread's loop: the next file, once the caller is close enough behind.
    void Work() {
        for (;;) {
            size_t i = 0;
            {
                std::unique_lock<std::mutex> lock(m_mutex);
                m_room.wait(lock, [&] { return m_stop || m_next < m_taken + m_ahead; });
                if (m_stop || m_next >= m_slots.size()) return;
                i = m_next++;
            }
            try {
                Read(m_slots[i]);
            } catch (...) {
                m_slots[i].failure = std::current_exception();
            }
            std::lock_guard<std::mutex> lock(m_mutex);
            m_slots[i].done = true;
            m_done.notify_all();
        }
    }

    FileSource& m_files;  // Read and Display only, which keep no state
    std::vector<Slot> m_slots;
    std::mutex m_mutex;  // guards what follows, and each slot's `done`
    std::condition_variable m_done;  // a file is done
    std::condition_variable m_room;  // the caller took one, or the end
    size_t m_next = 0;               // the next file a thread starts
    size_t m_taken = 0;              // files the caller took
    size_t m_ahead = 0;              // how many files the threads may have beyond m_taken
    bool m_stop = false;
    std::vector<std::thread> m_threads;
};

// A file course.xml names, and whether it could be used.
struct IncludedFile {
    const char* root;   // the root element it must have
    IdSpace ids;        // the ids it defines, which references into it need
    std::string src;    // as course.xml writes it
    std::string display;
    SourceLoc named_at;  // its src attribute in course.xml
    bool used = false;   // read, well formed, with the right root element
};

class Loader {
public:
    Loader(FileSource& files, Diagnostics& d, int threads) : m_files(files), m_d(d), m_parser(files, d), m_threads(threads) {}
    std::shared_ptr<Course> Run(const std::string& course_file);

private:
    void ParseCourseChild(const XmlFile& f, const XMLElement* e, int* titles);
    void Name(const XmlFile& f, const XMLElement* e, const char* root, IdSpace ids);
    void ParseIncluded(IncludedFile& inc, const XmlFile& sub);
    void Resolve();
    void BuildIndexes();

    FileSource& m_files;
    Diagnostics& m_d;
    Parser m_parser;
    std::shared_ptr<Course> m_course = std::make_shared<Course>();
    int m_threads;
    std::set<std::string> m_included;  // normalized src paths
    std::vector<IncludedFile> m_includes;
};

std::shared_ptr<Course> Loader::Run(const std::string& course_file) {
    m_course->root_dir = m_files.RootDir();
    m_course->assets_dir = m_files.AssetsDir();
    auto f = ReadXmlFile(m_files, course_file, {}, m_d);
    if (!f) return nullptr;
    m_parser.CheckGrammar(*f);
    const XMLElement* e = f->doc.RootElement();
    if (!e || std::string(e->Name()) != "course") {
        m_d.Error(e ? f->Loc(e) : SourceLoc{f->display, 1, 1}, "wrong-root",
                  std::string("course.xml must have <course> as its root element") +
                      (e ? std::string(", not <") + e->Name() + ">" : std::string()));
        return nullptr;
    }
    Course& c = *m_course;
    m_parser.Attributes(*f, e, {"id", "version", "lang", "minutes"}, {});
    m_parser.Id(*f, e, IdSpace::Item, &c.id);
    c.version = Parser::Attr(e, "version");
    c.lang = Parser::Attr(e, "lang");
    c.minutes = m_parser.IntAttr(*f, e, "minutes", 0, 1, 100000);
    int titles = 0;
    m_parser.EachChild(*f, e, [&](const XMLElement* child) { ParseCourseChild(*f, child, &titles); });
    if (titles == 1 && c.title.empty()) m_d.Error(f->Loc(e), "missing-text", "the course's <title> has no text");
    // The files it names, in its order (ids are claimed, and first uses found, in that order).
    std::vector<FileReads::Wanted> wanted;
    for (const IncludedFile& inc : m_includes) wanted.push_back({inc.src, inc.named_at});
    FileReads reads(m_files, std::move(wanted), m_threads);
    for (size_t i = 0; i < m_includes.size(); ++i)
        if (const auto sub = reads.Take(i, m_d)) ParseIncluded(m_includes[i], *sub);
    Resolve();
    BuildIndexes();
    return m_d.HasErrors() ? nullptr : m_course;
}

void Loader::ParseCourseChild(const XmlFile& f, const XMLElement* e, int* titles) {
    Course& c = *m_course;
    const std::string name = e->Name();
    if (name == "include") return Name(f, e, "module", IdSpace::Item);
    if (name == "assessment") return Name(f, e, "quiz", IdSpace::Item);
    if (name == "glossary") return Name(f, e, "glossary", IdSpace::Term);
    if (name == "references") return Name(f, e, "references", IdSpace::Reference);
    if (name != "title" && name != "description" && name != "audience")
        return m_parser.Unknown(f, e, "course", "title, description, audience, include, assessment, glossary, references");
    m_parser.Attributes(f, e, {}, {});
    if (name == "title") {
        ++*titles;
        c.title = m_parser.PlainTextOf(f, e);
    } else {
        (name == "description" ? c.description : c.audience) = m_parser.InlineOf(f, e);
    }
}

// A file course.xml names, to read once course.xml is read (Run), if its src can be used.
void Loader::Name(const XmlFile& f, const XMLElement* e, const char* root, IdSpace ids) {
    if (!m_parser.Attributes(f, e, {"src"}, {})) return;
    const std::string src = Parser::Attr(e, "src");
    const SourceLoc at = f.AttrLoc(e, "src");
    std::string why;
    if (!CheckRelativePath(src, &why)) return m_d.Error(at, "bad-path", why);
    if (!m_included.insert(fs::path(src).lexically_normal().generic_string()).second)
        return m_d.Error(at, "duplicate-include", "'" + src + "' is included twice");
    m_includes.push_back(IncludedFile{root, ids, src, m_files.Display(src), at});
}

// A file course.xml names, read and parsed, into the course.
void Loader::ParseIncluded(IncludedFile& inc, const XmlFile& sub) {  // its grammar checked (FileReads)
    const XMLElement* r = sub.doc.RootElement();
    if (!r || std::string(r->Name()) != inc.root) {
        return m_d.Error(r ? sub.Loc(r) : SourceLoc{sub.display, 1, 1}, "wrong-root",
                         "'" + inc.src + "' must have <" + inc.root + "> as its root element" +
                             (r ? std::string(", not <") + r->Name() + ">" : std::string()));
    }
    inc.used = true;
    const std::string kind = inc.root;
    Course& c = *m_course;
    if (kind == "module") c.modules.push_back(m_parser.ParseModule(sub, r));
    else if (kind == "quiz") c.assessment = m_parser.ParseQuiz(sub, r);
    else if (kind == "glossary") m_parser.ParseGlossary(sub, r, c.glossary);
    else m_parser.ParseReferences(sub, r, c.references);
}

// Reports terms, citations and links to ids that do not exist.
void Loader::Resolve() {
    // A module, glossary or references file that could not be used leaves every reference into
    // its ids unresolved: those follow from the one error already given for the file, so they
    // are counted, not listed, and the count is said once, at the broken file.
    const IncludedFile* broken[3] = {nullptr, nullptr, nullptr};  // by IdSpace
    for (const IncludedFile& inc : m_includes) {
        const int space = static_cast<int>(inc.ids);
        const bool defines_ids = std::string(inc.root) != "quiz";
        if (!inc.used && defines_ids && !broken[space]) broken[space] = &inc;
    }
    int folded[3] = {0, 0, 0};
    for (const IdRef& r : m_parser.Refs()) {
        const int space = static_cast<int>(r.space);
        if (m_parser.HasId(r.space, r.id)) continue;
        if (broken[space]) {
            ++folded[space];
        } else if (r.space == IdSpace::Term) {
            m_d.Error(r.loc, "unresolved-term", "no glossary entry has the id '" + r.id + "'");
        } else if (r.space == IdSpace::Reference) {
            m_d.Error(r.loc, "unresolved-cite", "no reference has the id '" + r.id + "'");
        } else {
            m_d.Error(r.loc, "unresolved-link", "no page, lesson or module has the id '" + r.id + "'");
        }
    }
    const char* what[3] = {"links to its pages, lessons or modules", "glossary terms it would define",
                           "citations of references it would hold"};
    for (int space = 0; space < 3; ++space) {
        if (folded[space] == 0) continue;
        // At the cause, so that sorted by place it comes right after it.
        SourceLoc at = broken[space]->named_at;
        for (const Diagnostic& d : m_d.All())
            if (d.severity == Severity::Error && d.loc.file == broken[space]->display) {
                at = d.loc;
                break;
            }
        m_d.Error(at, "follows-from-file", "and " + std::to_string(folded[space]) + " more that follow from this: " +
                                               what[space] + " ('" + broken[space]->src + "' could not be used)");
    }
}

// The course's look-ups (reading order; page, link, term and reference indexes), then the links
// to ids that exist but are no place to read (a quiz, a question).
void Loader::BuildIndexes() {
    Course& c = *m_course;
    for (int mi = 0; mi < static_cast<int>(c.modules.size()); ++mi) {
        const Module& m = c.modules[static_cast<size_t>(mi)];
        for (int li = 0; li < static_cast<int>(m.lessons.size()); ++li) {
            const Lesson& l = m.lessons[static_cast<size_t>(li)];
            for (int pi = 0; pi < static_cast<int>(l.pages.size()); ++pi) {
                c.page_index[l.pages[static_cast<size_t>(pi)].id] = static_cast<int>(c.reading_order.size());
                c.reading_order.push_back({mi, li, pi});
            }
            if (!l.pages.empty()) c.link_targets[l.id] = l.pages.front().id;
        }
        if (!m.lessons.empty() && !m.lessons.front().pages.empty()) c.link_targets[m.id] = m.lessons.front().pages.front().id;
    }
    for (size_t i = 0; i < c.glossary.size(); ++i) c.term_index[c.glossary[i].id] = static_cast<int>(i);
    for (size_t i = 0; i < c.references.size(); ++i) c.reference_index[c.references[i].id] = static_cast<int>(i);
    for (const IdRef& r : m_parser.Refs()) {
        if (r.space == IdSpace::Item && m_parser.HasId(r.space, r.id) && c.LinkTarget(r.id) < 0)
            m_d.Error(r.loc, "unresolved-link", "'" + r.id + "' is not a page, lesson or module, so a link cannot lead there");
    }
}

}  // namespace

LoadResult LoadCourse(const std::string& path, const LoadOptions& options) {
    LoadResult result;
    std::error_code ec;
    fs::path p = os::Path(path);
    std::string display = path;
    std::string file = "course.xml";
    if (!fs::exists(p, ec)) {
        result.diagnostics.Error({path, 0, 0}, "file-not-found", "no such file or folder");
        result.unreadable = true;
        return result;
    }
    if (!fs::is_directory(p, ec)) {
        // A course.xml (or another root file) named directly: its folder is the course folder.
        file = os::Utf8(p.filename());
        p = p.parent_path().empty() ? fs::path(".") : p.parent_path();
        display = p == fs::path(".") && path.find('/') == std::string::npos ? "" : os::Utf8(p);
    }
    DiskSource source(p, display, options.max_file_bytes);
    result.course = Loader(source, result.diagnostics, options.threads).Run(file);
    result.diagnostics.SortByLocation();
    if (!result.course) {
        // Nothing at all could be read from the root file: the input itself is unreadable.
        for (const auto& d : result.diagnostics.All())
            if (d.loc.line == 0 && (d.code == "file-not-found" || d.code == "not-a-file" || d.code == "file-unreadable"))
                result.unreadable = true;
    }
    return result;
}

LoadResult LoadCourseFromMemory(const std::map<std::string, std::string>& files, const LoadOptions& options) {
    LoadResult result;
    MemorySource source(files);
    result.course = Loader(source, result.diagnostics, options.threads).Run("course.xml");
    result.diagnostics.SortByLocation();
    return result;
}

}  // namespace lectern

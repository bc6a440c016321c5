// The strict course loader: course.xml, then each file it names (modules, the assessment, the
// glossary, the references) in the order it names them, then the references between files and
// the course's look-ups. Where the work is:
//   internal/file_source   reading files, confined to the course and asset folders
//   internal/xml_file      bytes checked, tinyxml2, lines and columns
//   internal/parser.h      the elements, file by file (parse_*.cpp, one per kind of content)
//   internal/validation    what makes a question, quiz or scenario impossible to use
// One thread, one pass: tests/bench/bench_load.cpp measures it (a 10,000-page course in a few
// hundred milliseconds), which is all a course needs.
#include "course/loader.h"

#include <filesystem>
#include <set>

#include "course/internal/file_source.h"
#include "course/internal/parser.h"
#include "course/internal/xml_file.h"
#include "os/files.h"

namespace lectern {

namespace {

namespace fs = std::filesystem;
using tinyxml2::XMLElement;

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
    Loader(FileSource& files, Diagnostics& d) : m_files(files), m_d(d), m_parser(files, d) {}
    std::shared_ptr<Course> Run(const std::string& course_file);

private:
    void ParseCourseChild(const XmlFile& f, const XMLElement* e, int* titles);
    void Include(const XmlFile& f, const XMLElement* e, const char* root, IdSpace ids);
    void Resolve();
    void BuildIndexes();

    FileSource& m_files;
    Diagnostics& m_d;
    Parser m_parser;
    std::shared_ptr<Course> m_course = std::make_shared<Course>();
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
    Resolve();
    BuildIndexes();
    return m_d.HasErrors() ? nullptr : m_course;
}

void Loader::ParseCourseChild(const XmlFile& f, const XMLElement* e, int* titles) {
    Course& c = *m_course;
    const std::string name = e->Name();
    if (name == "include") return Include(f, e, "module", IdSpace::Item);
    if (name == "assessment") return Include(f, e, "quiz", IdSpace::Item);
    if (name == "glossary") return Include(f, e, "glossary", IdSpace::Term);
    if (name == "references") return Include(f, e, "references", IdSpace::Reference);
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

// Reads and parses a file course.xml names, into the course.
void Loader::Include(const XmlFile& f, const XMLElement* e, const char* root, IdSpace ids) {
    if (!m_parser.Attributes(f, e, {"src"}, {})) return;
    const std::string src = Parser::Attr(e, "src");
    const SourceLoc at = f.AttrLoc(e, "src");
    std::string why;
    if (!CheckRelativePath(src, &why)) return m_d.Error(at, "bad-path", why);
    if (!m_included.insert(fs::path(src).lexically_normal().generic_string()).second)
        return m_d.Error(at, "duplicate-include", "'" + src + "' is included twice");
    IncludedFile& inc = m_includes.emplace_back(IncludedFile{root, ids, src, m_files.Display(src), at});
    const auto sub = ReadXmlFile(m_files, src, at, m_d);
    if (!sub) return;
    m_parser.CheckGrammar(*sub);
    const XMLElement* r = sub->doc.RootElement();
    if (!r || std::string(r->Name()) != root) {
        return m_d.Error(r ? sub->Loc(r) : SourceLoc{sub->display, 1, 1}, "wrong-root",
                         "'" + src + "' must have <" + root + "> as its root element" +
                             (r ? std::string(", not <") + r->Name() + ">" : std::string()));
    }
    inc.used = true;
    const std::string kind = root;
    Course& c = *m_course;
    if (kind == "module") c.modules.push_back(m_parser.ParseModule(*sub, r));
    else if (kind == "quiz") c.assessment = m_parser.ParseQuiz(*sub, r);
    else if (kind == "glossary") m_parser.ParseGlossary(*sub, r, c.glossary);
    else m_parser.ParseReferences(*sub, r, c.references);
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
    result.course = Loader(source, result.diagnostics).Run(file);
    result.diagnostics.SortByLocation();
    if (!result.course) {
        // Nothing at all could be read from the root file: the input itself is unreadable.
        for (const auto& d : result.diagnostics.All())
            if (d.loc.line == 0 && (d.code == "file-not-found" || d.code == "not-a-file" || d.code == "file-unreadable"))
                result.unreadable = true;
    }
    return result;
}

LoadResult LoadCourseFromMemory(const std::map<std::string, std::string>& files, const LoadOptions&) {
    LoadResult result;
    MemorySource source(files);
    result.course = Loader(source, result.diagnostics).Run("course.xml");
    result.diagnostics.SortByLocation();
    return result;
}

}  // namespace lectern

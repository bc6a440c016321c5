// The strict course loader. Reads each file as bytes, checks the encoding before tinyxml2 sees
// it (so a binary, UTF-16 or NUL-laden file gets one clear message), refuses DTDs (no entity
// expansion, no external entities), then walks the tree with an explicit list of what each
// element may hold. References between files are checked once everything is read.
//
// Speed (tests/bench/bench_load.cpp; a 10,000-page course in well under 150 ms on two cores):
// - the files course.xml names are read, checked, parsed and built on all cores (FileJob);
//   the main thread takes their results in, in course order, so the outcome is a one-thread
//   load's, diagnostics and all;
// - tinyxml2 gets a lighter copy (Mark): no white-space nodes between blocks, and each text
//   node's text replaced by a one-byte stand-in that the loader reads back from the file;
//   whenever that copy does not parse, the file is parsed exactly as it always was;
// - every pass over the bytes is SIMD, word-at-a-time or memchr; places are kept as numbers
//   and diagnostic text is only built when there is something to report.
#include "course/loader.h"

#include "course/internal/xml_syntax.h"

#include "os/files.h"
#include "text/unicode.h"

#include <tinyxml2.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <locale>
#include <map>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "course/internal/grammar.h"
#include "course/internal/validation.h"


namespace lectern {

namespace {

namespace fs = std::filesystem;
using tinyxml2::XMLDocument;
using tinyxml2::XMLElement;
using tinyxml2::XMLNode;
using tinyxml2::XMLText;

constexpr size_t kMaxIdLength = 64;

bool IsIdStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool IsIdChar(char c) {
    return IsIdStart(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool IsValidId(const std::string& id) {
    if (id.empty() || id.size() > kMaxIdLength || !IsIdStart(id[0])) return false;
    return std::all_of(id.begin(), id.end(), IsIdChar);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool Is(const char* a, const char* b) { return std::strcmp(a, b) == 0; }

// tinyxml2 9 drops text nodes that are only white space, which would glue "<em>a</em> <b>"
// together. Before parsing, a marker (U+E000, private use) goes in front of every such gap; it
// reads as white space everywhere below. Newlines are kept, so line numbers do not move.
constexpr char kGap[] = "\xEE\x80\x80";
constexpr size_t kGapLen = 3;

// A gap marker starts at p (and ends before `end`).
bool IsGap(const char* p, const char* end) {
    return end - p >= 3 && p[0] == kGap[0] && p[1] == kGap[1] && p[2] == kGap[2];
}

// Elements whose text children are only ever checked to be blank (NoText): the white space
// between their children needs no marker (it is the white space between blocks, list items,
// table rows, ... and most of the gaps in a course). Every other element keeps its markers:
// inline text, <image> (which must be empty), <intro> (inline in a quiz, blocks in a
// scenario), and anything unknown. Keep this in step with the Parse functions: an element
// whose text (or whose first child, of any kind) starts to matter must leave this list.
bool IsBlockContainer(std::string_view n) {
    switch (n.size()) {  // (by length first: this is asked at every gap)
        case 2: return n == "ul" || n == "ol" || n == "tr";
        case 4: return n == "page" || n == "pair" || n == "quiz" || n == "pool" || n == "node";
        case 5: return n == "table" || n == "group";
        case 6: return n == "course" || n == "module" || n == "lesson" || n == "ending";
        case 7: return n == "callout" || n == "debrief";
        case 8: return n == "question" || n == "scenario" || n == "glossary";
        case 10: return n == "objectives" || n == "references";
        case 11: return n == "facilitator";
        default: return false;
    }
}

bool IsAsciiNameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':'; }
struct NameChars {
    bool is[256] = {};
    constexpr NameChars() {
        for (int c = 0; c < 256; ++c)
            is[c] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
                    c == '.' || c == '-';
    }
};
constexpr NameChars kNameChars;
bool IsAsciiNameChar(char c) { return kNameChars.is[static_cast<unsigned char>(c)]; }

// Where a text node's text lies in the file (see Mark's tokens).
struct TextSpan {
    size_t begin, end;
};

// White space to tinyxml2 (isspace in the "C" locale): it drops text that is only this.
bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Writes `text` with the gap markers into `out` for tinyxml2.
//
// With `follow`, it follows the tags while they are plain (names, quoted attributes without '<'
// or '>', proper nesting, comments) to know which element each gap is in, and leaves out the
// markers that are not needed (see IsBlockContainer): those gaps reach tinyxml2 as their
// newlines only. With `tokens` as well, the text of every text node inside an element is
// left out too: tinyxml2 gets "\x01" in its place (with its newlines, before and after, so
// that lines still count), and the text's place in `text` goes into `spans`, in document
// order; the loader reads the text from there (XmlFile::TextOf). For that the caller checks
// that the file has no '&', CR or 0x01 (tinyxml2 would then pass the text through as it is).
// Text with a '>' in it keeps its marker rule and is not left out. The offset of every start
// tag goes into `tags` (and whether a comment holds a '<' into `lt_in_comment`).
//
// At the first thing it does not follow (CDATA, a processing instruction inside an element,
// an odd tag) it marks every gap from there on as it always has, after every '>', and
// returns false (its tokens are then not to be used). Without `follow`, that is the rule
// from the start.
bool Mark(const std::string& text, std::string& out, bool follow, bool tokens, std::vector<TextSpan>* spans,
          std::vector<size_t>* tags = nullptr, bool* lt_in_comment = nullptr) {
    out.clear();
    out.reserve(text.size() + text.size() / 16);
    if (spans) spans->clear();
    if (tags) tags->clear();
    if (lt_in_comment) *lt_in_comment = false;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* copied = begin;  // text before this is in `out`
    std::vector<std::string_view> open;
    // A '>' ends just before `after`: mark the gap that follows it, if there is one.
    auto gap = [&](const char* after, bool in_tag_structure) {
        const char* q = after;
        size_t newlines = 0;
        for (; q < end && IsSpace(*q); ++q) newlines += *q == '\n';
        if (q == after || q == end || *q != '<') return;
        // (A '<' that ends the file keeps its marker: tinyxml2 then reports the truncation on the
        // line of the white-space text, as it always has.)
        if (in_tag_structure && !open.empty() && IsBlockContainer(open.back()) && q + 1 < end) {
            // tinyxml2 skips this white space, counting lines: give it the newlines only.
            out.append(copied, static_cast<size_t>(after - copied));
            for (; newlines; --newlines) out.push_back('\n');
            copied = q;
            return;
        }
        out.append(copied, static_cast<size_t>(after - copied));
        out.append(kGap, kGapLen);
        copied = after;
    };
    // Every '>' in [p, stop): the rule for text, comments and whatever is not followed.
    auto mark_all = [&](const char* p, const char* stop) {
        while (p < stop) {
            const char* gt = static_cast<const char*>(std::memchr(p, '>', static_cast<size_t>(stop - p)));
            if (!gt) return false;
            gap(gt + 1, false);
            p = gt + 1;
        }
        return false;
    };
    auto newlines = [&](size_t k) {
        for (; k; --k) out.push_back('\n');
    };
    // The text [p, lt) of a text node inside an element, with no '>' in it: replaced by a
    // token, if tinyxml2 would make a node of it.
    auto token = [&](const char* p, const char* lt) {
        const char* first = p;  // its first byte that is not white space to tinyxml2
        size_t before = 0;
        for (; first < lt && IsXmlSpace(*first); ++first) before += *first == '\n';
        if (first == lt) return;  // only white space: tinyxml2 makes no node of it
        size_t after = 0;
        for (const char* c = first; c < lt; ++c, ++after) {
            c = static_cast<const char*>(std::memchr(c, '\n', static_cast<size_t>(lt - c)));
            if (!c) break;
        }
        out.append(copied, static_cast<size_t>(p - copied));
        newlines(before);
        out.push_back('\x01');
        newlines(after);
        copied = lt;
        spans->push_back({static_cast<size_t>(p - begin), static_cast<size_t>(lt - begin)});
    };
    const char* p = begin;
    bool followed = follow;
    while (followed && p < end) {
        const char* lt = static_cast<const char*>(std::memchr(p, '<', static_cast<size_t>(end - p)));
        const char* stop = lt ? lt : end;
        if (std::memchr(p, '>', static_cast<size_t>(stop - p))) mark_all(p, stop);  // a '>' in text
        else if (tokens && lt && !open.empty()) token(p, lt);
        if (!lt) {
            p = end;
            break;
        }
        p = lt;
        const char* q = lt + 1;
        if (q < end && *q == '/') {  // an end tag: </name>, the name of the open element
            const char* name = ++q;
            while (q < end && IsAsciiNameChar(*q)) ++q;
            std::string_view n(name, static_cast<size_t>(q - name));
            while (q < end && IsSpace(*q)) ++q;
            if (n.empty() || q == end || *q != '>' || open.empty() || open.back() != n) break;
            open.pop_back();
        } else if (end - q >= 3 && q[0] == '!' && q[1] == '-' && q[2] == '-') {  // <!-- ... -->
            const char* close = q + 3;
            while (close + 2 < end && !(close[0] == '-' && close[1] == '-' && close[2] == '>')) ++close;
            if (close + 2 >= end) break;
            if (lt_in_comment && std::memchr(lt + 4, '<', static_cast<size_t>(close - (lt + 4)))) *lt_in_comment = true;
            q = close + 2;
            mark_all(lt, q);  // a '>' inside the comment
        } else if (q < end && *q == '?' && open.empty()) {  // <?xml ...?> before the root
            const char* close = q + 1;
            while (close + 1 < end && !(close[0] == '?' && close[1] == '>') && *close != '<' && *close != '>') ++close;
            if (close + 1 >= end || close[0] != '?') break;
            q = close + 1;
        } else if (q < end && IsAsciiNameStart(*q)) {  // a start tag: <name attr="value" ...> or .../>
            const char* name = q;
            while (q < end && IsAsciiNameChar(*q)) ++q;
            std::string_view n(name, static_cast<size_t>(q - name));
            bool empty = false, plain = q < end && (IsSpace(*q) || *q == '>' || *q == '/');
            while (plain) {
                if (q == end || *q == '<') {
                    plain = false;
                } else if (*q == '>') {
                    break;
                } else if (*q == '/' && q + 1 < end && q[1] == '>') {
                    empty = true;
                    ++q;
                    break;
                } else if (*q == '"' || *q == '\'') {
                    const char quote = *q;
                    for (++q; q < end && *q != quote; ++q)
                        if (*q == '<' || *q == '>') plain = false;
                    if (q == end) plain = false;
                    else ++q;
                } else {
                    ++q;
                }
            }
            if (!plain) break;
            if (!empty) open.push_back(n);
            if (tags) tags->push_back(static_cast<size_t>(lt - begin));
        } else {  // <![CDATA[, <!DOCTYPE, a '<' that starts no tag
            break;
        }
        gap(q + 1, true);  // q is at the tag's '>'
        p = q + 1;
    }
    if (p < end) followed = false;
    mark_all(p, end);
    out.append(copied, static_cast<size_t>(end - copied));
    return followed;
}

// HTML-like white space: every run of spaces, tabs, newlines and gap markers becomes one space.
// Writes the collapsed form of [p, end) at `w`, which has room for end - p bytes (the result is
// never longer); returns the end of what was written.
char* CollapseTo(char* w, const char* p, const char* const end) {
    // Runs of white space are consumed whole and written as one space, so between runs the
    // text is copied as it is; a single ' ' between words is such a run already.
    auto run = [&] {  // at white space or a gap marker: consume the run, write one space
        while (p < end) {
            if (IsSpace(*p)) ++p;
            else if (IsGap(p, end)) p += kGapLen;
            else break;
        }
        *w++ = ' ';
    };
#if defined(__SSE2__)
    // Sixteen bytes at a time, copied with one store while they hold no tab, newline, CR or
    // 0xEE (where a gap marker may start) and no space followed by white space (or 0xEE).
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), lf = _mm_set1_epi8('\n'),
                  cr = _mm_set1_epi8('\r'), gap = _mm_set1_epi8(kGap[0]);
    auto other = [&](__m128i v) {  // tab, newline, CR, 0xEE
        return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, lf)),
                            _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, gap)));
    };
    while (end - p >= 17) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
        const __m128i spaces = _mm_cmpeq_epi8(v, space);
        const __m128i next_white = _mm_or_si128(_mm_cmpeq_epi8(next, space), other(next));
        const __m128i special = _mm_or_si128(other(v), _mm_and_si128(spaces, next_white));
        const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(special));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(w), v);  // room: w never runs ahead of p
        if (!mask) {
            w += 16;
            p += 16;
            continue;
        }
        const int plain = __builtin_ctz(mask);
        w += plain;
        p += plain;
        if (IsSpace(*p) || IsGap(p, end)) {
            run();
        } else {  // 0xEE that starts some other character
            *w++ = *p++;
        }
    }
#endif
    while (p < end) {
        if (IsSpace(*p) || IsGap(p, end)) {
            run();
        } else {
            *w++ = *p++;
        }
    }
    return w;
}

// Appends the collapsed form of `text` to `out` (short texts go through a buffer on the stack,
// so that `out` grows once, to the size it keeps).
void AppendCollapsed(std::string& out, std::string_view view) {
    const char* text = view.data();
    const size_t n = view.size();
    char buffer[2048];
    if (n <= sizeof buffer) {
        const char* end = CollapseTo(buffer, text, text + n);
        out.append(buffer, static_cast<size_t>(end - buffer));
        return;
    }
    const size_t base = out.size();
    out.resize(base + n);
    const char* end = CollapseTo(&out[base], text, text + n);
    out.resize(static_cast<size_t>(end - out.data()));
}

std::string CollapseSpace(std::string_view text) {
    std::string out;
    AppendCollapsed(out, text);
    return out;
}

// Nothing but white space and gap markers.
bool IsBlank(std::string_view view) {
    const char* const end = view.data() + view.size();
    for (const char* p = view.data(); p < end;) {
        if (IsSpace(*p)) {
            ++p;
        } else if (IsGap(p, end)) {
            p += kGapLen;
        } else {
            return false;
        }
    }
    return true;
}

std::string Trim(const std::string& s) {
    size_t a = 0, b = s.size();
    while (a < b && IsSpace(s[a])) ++a;
    while (b > a && IsSpace(s[b - 1])) --b;
    return s.substr(a, b - a);
}

// Trim(CollapseSpace(text)) without the copies: a collapsed string has at most one space at
// either end. A null attribute reads as empty.
std::string CollapseTrim(const char* text) {
    std::string out;
    if (!text) return out;
    AppendCollapsed(out, text);
    if (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

// Merge neighbouring runs of the same style and settle the spaces between them (in place).
void Normalize(Inline& runs) {
    size_t w = 0;
    for (size_t i = 0; i < runs.size(); ++i) {
        Run& r = runs[i];
        if (r.text.empty()) continue;
        if (w > 0) {
            Run& prev = runs[w - 1];
            if (!prev.text.empty() && prev.text.back() == ' ' && r.text.front() == ' ') r.text.erase(0, 1);
            if (r.text.empty()) continue;
            if (prev.kind == r.kind && prev.bold == r.bold && prev.italic == r.italic && prev.ref == r.ref) {
                prev.text += r.text;
                continue;
            }
        }
        if (w != i) runs[w] = std::move(r);
        ++w;
    }
    runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(w), runs.end());
    while (!runs.empty() && !runs.front().text.empty() && runs.front().text.front() == ' ') {
        runs.front().text.erase(0, 1);
        if (runs.front().text.empty()) runs.erase(runs.begin());
    }
    while (!runs.empty() && !runs.back().text.empty() && runs.back().text.back() == ' ') {
        runs.back().text.pop_back();
        if (runs.back().text.empty()) runs.pop_back();
    }
}
// ---- reading files -----------------------------------------------------------------------------

// Where course files come from: the disk (confined to the course and asset folders) or memory.
class FileSource {
public:
    virtual ~FileSource() = default;
    // Reads a course-relative path that has already passed CheckRelativePath.
    virtual bool Read(const std::string& rel, std::string* out, std::string* code, std::string* message) = 0;
    // The name diagnostics use for a course-relative path.
    virtual std::string Display(const std::string& rel) const = 0;
    // Finds an image in the asset folders; fills the absolute path.
    virtual bool FindImage(const std::string& rel, std::string* resolved, std::string* code,
                           std::string* message) = 0;
    virtual std::string RootDir() const = 0;
    virtual std::string AssetsDir() const = 0;
};

bool IsInside(const fs::path& root, const fs::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q) {
        if (r->empty()) continue;
        if (q == p.end() || *r != *q) return false;
    }
    return true;
}

class DiskSource : public FileSource {
public:
    DiskSource(fs::path root, std::string display_root, size_t max_bytes)
        : m_root(std::move(root)), m_display(std::move(display_root)), m_max_bytes(max_bytes) {
        std::error_code ec;
        m_root_canon = fs::canonical(m_root, ec);
        m_root_utf8 = os::Utf8(m_root_canon);
        // content/NAME pairs with assets/NAME (source tree and installed data folder alike).
        fs::path assets = m_root_canon.parent_path().parent_path() / "assets" / m_root_canon.filename();
        if (!ec && fs::is_directory(assets, ec)) m_assets_canon = fs::canonical(assets, ec);
        if (ec) m_assets_canon.clear();
    }

    // A name written in one Unicode form finds the file whose name on disk is in another
    // (SameNameOnDisk); that is looked for only once the name as written is not found.
    bool Read(const std::string& rel, std::string* out, std::string* code, std::string* message) override {
        if (ReadAsNamed(rel, out, code, message)) return true;
        if (*code != "file-not-found") return false;
        std::string on_disk = SameNameOnDisk(m_root_utf8, rel, message);
        if (on_disk.empty()) return false;
        return ReadAsNamed(on_disk, out, code, message);
    }

    // The quick way for the usual case: every folder on the way is a plain folder (not a link;
    // found once per load) and the file is a plain file, so the file cannot lead outside and
    // one lstat() gives its type and size. Anything else goes the careful way (ReadChecked).
    bool ReadAsNamed(const std::string& rel, std::string* out, std::string* code, std::string* message) {
        if (m_root_canon.empty() || !PlainFolders(rel)) return ReadChecked(rel, out, code, message);
        const std::string full = m_root_utf8 + "/" + rel;
        const os::FileInfo st = os::LinkStat(full);
        if (st.kind != os::FileKind::Regular) return ReadChecked(rel, out, code, message);
        const auto size = static_cast<std::uintmax_t>(st.size);
        if (size > m_max_bytes) {
            *code = "file-too-large";
            *message = "'" + rel + "' is " + std::to_string(size / (1024 * 1024)) +
                       " MiB; course files are limited to " + std::to_string(m_max_bytes / (1024 * 1024)) + " MiB";
            return false;
        }
        os::ReadOnlyFile file(full);
        if (!file.ok()) {
            *code = "file-unreadable";
            *message = "cannot open '" + rel + "' for reading";
            return false;
        }
        // The size just found, then on to the end, should the file have grown. (The buffer is
        // the thread's from file to file: some room to spare saves growing it for each
        // slightly bigger file.)
        if (out->capacity() < size + 1) out->reserve(static_cast<size_t>(size) + size / 4 + 4096);
        out->resize(static_cast<size_t>(size) + 1);
        size_t got = 0;
        bool failed = false;
        for (;;) {
            if (got == out->size()) out->resize(out->size() * 2);
            const int64_t n = file.Read(&(*out)[got], out->size() - got);
            if (n <= 0) {
                failed = n < 0;
                break;
            }
            got += static_cast<size_t>(n);
        }
        out->resize(got);
        if (failed) {
            *code = "file-unreadable";
            *message = "error while reading '" + rel + "'";
            return false;
        }
        return true;
    }

    bool ReadChecked(const std::string& rel, std::string* out, std::string* code, std::string* message) {
        std::error_code ec;
        fs::path full = m_root_canon / os::Path(rel);
        auto st = fs::status(full, ec);
        if (ec || !fs::exists(st)) {
            *code = "file-not-found";
            *message = "cannot find '" + rel + "' in the course folder";
            return false;
        }
        fs::path canon = fs::canonical(full, ec);
        if (ec || !IsInside(m_root_canon, canon)) {
            *code = "path-escapes";
            *message = "'" + rel + "' leads outside the course folder (through a link)";
            return false;
        }
        if (fs::is_directory(st)) {
            *code = "not-a-file";
            *message = "'" + rel + "' is a directory, not a file";
            return false;
        }
        if (!fs::is_regular_file(st)) {
            *code = "not-a-file";
            *message = "'" + rel + "' is not a regular file";
            return false;
        }
        auto size = fs::file_size(canon, ec);
        if (ec) size = 0;
        if (size > m_max_bytes) {
            *code = "file-too-large";
            *message = "'" + rel + "' is " + std::to_string(size / (1024 * 1024)) +
                       " MiB; course files are limited to " + std::to_string(m_max_bytes / (1024 * 1024)) + " MiB";
            return false;
        }
        std::ifstream in(canon, std::ios::binary);
        if (!in) {
            *code = "file-unreadable";
            *message = "cannot open '" + rel + "' for reading";
            return false;
        }
        // One read of the size just found; then whatever is left, should the file have grown.
        out->resize(static_cast<size_t>(size));
        in.read(out->data(), static_cast<std::streamsize>(size));
        out->resize(static_cast<size_t>(in.gcount()));
        if (in) out->append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad()) {
            *code = "file-unreadable";
            *message = "error while reading '" + rel + "'";
            return false;
        }
        return true;
    }

    std::string Display(const std::string& rel) const override {
        if (m_display.empty()) return rel;
        return m_display.back() == '/' ? m_display + rel : m_display + "/" + rel;
    }

    // Every image is looked up once per load (a course uses the same few many times); the
    // answer, found or not, is kept. Safe to call from several threads.
    bool FindImage(const std::string& rel, std::string* resolved, std::string* code,
                   std::string* message) override {
        std::lock_guard<std::mutex> lock(m_images_mutex);
        auto it = m_images.find(rel);
        if (it == m_images.end()) {
            ImageLookup found;
            found.ok = LookUpImage(rel, &found.resolved, &found.code, &found.message);
            it = m_images.emplace(rel, std::move(found)).first;
        }
        const ImageLookup& r = it->second;
        if (r.ok) {
            *resolved = r.resolved;
        } else {
            *code = r.code;
            *message = r.message;
        }
        return r.ok;
    }

    std::string RootDir() const override { return m_root_utf8; }
    std::string AssetsDir() const override { return os::Utf8(m_assets_canon); }

private:
    // The course text, and so every src, is NFC (ReadXml), but a file's name on disk may be in
    // another form: macOS writes names decomposed (NFD), and a course copied from there keeps
    // them. Linux and Windows compare names byte by byte, so "café.xml" would not find the
    // "cafe\u0301.xml" beside it. For each part of `rel` that is not on disk as written, the
    // folder's one name that is canonically equal (the same in NFC) is taken instead. Empty when
    // some part has no such name, or has two (which differ only in form: *message says so, naming
    // the folder, since picking one would be a guess).
    static std::string SameNameOnDisk(const std::string& root_utf8, const std::string& rel, std::string* message) {
        if (root_utf8.empty()) return {};
        std::string found;  // the parts of rel looked at so far, as they are named on disk
        bool changed = false;
        for (size_t start = 0; start <= rel.size();) {
            size_t slash = rel.find('/', start);
            std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
            const std::string folder = found.empty() ? root_utf8 : root_utf8 + "/" + found;
            if (!part.empty() && !os::LinkStat(folder + "/" + part).exists()) {
                const std::string want = unicode::Nfc(part);
                std::vector<std::string> same;
                for (const std::string& name : os::FolderEntries(folder)) {
                    if (unicode::Nfc(name) == want) same.push_back(name);
                }
                if (same.size() > 1) {
                    *message = "'" + rel + "': the folder '" + (found.empty() ? std::string(".") : found) + "' has " +
                               std::to_string(same.size()) + " files named '" + want +
                               "' that differ only in how their accents are encoded (Unicode normalization); "
                               "rename all but one";
                }
                if (same.size() != 1) return {};
                part = same.front();
                changed = true;
            }
            found += (found.empty() ? "" : "/") + part;
            if (slash == std::string::npos) break;
            start = slash + 1;
        }
        return changed ? found : std::string();
    }

    // Every folder `rel` goes through (not the last part) is a folder and not a link.
    bool PlainFolders(const std::string& rel) {
        for (size_t slash = rel.find('/'); slash != std::string::npos; slash = rel.find('/', slash + 1)) {
            const std::string folder = rel.substr(0, slash);
            std::lock_guard<std::mutex> lock(m_folders_mutex);
            auto it = m_folders.find(folder);
            if (it == m_folders.end()) {
                const bool plain = os::LinkStat(m_root_utf8 + "/" + folder).kind == os::FileKind::Folder;
                it = m_folders.emplace(folder, plain).first;
            }
            if (!it->second) return false;
        }
        return true;
    }

    struct ImageLookup {
        bool ok = false;
        std::string resolved, code, message;
    };

    bool LookUpImage(const std::string& rel, std::string* resolved, std::string* code, std::string* message) const {
        for (const fs::path& root : {m_root_canon, m_assets_canon}) {
            if (root.empty()) continue;
            std::error_code ec;
            fs::path full = root / os::Path(rel);
            if (!fs::exists(full, ec)) {
                std::string ambiguous;
                std::string on_disk = SameNameOnDisk(os::Utf8(root), rel, &ambiguous);
                if (!ambiguous.empty()) {
                    *code = "image-not-found";
                    *message = "image " + ambiguous;
                    return false;
                }
                if (on_disk.empty()) continue;
                full = root / os::Path(on_disk);
            }
            fs::path canon = fs::canonical(full, ec);
            if (ec || !IsInside(root, canon)) {
                *code = "path-escapes";
                *message = "image '" + rel + "' leads outside the course's asset folders (through a link)";
                return false;
            }
            if (!fs::is_regular_file(canon, ec)) {
                *code = "not-a-file";
                *message = "image '" + rel + "' is not a regular file";
                return false;
            }
            *resolved = os::Utf8(canon);
            return true;
        }
        *code = "image-not-found";
        *message = "image '" + rel + "' is not in the course folder" +
                   (m_assets_canon.empty() ? std::string() : " or in " + os::Utf8(m_assets_canon));
        return false;
    }

    fs::path m_root, m_root_canon, m_assets_canon;
    std::string m_root_utf8;  // m_root_canon as UTF-8, for building paths from course text
    std::string m_display;
    size_t m_max_bytes;
    std::mutex m_images_mutex;
    std::map<std::string, ImageLookup> m_images;
    std::mutex m_folders_mutex;
    std::map<std::string, bool> m_folders;  // course-relative folder -> a plain folder
};

class MemorySource : public FileSource {
public:
    explicit MemorySource(const std::map<std::string, std::string>& files) : m_files(files) {}
    bool Read(const std::string& rel, std::string* out, std::string* code, std::string* message) override {
        auto it = m_files.find(rel);
        if (it == m_files.end()) {
            *code = "file-not-found";
            *message = "cannot find '" + rel + "' in the course folder";
            return false;
        }
        *out = it->second;
        return true;
    }
    std::string Display(const std::string& rel) const override { return rel; }
    bool FindImage(const std::string& rel, std::string* resolved, std::string*, std::string*) override {
        *resolved = rel;
        return true;
    }
    std::string RootDir() const override { return {}; }
    std::string AssetsDir() const override { return {}; }

private:
    const std::map<std::string, std::string>& m_files;
};

// A relative path with '/' separators that cannot climb out: no '..', no absolute, no '\'.
bool CheckRelativePath(const std::string& p, std::string* why) {
    if (p.empty()) {
        *why = "the path is empty";
        return false;
    }
    if (p[0] == '/' || p.find(':') != std::string::npos) {
        *why = "the path '" + p + "' is absolute; use a path relative to the course folder";
        return false;
    }
    if (p.find('\\') != std::string::npos) {
        *why = "the path '" + p + "' uses '\\'; use '/' between folders";
        return false;
    }
    size_t start = 0;
    while (start <= p.size()) {
        size_t end = p.find('/', start);
        if (end == std::string::npos) end = p.size();
        std::string part = p.substr(start, end - start);
        if (part == "..") {
            *why = "the path '" + p + "' climbs out with '..'; it must stay inside the course's folders";
            return false;
        }
        if (part.empty() && end != p.size()) {
            *why = "the path '" + p + "' has an empty folder name";
            return false;
        }
        start = end + 1;
    }
    return true;
}

// ---- one parsed file ---------------------------------------------------------------------------
// ---- one parsed file ---------------------------------------------------------------------------

// A place in one of the files of a load, by file number (0: the root file; n: the n-th file it
// names), without a copy of the file's name: ids and references are counted in tens of
// thousands, and only a few of their places are ever reported.
struct Place {
    int file = 0;
    int line = 0;
    int col = 0;
};

struct XmlFile {
    int number = 0;  // see Place
    std::string display;
    std::string text;
    std::vector<size_t> line_starts;
    std::vector<TextSpan> spans;  // text left out of tinyxml2's copy (Mark), in document order
    XMLDocument doc{true, tinyxml2::PRESERVE_WHITESPACE};
    struct ColumnCache {
        size_t start = SIZE_MAX, offset = 0;
        int chars = 0;
    };
    mutable ColumnCache m_col_cache;  // see CharColumn

    // Gives each text node that stands in for a span (its text is 0x01 between newlines) its
    // span number, plus one, as user data; and, given `tags` (the start tags Mark saw, in
    // order), each element its offset as IndexColumns would (see Open for when). False if
    // they do not pair up one to one (not expected).
    bool AssignFromMark(const std::vector<size_t>* tags) {
        size_t k = 0, e = 0;
        for (XMLNode* n = doc.FirstChild(); n;) {
            if (XMLText* t = n->ToText()) {
                t->SetUserData(nullptr);
                const char* v = t->Value();
                while (*v == '\n') ++v;
                if (*v == '\x01') {
                    if (k == spans.size()) return false;
                    t->SetUserData(reinterpret_cast<void*>(static_cast<uintptr_t>(++k)));
                }
            } else if (tags) {
                if (XMLElement* el = n->ToElement()) {
                    if (e == tags->size()) return false;
                    el->SetUserData(reinterpret_cast<void*>(static_cast<uintptr_t>((*tags)[e++] + 1)));
                }
            }
            if (XMLNode* c = n->FirstChild()) {
                n = c;
                continue;
            }
            while (n && !n->NextSibling()) n = n->Parent() == &doc ? nullptr : n->Parent();
            if (n) n = n->NextSibling();
        }
        return k == spans.size() && (!tags || e == tags->size());
    }

    // A text node's text, as tinyxml2's Value() gives it.
    std::string_view TextOf(const XMLText* t) const {
        if (const auto k = static_cast<size_t>(reinterpret_cast<uintptr_t>(t->GetUserData()))) {
            const TextSpan& s = spans[k - 1];
            return std::string_view(text.data() + s.begin, s.end - s.begin);
        }
        return t->Value();
    }

    // tinyxml2's GetText() (the first child that is not a comment, if it is text), through TextOf.
    const XMLText* FirstText(const XMLElement* e) const {
        const XMLNode* n = e->FirstChild();
        while (n && n->ToComment()) n = n->NextSibling();
        return n ? n->ToText() : nullptr;
    }

    void IndexLines() {
        line_starts.assign(1, 0);
        const char* const begin = text.data();
        const char* const end = begin + text.size();
        for (const char* p = begin; p < end;) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
            if (!nl) break;
            p = nl + 1;
            line_starts.push_back(static_cast<size_t>(p - begin));
        }
    }

    // tinyxml2 gives lines only; find each element's column by locating its start tag on its
    // line, in document order (the k-th '<name' on a line is the k-th such element there).
    // The byte offset of each element's '<', plus one, goes in its user data (0: not found).
    void IndexColumns() {
        // Elements come in document order, so their lines never decrease: only the cursors of
        // the current line are needed.
        struct Cursor {
            const char* name;
            size_t len;
            size_t next;
        };
        std::vector<Cursor> cursors;
        int current = 0;
        XMLElement* const root = doc.RootElement();
        for (XMLElement* e = root; e;) {
            const int line = e->GetLineNum();
            if (line < current) {  // never happens with tinyxml2 9; if it did, index the slow way
                IndexColumnsByMap();
                return;
            }
            if (line != current) {
                cursors.clear();
                current = line;
            }
            const char* name = e->Name();
            const size_t len = std::strlen(name);
            Cursor* cursor = nullptr;
            for (auto& c : cursors)
                if (c.len == len && std::memcmp(c.name, name, len) == 0) cursor = &c;
            const size_t found = FindStartTag(name, len, cursor ? cursor->next : LineStart(line));
            if (found != std::string::npos) {
                e->SetUserData(reinterpret_cast<void*>(static_cast<uintptr_t>(found + 1)));
                if (cursor) cursor->next = found + 1;
                else cursors.push_back({name, len, found + 1});
            }
            e = NextInDocument(e, root);
        }
    }

    static XMLElement* NextInDocument(XMLElement* e, const XMLElement* root) {
        if (XMLElement* c = e->FirstChildElement()) return c;
        for (; e && e != root; e = e->Parent() ? e->Parent()->ToElement() : nullptr)
            if (XMLElement* s = e->NextSiblingElement()) return s;
        return nullptr;
    }

    // The original form of IndexColumns, kept for element lines that go backwards.
    void IndexColumnsByMap() {
        std::map<std::pair<int, std::string>, size_t> cursor;
        XMLElement* const root = doc.RootElement();
        for (XMLElement* e = root; e; e = NextInDocument(e, root)) e->SetUserData(nullptr);
        for (XMLElement* e = root; e; e = NextInDocument(e, root)) {
            int line = e->GetLineNum();
            auto key = std::make_pair(line, std::string(e->Name()));
            auto it = cursor.find(key);
            size_t found = FindStartTag(e->Name(), key.second.size(), it != cursor.end() ? it->second : LineStart(line));
            if (found != std::string::npos) {
                e->SetUserData(reinterpret_cast<void*>(static_cast<uintptr_t>(found + 1)));
                cursor[key] = found + 1;
            }
        }
    }

    // The first "<name" at or after `from` followed by white space, '>', '/' or the end.
    size_t FindStartTag(const char* name, size_t len, size_t from) const {
        const char* const begin = text.data();
        const char* const end = begin + text.size();
        for (const char* p = begin + std::min(from, text.size()); p < end; ++p) {
            p = static_cast<const char*>(std::memchr(p, '<', static_cast<size_t>(end - p)));
            if (!p) break;
            if (static_cast<size_t>(end - p - 1) < len || std::memcmp(p + 1, name, len) != 0) continue;
            const char after = p + 1 + len < end ? p[1 + len] : '>';
            if (IsSpace(after) || after == '>' || after == '/') return static_cast<size_t>(p - begin);
        }
        return std::string::npos;
    }

    static size_t OffsetPlusOne(const XMLElement* e) {
        return static_cast<size_t>(reinterpret_cast<uintptr_t>(e->GetUserData()));
    }

    size_t LineStart(int line) const {
        if (line < 1) return 0;
        size_t i = static_cast<size_t>(line - 1);
        return i < line_starts.size() ? line_starts[i] : text.size();
    }

    // The column of `offset` on the line starting at `start`, in characters (UTF-8 sequences), as
    // an editor counts them. Places are asked for in document order, so the count goes on from the
    // last one when it can: a file of one long line costs one pass, not one per place.
    int CharColumn(size_t start, size_t offset) const {
        size_t from = start;
        int chars = 0;
        if (m_col_cache.start == start && m_col_cache.offset <= offset) {
            from = m_col_cache.offset;
            chars = m_col_cache.chars;
        }
        for (size_t i = from; i < offset && i < text.size(); ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
        m_col_cache = {start, offset, chars};
        return chars + 1;
    }

    Place PlaceAtOffset(size_t offset) const {
        auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
        int line = static_cast<int>(it - line_starts.begin());
        return {number, line, CharColumn(line_starts[static_cast<size_t>(line - 1)], offset)};
    }

    // Same, when the offset is probably on `line` (tinyxml2's line of the element).
    Place PlaceAtOffset(size_t offset, int line) const {
        const size_t i = static_cast<size_t>(line - 1);
        if (line >= 1 && i < line_starts.size() && line_starts[i] <= offset &&
            (i + 1 == line_starts.size() || offset < line_starts[i + 1]))
            return {number, line, CharColumn(line_starts[i], offset)};
        return PlaceAtOffset(offset);
    }

    SourceLoc LocOf(const Place& p) const { return {display, p.line, p.col}; }
    SourceLoc LocAtOffset(size_t offset) const { return LocOf(PlaceAtOffset(offset)); }
    SourceLoc Loc(const XMLElement* e) const { return LocOf(PlaceOf(e)); }
    SourceLoc AttrLoc(const XMLElement* e, const char* attr) const { return LocOf(AttrPlace(e, attr)); }

    Place PlaceOf(const XMLElement* e) const {
        const size_t at = OffsetPlusOne(e);
        if (at) return PlaceAtOffset(at - 1, e->GetLineNum());
        return {number, e->GetLineNum(), 0};
    }

    Place AttrPlace(const XMLElement* e, const char* attr) const {
        const size_t at = OffsetPlusOne(e);
        if (!at) return PlaceOf(e);
        // Look for `attr` then '=' inside the start tag (up to its first '>').
        const char* const begin = text.data();
        const char* const text_end = begin + text.size();
        const char* const start = begin + (at - 1);
        const char* gt = static_cast<const char*>(std::memchr(start, '>', static_cast<size_t>(text_end - start)));
        const char* const end = gt ? gt : text_end;
        const size_t len = std::strlen(attr);
        for (const char* p = start; static_cast<size_t>(end - p) >= len;) {
            // (a start tag is short: memchr and memcmp, not memmem and its set-up)
            p = static_cast<const char*>(std::memchr(p, attr[0], static_cast<size_t>(end - p) - len + 1));
            if (!p) break;
            if (std::memcmp(p, attr, len) != 0) {
                ++p;
                continue;
            }
            const char* q = p + len;
            while (q < text_end && IsSpace(*q)) ++q;
            if (IsSpace(p[-1]) && q < text_end && *q == '=') return PlaceAtOffset(static_cast<size_t>(p - begin), e->GetLineNum());
            ++p;
        }
        return PlaceOf(e);
    }
};

// Byte-level checks, before any XML parsing: each failure is one clear message.
bool CheckBytes(XmlFile& f, Diagnostics& d) {
    const std::string& t = f.text;
    SourceLoc start{f.display, 1, 1};
    if (std::all_of(t.begin(), t.end(), IsSpace)) {
        d.Error(start, "empty-file", "the file is empty");
        return false;
    }
    auto starts = [&](const char* bom, size_t n) { return t.size() >= n && std::memcmp(t.data(), bom, n) == 0; };
    if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2) ||
        (t.size() >= 2 && ((t[0] == '<' && t[1] == '\0') || (t[0] == '\0' && t[1] == '<')))) {
        d.Error(start, "not-utf8", "the file is UTF-16 encoded; save it as UTF-8");
        return false;
    }
    size_t i = starts("\xEF\xBB\xBF", 3) ? 3 : 0;
    f.IndexLines();
    const unsigned char* const s = reinterpret_cast<const unsigned char*>(t.data());
    const size_t size = t.size();
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    while (i < size) {
        // Sixteen (or eight) bytes at a time while they are ASCII and not NUL (almost all of a course).
#if defined(__SSE2__)
        while (i + 16 <= size) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
            if (_mm_movemask_epi8(_mm_or_si128(v, _mm_cmpeq_epi8(v, _mm_setzero_si128())))) break;
            i += 16;
        }
#endif
        while (i + 8 <= size) {
            uint64_t v;
            std::memcpy(&v, s + i, 8);
            if ((v & kHighs) || ((v - kOnes) & ~v & kHighs)) break;
            i += 8;
        }
        if (i >= size) break;
        unsigned char c = s[i];
        if (c == 0) {
            d.Error(f.LocAtOffset(i), "nul-byte", "the file contains a NUL byte; is it a binary file?");
            return false;
        }
        size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = n > 0 && i + n <= size;
        uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; ok && k < n; ++k) {
            unsigned char cc = s[i + k];
            ok = (cc & 0xC0) == 0x80;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Reject overlong forms, surrogates and code points past U+10FFFF.
        if (ok) ok = !((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
                       (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF);
        if (!ok) {
            d.Error(f.LocAtOffset(i), "not-utf8", "the file is not valid UTF-8 (bad byte 0x" +
                                                      std::string(1, "0123456789ABCDEF"[c >> 4]) +
                                                      std::string(1, "0123456789ABCDEF"[c & 15]) + ")");
            return false;
        }
        i += n;
    }
    // No document type declarations: they are where entity expansion and external entities live.
    // The first "<!DOCTYPE" is at the first '!' (a rare byte) that has '<' before and "DOCTYPE" after.
    for (const char* bang = static_cast<const char*>(std::memchr(t.data(), '!', size)); bang;
         bang = static_cast<const char*>(std::memchr(bang + 1, '!', size - static_cast<size_t>(bang + 1 - t.data())))) {
        const size_t at = static_cast<size_t>(bang - t.data());
        if (at == 0 || t[at - 1] != '<' || t.compare(at + 1, 7, "DOCTYPE") != 0) continue;
        d.Error(f.LocAtOffset(at - 1), "doctype-forbidden",
                "document type declarations (<!DOCTYPE ...>) are not allowed: no DTDs, no entities");
        return false;
    }
    // Only the five predefined entities and character references are known. A name is what
    // lies between '&' and a ';' at most 32 bytes on; with no such ';' there is no name.
    for (const char* amp = static_cast<const char*>(std::memchr(t.data(), '&', size)); amp;
         amp = static_cast<const char*>(std::memchr(amp + 1, '&', size - static_cast<size_t>(amp + 1 - t.data())))) {
        const size_t pos = static_cast<size_t>(amp - t.data());
        const void* semi = std::memchr(amp, ';', std::min<size_t>(33, size - pos));
        std::string_view name = semi ? std::string_view(amp + 1, static_cast<size_t>(static_cast<const char*>(semi) - amp - 1))
                                     : std::string_view();
        bool char_ref = !name.empty() && name[0] == '#';
        bool known = name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos";
        if (!char_ref && !known) {
            // A bare '&' is a syntax error tinyxml2 reports too; a named entity is ours to explain.
            d.Error(f.LocAtOffset(pos), "undefined-entity",
                    name.empty() ? "'&' must be written as '&amp;'"
                                 : "unknown entity '&" + std::string(name) + ";' (only &lt; &gt; &amp; &quot; &apos; exist)");
            return false;
        }
    }
    // Course text enters in NFC, so an accent typed as a combining mark is the same text as the
    // precomposed letter everywhere after (search, grading, fonts, the HTML edition). Markup is
    // ASCII, which NFC leaves alone; columns on a line that had decomposed letters shift left.
    if (std::any_of(t.begin(), t.end(), [](char c) { return (c & 0x80) != 0; })) {
        std::string nfc = unicode::Nfc(t);
        if (nfc != t) {
            f.text = std::move(nfc);
            f.IndexLines();
        }
    }
    return true;
}
std::string XmlErrorText(const XMLDocument& doc) {
    std::string detail = doc.ErrorStr() ? doc.ErrorStr() : "";
    size_t colon = detail.find(": ");
    if (detail.rfind("Error=", 0) == 0 && colon != std::string::npos) detail = detail.substr(colon + 2);
    std::string what;
    switch (doc.ErrorID()) {
        case tinyxml2::XML_ERROR_MISMATCHED_ELEMENT: what = "mismatched end tag"; break;
        case tinyxml2::XML_ELEMENT_DEPTH_EXCEEDED: what = "elements are nested too deeply (over 100 levels)"; break;
        case tinyxml2::XML_ERROR_EMPTY_DOCUMENT: what = "the file has no root element"; break;
        case tinyxml2::XML_ERROR_PARSING_ATTRIBUTE: what = "malformed attribute"; break;
        case tinyxml2::XML_ERROR_PARSING_ELEMENT: what = "malformed or unclosed element (is the file truncated?)"; break;
        case tinyxml2::XML_ERROR_PARSING_TEXT: what = "malformed text"; break;
        case tinyxml2::XML_ERROR_PARSING_COMMENT: what = "malformed comment"; break;
        case tinyxml2::XML_ERROR_PARSING_CDATA: what = "malformed CDATA section"; break;
        default: what = "XML syntax error"; break;
    }
    if (!detail.empty() && detail.size() < 200) what += " (" + detail + ")";
    return what;
}

// ---- the loader --------------------------------------------------------------------------------

enum class IdSpace { Item, Term, Reference };

// A few element names (children to leave for the caller).
using Names = std::initializer_list<const char*>;
bool Contains(Names names, const char* name) {
    return std::any_of(names.begin(), names.end(), [&](const char* n) { return Is(n, name); });
}

enum BlockSet : unsigned {
    kBasic = 1,           // p, ul, ol, quote
    kRich = 2,            // heading, callout, table, image
    kInteractive = 4,     // question, scenario
    kFacilitatorBlock = 8,
};
constexpr unsigned kPageBlocks = kBasic | kRich | kInteractive | kFacilitatorBlock;
constexpr unsigned kNoteBlocks = kBasic | kRich;
constexpr unsigned kCalloutBlocks = kBasic;

size_t HashId(const std::string& id) { return std::hash<std::string>{}(id); }

struct PendingRef {
    IdSpace space;
    std::string id;
    Place place;
    size_t hash;  // HashId(id), worked out where the reference was found
};

// Ids are unique across the course. The main thread checks them on the spot; a file parsed on
// a worker thread records its claims, and the main thread checks them when it takes in that
// file, in course order, at the same place among the file's diagnostics.
struct IdClaim {
    IdSpace space;
    std::string id;
    Place place;
    size_t before;  // how many of the file's diagnostics were reported before this claim
    size_t hash;    // HashId(id)
};

// The ids of one space: an open-addressing table of (hash, id, place) whose ids stay where
// they are (in the claims of the jobs, or in the loader's own list), so that tens of
// thousands of ids cost no allocation each, and lookups use the hash worked out in the jobs.
class IdTable {
public:
    struct Entry {
        size_t hash = 0;
        const std::string* id = nullptr;  // null: free
        Place place;
    };

    // The entry for `id`: the one already there, or a new one with `place` (then `added`).
    const Entry& Insert(size_t hash, const std::string* id, const Place& place, bool* added) {
        if ((m_count + 1) * 2 > m_slots.size()) Grow();
        Entry& e = Slot(hash, *id);
        *added = e.id == nullptr;
        if (*added) {
            e = {hash, id, place};
            ++m_count;
        }
        return e;
    }

    bool Contains(size_t hash, const std::string& id) const {
        if (m_slots.empty()) return false;
        const size_t mask = m_slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            const Entry& e = m_slots[i];
            if (!e.id) return false;
            if (e.hash == hash && *e.id == id) return true;
        }
    }

private:
    Entry& Slot(size_t hash, const std::string& id) {
        const size_t mask = m_slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Entry& e = m_slots[i];
            if (!e.id || (e.hash == hash && *e.id == id)) return e;
        }
    }

    void Grow() {
        std::vector<Entry> old = std::move(m_slots);
        m_slots.assign(std::max<size_t>(64, old.size() * 2), Entry{});
        for (const Entry& e : old)
            if (e.id) Slot(e.hash, *e.id) = e;
    }

    std::vector<Entry> m_slots;  // a power of two in size, at most half full
    size_t m_count = 0;
};

// One file named by course.xml (a module, the assessment, the glossary or the references).
// Files are independent, so they are read, checked, parsed and (modules and the assessment)
// turned into the model on worker threads; the main thread then takes the results in the
// order course.xml names them, so diagnostics and model come out as a one-thread load's.
// Buffers one thread reuses from file to file (a file's text and its marked copy), so that
// reading a file does not ask for fresh memory each time.
struct Scratch {
    std::string text, marked;
};

struct FileJob {
    enum class Kind { Module, Assessment, Glossary, References };
    Kind kind = Kind::Module;
    const char* root_name = "";
    const XMLElement* include = nullptr;  // the element in course.xml
    std::string src;
    SourceLoc at;  // where course.xml names the file (read errors are reported there)
    std::string display;  // the file's name in diagnostics
    int number = 0;       // its number in a Place

    Diagnostics diagnostics;
    std::vector<PendingRef> refs;
    std::vector<IdClaim> claims;
    bool parsed = false;            // read, well formed and with the right root element
    std::unique_ptr<XmlFile> file;  // Glossary, References: parsed on the main thread (ids decide)
    Module module;
    std::shared_ptr<Quiz> quiz;
    std::exception_ptr error;
    std::atomic<bool> done{false};  // all of the above is filled in
};

class Loader {
public:
    // The loader of course.xml: owns the course, checks ids on the spot.
    Loader(FileSource& source, Diagnostics& d)
        : m_src(source), m_d(d), m_refs(&m_own_refs.emplace_back()), m_ids(m_own_ids), m_claims(nullptr) {
        m_ref_lists.push_back(m_refs);
    }
    // A loader for one file on a worker thread: everything it finds goes into `job`.
    Loader(FileSource& source, FileJob& job)
        : m_src(source), m_d(job.diagnostics), m_refs(&job.refs), m_ids(m_own_ids), m_claims(&job.claims) {}

    std::shared_ptr<Course> Run(const std::string& course_file);
    static void RunJob(FileSource& source, FileJob& job, Scratch* scratch = nullptr);

private:
    std::unique_ptr<XmlFile> Open(const std::string& rel, const SourceLoc& from, Scratch* scratch = nullptr);
    bool CheckRoot(const XmlFile& sub, const std::string& src, const char* root_name);
    // The grammar (course/internal/grammar.h): each element's children in order and number, attribute
    // values with a shape, and nothing after the root element. One walk, before the model.
    void CheckStructure(const XmlFile& f);
    void CheckChildren(const XmlFile& f, const XMLElement* e, const grammar::Rule& rule);

    // Reports unknown attributes and missing required ones; returns false when one is missing.
    bool Attributes(const XmlFile& f, const XMLElement* e, std::initializer_list<const char*> required,
                    std::initializer_list<const char*> optional);
    std::string Attr(const XMLElement* e, const char* name) const {
        const char* v = e->Attribute(name);
        return v ? v : "";
    }
    bool Id(const XmlFile& f, const XMLElement* e, IdSpace space, std::string* out, const char* attr = "id");
    int IntAttr(const XmlFile& f, const XMLElement* e, const char* name, int fallback, int lo, int hi);
    bool BoolAttr(const XmlFile& f, const XMLElement* e, const char* name, bool fallback);
    template <typename T>
    T EnumAttr(const XmlFile& f, const XMLElement* e, const char* name, T fallback,
               std::initializer_list<std::pair<const char*, T>> values);
    void Unknown(const XmlFile& f, const XMLElement* e, const char* parent, const char* expected);
    void NoText(const XmlFile& f, const XMLNode* n, const char* parent);

    std::string PlainTextOf(const XmlFile& f, const XMLElement* e);
    void InlineInto(const XmlFile& f, const XMLElement* e, Inline& out, bool bold, bool italic, bool links,
                    Names stop);
    Inline InlineOf(const XmlFile& f, const XMLElement* e, Names stop = {});

    void BlocksInto(const XmlFile& f, const XMLElement* parent, Blocks& out, unsigned allowed,
                    Names stop = {});
    bool ParseBlock(const XmlFile& f, const XMLElement* e, Blocks& out, unsigned allowed);
    void ParseTable(const XmlFile& f, const XMLElement* e, Block& b);
    void ParseImage(const XmlFile& f, const XMLElement* e, Block& b);
    std::shared_ptr<Question> ParseQuestion(const XmlFile& f, const XMLElement* e);
    std::shared_ptr<Quiz> ParseQuiz(const XmlFile& f, const XMLElement* e);
    std::shared_ptr<Scenario> ParseScenario(const XmlFile& f, const XMLElement* e);
    Module ParseModule(const XmlFile& f, const XMLElement* e);
    void ParseLesson(const XmlFile& f, const XMLElement* e, Module& m);
    void ParseGlossary(const XmlFile& f, const XMLElement* e);
    void ParseReferences(const XmlFile& f, const XMLElement* e);
    void ParseReference(const XmlFile& f, const XMLElement* e, const std::string& group);
    bool Include(const XmlFile& f, const XMLElement* e, FileJob::Kind kind);
    void PlanJobs(const XmlFile& f, const XMLElement* course);
    FileJob* AddJob(FileJob::Kind kind, const XMLElement* include, const std::string& src, const SourceLoc& at,
                    std::vector<std::unique_ptr<FileJob>>& jobs);
    void StartJobs();
    void WaitFor(FileJob& job);
    void Finished(FileJob& job);
    void StopJobs();
    void Merge(FileJob& job);
    bool Claim(IdSpace space, const std::string& id, const Place& place, size_t hash);
    SourceLoc LocOf(const Place& p) const {
        const size_t n = static_cast<size_t>(p.file - 1);
        return {p.file == 0 ? m_root_display : n < m_jobs.size() ? m_jobs[n]->display : m_extra_jobs[n - m_jobs.size()]->display,
                p.line, p.col};
    }

    void Resolve();
    void BuildMaps();
    void ResolveAndIndex();

    // References in course order: the main thread's own lists between the jobs' lists (a job's
    // list is read where it is, not copied).
    std::deque<std::vector<PendingRef>> m_own_refs;
    std::vector<const std::vector<PendingRef>*> m_ref_lists;
    std::vector<const PendingRef*> m_links;  // links to ids that exist (Resolve -> ResolveAndIndex)
    IdTable m_own_ids[3];
    std::deque<std::string> m_own_id_names;  // the ids this thread claims itself
    FileSource& m_src;
    Diagnostics& m_d;
    std::vector<PendingRef>* m_refs;  // where references found in this thread's file go
    IdTable (&m_ids)[3];
    std::vector<IdClaim>* m_claims;  // set on a worker thread: ids are recorded, not checked
    std::shared_ptr<Course> m_course;
    std::set<std::string> m_included;
    std::string m_root_display;
    std::vector<std::unique_ptr<FileJob>> m_jobs;        // planned, in the order course.xml names them
    std::vector<std::unique_ptr<FileJob>> m_extra_jobs;  // not planned (not expected), run on the spot
    size_t m_next_job = 0;                               // the next planned job Include takes in
    // Jobs run on helper threads and, while it waits for the one it needs, on this thread.
    std::atomic<size_t> m_next_run{0};
    std::mutex m_done_mutex;
    std::condition_variable m_done;
    Scratch m_scratch;
    std::vector<std::thread> m_threads;  // last: stopped and joined before the rest goes

public:
    ~Loader() { StopJobs(); }
};

// Where an included file's root element is not the one expected.
bool Loader::CheckRoot(const XmlFile& sub, const std::string& src, const char* root_name) {
    const XMLElement* root = sub.doc.RootElement();
    if (!root || std::strcmp(root->Name(), root_name) != 0) {
        m_d.Error(root ? sub.Loc(root) : SourceLoc{sub.display, 1, 1}, "wrong-root",
                  std::string("'") + src + "' must have <" + root_name + "> as its root element" +
                      (root ? std::string(", not <") + root->Name() + ">" : std::string()));
        return false;
    }
    return true;
}

std::unique_ptr<XmlFile> Loader::Open(const std::string& rel, const SourceLoc& from, Scratch* scratch) {
    auto f = std::make_unique<XmlFile>();
    f->display = m_src.Display(rel);
    if (scratch) f->text = std::move(scratch->text);  // its room, from the thread's last file
    std::string code, message;
    if (!m_src.Read(rel, &f->text, &code, &message)) {
        // The file itself cannot be read: report it where it was named (or at the file for the root).
        m_d.Error(from.file.empty() ? SourceLoc{f->display, 0, 0} : from, code, message);
        return nullptr;
    }
    if (!CheckBytes(*f, m_d)) return nullptr;
    std::string local;
    std::string& marked = scratch ? scratch->marked : local;
    // With the stand-ins, when the whole file was followed and no comment holds a '<', the
    // start tags Mark saw are the ones IndexColumns would find, one for one (no other '<name'
    // can be on a line): their offsets are given to the elements as they come.
    std::vector<size_t> tags;
    bool columns = false;
    auto parse = [&](bool follow, bool tokens) {
        if (!tokens) f->spans.clear();
        bool lt_in_comment = false;
        const bool followed = Mark(f->text, marked, follow, tokens, tokens ? &f->spans : nullptr,
                                   tokens ? &tags : nullptr, &lt_in_comment);
        if (tokens && !followed) return false;
        if (f->doc.Parse(marked.c_str(), marked.size()) != tinyxml2::XML_SUCCESS) return false;
        if (!tokens) return true;
        const XMLElement* root = f->doc.RootElement();
        columns = !lt_in_comment && root && !root->NextSiblingElement();
        return f->AssignFromMark(columns ? &tags : nullptr);
    };
    // Text left out of tinyxml2's copy when tinyxml2 would keep it as it is (no entity, no CR),
    // and 0x01 is free to stand in for it; blank gaps left out; and should that parse fail,
    // the file is parsed as it always was, so that errors are tinyxml2's own, word for word.
    const char* t = f->text.data();
    const size_t n = f->text.size();
    const bool tokens = !std::memchr(t, '&', n) && !std::memchr(t, '\r', n) && !std::memchr(t, '\x01', n);
    if (!(tokens && parse(true, true))) {
        columns = false;
        if (!parse(true, false) && !parse(false, false)) {
            // In plain words, at the line and column, when the scanner finds the fault; else
            // tinyxml2's own report (its line only).
            if (auto e = FindXmlSyntaxError(f->text)) m_d.Error({f->display, e->line, e->col}, "xml-syntax", e->message);
            else m_d.Error({f->display, std::max(1, f->doc.ErrorLineNum()), 0}, "xml-syntax", XmlErrorText(f->doc));
            return nullptr;
        }
    }
    if (!columns) f->IndexColumns();
    CheckStructure(*f);
    return f;
}

void Loader::CheckStructure(const XmlFile& f) {
    const XMLElement* root = f.doc.RootElement();
    if (!root) return;
    for (const XMLNode* n = root->NextSibling(); n; n = n->NextSibling()) {
        const XMLText* t = n->ToText();
        if (n->ToElement() || (t && !IsBlank(f.TextOf(t)))) {
            m_d.Error(n->ToElement() ? f.Loc(n->ToElement()) : SourceLoc{f.display, n->GetLineNum(), 0}, "xml-syntax",
                      std::string("nothing may follow the root element <") + root->Name() + "> (a file holds one)");
            break;
        }
    }
    std::vector<const XMLElement*> todo{root};
    while (!todo.empty()) {
        const XMLElement* e = todo.back();
        todo.pop_back();
        const XMLElement* up = e->Parent() ? e->Parent()->ToElement() : nullptr;
        if (const grammar::Rule* rule = grammar::FindRule(up ? up->Name() : "", e->Name())) CheckChildren(f, e, *rule);
        for (const grammar::ValueRule& v : grammar::ValueRules()) {
            if (std::strcmp(v.element, e->Name()) != 0) continue;
            const char* value = e->Attribute(v.attribute);
            if (!value || grammar::HasShape(value, v.shape)) continue;
            if (v.shape == grammar::ValueShape::LanguageTag)
                m_d.Error(f.AttrLoc(e, v.attribute), "bad-value",
                          std::string("'") + value + "' is not a language tag such as en, en-GB or pt-BR (letters, then parts after '-')");
            else
                m_d.Error(f.AttrLoc(e, v.attribute), "bad-value",
                          std::string("<") + e->Name() + "> " + v.attribute + " is blank: write some text");
        }
        for (const XMLElement* c = e->LastChildElement(); c; c = c->PreviousSiblingElement()) todo.push_back(c);
    }
}

namespace {
std::string NamesText(const char* names, const char* joiner) {
    std::string out, all = names;
    size_t start = 0;
    while (start <= all.size()) {
        size_t space = all.find(' ', start);
        if (space == std::string::npos) space = all.size();
        out += (out.empty() ? "<" : joiner + std::string("<")) + all.substr(start, space - start) + ">";
        start = space + 1;
    }
    return out;
}
}  // namespace

void Loader::CheckChildren(const XmlFile& f, const XMLElement* e, const grammar::Rule& rule) {
    const auto& slots = rule.slots;
    std::vector<int> counts(slots.size(), 0);
    std::vector<std::vector<std::string_view>> seen(slots.size());
    const std::string parent = std::string("<") + e->Name() + ">";
    auto too_few = [&](size_t k) {
        const grammar::Slot& s = slots[k];
        bool missing = counts[k] < s.min;
        if (s.each_required)
            for (std::string_view all = s.names; !all.empty();) {
                size_t space = all.find(' ');
                std::string_view name = all.substr(0, space);
                if (std::find(seen[k].begin(), seen[k].end(), name) == seen[k].end()) missing = true;
                all = space == std::string_view::npos ? std::string_view() : all.substr(space + 1);
            }
        if (!missing) return;
        std::string names = NamesText(s.names, " or ");
        m_d.Error(f.Loc(e), "missing-element",
                  s.too_few ? std::string(s.too_few)
                  : s.min == 1 && s.max == 1 ? parent + " needs a " + names
                  : s.min == 1 ? parent + " needs at least one " + names
                               : parent + " needs at least " + std::to_string(s.min) + " of " + names);
    };
    size_t at = 0;
    const char* previous = nullptr;
    for (const XMLElement* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
        const char* name = c->Name();
        size_t k = at;
        while (k < slots.size() && !grammar::NameIn(name, slots[k].names)) ++k;
        if (k == slots.size()) {
            // In an earlier run of the model (out of order, or one too many), or in none: the
            // loader reports those as unknown where it reads them.
            for (size_t j = 0; j < at; ++j) {
                if (!grammar::NameIn(name, slots[j].names)) continue;
                if (slots[j].max >= 0 && counts[j] >= slots[j].max)
                    m_d.Error(f.Loc(c), "duplicate-element", parent + " has at most " +
                              (slots[j].max == 1 ? std::string("one") : std::to_string(slots[j].max)) + " <" + name + ">");
                else
                    m_d.Error(f.Loc(c), "element-order",
                              std::string("<") + name + "> cannot come after <" + previous + "> in " + parent);
                break;
            }
            continue;
        }
        for (; at < k; ++at) too_few(at);
        const grammar::Slot& s = slots[k];
        bool twice = s.each_once && std::find(seen[k].begin(), seen[k].end(), std::string_view(name)) != seen[k].end();
        if (twice || (s.max >= 0 && counts[k] >= s.max)) {
            m_d.Error(f.Loc(c), "duplicate-element",
                      parent + " has at most " + (twice || s.max == 1 ? std::string("one") : std::to_string(s.max)) + " <" + name + ">");
        }
        ++counts[k];
        seen[k].push_back(name);
        previous = name;
    }
    for (; at < slots.size(); ++at) too_few(at);
}

bool Loader::Attributes(const XmlFile& f, const XMLElement* e, std::initializer_list<const char*> required,
                        std::initializer_list<const char*> optional) {
    for (const tinyxml2::XMLAttribute* a = e->FirstAttribute(); a; a = a->Next()) {
        auto is = [&](const char* n) { return std::strcmp(n, a->Name()) == 0; };
        if (std::none_of(required.begin(), required.end(), is) && std::none_of(optional.begin(), optional.end(), is)) {
            std::string allowed;
            for (auto n : required) allowed += std::string(allowed.empty() ? "" : ", ") + n;
            for (auto n : optional) allowed += std::string(allowed.empty() ? "" : ", ") + n;
            m_d.Error(f.AttrLoc(e, a->Name()), "unknown-attribute",
                      std::string("<") + e->Name() + "> has no attribute '" + a->Name() + "'" +
                          (allowed.empty() ? std::string(" (it takes none)") : " (allowed: " + allowed + ")"));
        }
    }
    bool ok = true;
    for (auto n : required) {
        if (!e->Attribute(n)) {
            m_d.Error(f.Loc(e), "missing-attribute", std::string("<") + e->Name() + "> needs the attribute '" + n + "'");
            ok = false;
        }
    }
    return ok;
}

bool Loader::Id(const XmlFile& f, const XMLElement* e, IdSpace space, std::string* out, const char* attr) {
    *out = Attr(e, attr);
    if (out->empty() && !e->Attribute(attr)) return false;  // reported by Attributes()
    const Place place = f.AttrPlace(e, attr);
    if (!IsValidId(*out)) {
        m_d.Error(f.LocOf(place), "bad-id",
                  "'" + *out + "' is not a valid id (a letter, then letters, digits, '-', '_' or '.'; at most 64)");
        return false;
    }
    if (m_claims) {
        m_claims->push_back({space, *out, place, m_d.All().size(), HashId(*out)});
        return true;  // only glossary and reference files use the answer, and they are not parsed on workers
    }
    return Claim(space, m_own_id_names.emplace_back(*out), place, HashId(*out));
}

// `id` stays where it is for the rest of the load.
bool Loader::Claim(IdSpace space, const std::string& id, const Place& place, size_t hash) {
    bool added = false;
    const IdTable::Entry& first_use = m_ids[static_cast<int>(space)].Insert(hash, &id, place, &added);
    if (!added) {
        const char* what = space == IdSpace::Item ? "id" : space == IdSpace::Term ? "glossary id" : "reference id";
        const SourceLoc first = LocOf(first_use.place);
        m_d.Error(LocOf(place), "duplicate-id",
                  std::string(what) + " '" + id + "' is already used at " + first.file + ":" +
                      std::to_string(first.line) + ":" + std::to_string(first.col));
        return false;
    }
    return true;
}

int Loader::IntAttr(const XmlFile& f, const XMLElement* e, const char* name, int fallback, int lo, int hi) {
    const char* v = e->Attribute(name);
    if (!v) return fallback;
    std::string s = Trim(v);
    bool digits = !s.empty() && s.size() <= 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    int n = digits ? std::stoi(s) : -1;
    if (!digits || n < lo || n > hi) {
        m_d.Error(f.AttrLoc(e, name), "bad-value",
                  std::string("'") + name + "' must be a whole number from " + std::to_string(lo) + " to " +
                      std::to_string(hi) + ", not '" + v + "'");
        return fallback;
    }
    return n;
}

bool Loader::BoolAttr(const XmlFile& f, const XMLElement* e, const char* name, bool fallback) {
    const char* v = e->Attribute(name);
    if (!v) return fallback;
    if (std::strcmp(v, "true") == 0) return true;
    if (std::strcmp(v, "false") == 0) return false;
    m_d.Error(f.AttrLoc(e, name), "bad-value", std::string("'") + name + "' must be true or false, not '" + v + "'");
    return fallback;
}

template <typename T>
T Loader::EnumAttr(const XmlFile& f, const XMLElement* e, const char* name, T fallback,
                   std::initializer_list<std::pair<const char*, T>> values) {
    const char* v = e->Attribute(name);
    if (!v) return fallback;
    for (const auto& [text, value] : values)
        if (std::strcmp(v, text) == 0) return value;
    std::string allowed;
    for (const auto& [text, value] : values) allowed += std::string(allowed.empty() ? "" : ", ") + text;
    m_d.Error(f.AttrLoc(e, name), "bad-value", std::string("'") + name + "' must be one of " + allowed + ", not '" + v + "'");
    return fallback;
}

void Loader::Unknown(const XmlFile& f, const XMLElement* e, const char* parent, const char* expected) {
    m_d.Error(f.Loc(e), "unknown-element",
              std::string("<") + e->Name() + "> is not allowed in <" + parent + ">" +
                  (expected && *expected ? std::string("; expected ") + expected : std::string()));
}

void Loader::NoText(const XmlFile& f, const XMLNode* n, const char* parent) {
    const XMLText* t = n->ToText();
    if (!t) return;
    const std::string_view value = f.TextOf(t);
    if (IsBlank(value)) return;  // the white space between elements
    std::string text = Trim(CollapseSpace(value));
    if (text.empty()) return;
    int line = n->GetLineNum();  // tinyxml2 counts from the first character that is not space
    m_d.Error({f.display, line, 0}, "text-outside-block",
              std::string("text directly inside <") + parent + "> must be inside an element such as <p>: '" +
                  text.substr(0, 40) + "'");
}

std::string Loader::PlainTextOf(const XmlFile& f, const XMLElement* e) {
    std::string out;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const XMLText* t = n->ToText()) {
            AppendCollapsed(out, f.TextOf(t));
        } else if (const XMLElement* c = n->ToElement()) {
            m_d.Error(f.Loc(c), "markup-not-allowed", std::string("<") + e->Name() + "> holds plain text only, not <" +
                                                          c->Name() + ">");
        }
    }
    return Trim(out);
}

void Loader::InlineInto(const XmlFile& f, const XMLElement* e, Inline& out, bool bold, bool italic, bool links,
                        Names stop) {
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const XMLText* t = n->ToText()) {
            out.emplace_back();
            lectern::Run& r = out.back();
            AppendCollapsed(r.text, f.TextOf(t));
            r.bold = bold;
            r.italic = italic;
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;  // comments
        const char* name = c->Name();
        if (Contains(stop, name)) continue;
        const bool em = Is(name, "em"), strong = !em && Is(name, "strong");
        const bool term = Is(name, "term"), link = Is(name, "link"), cite = Is(name, "cite");
        if (em || strong) {
            Attributes(f, c, {}, {});
            InlineInto(f, c, out, bold || strong, italic || em, links, {});
        } else if (links && (term || link || cite)) {
            const char* attr = link ? "to" : "ref";
            if (!Attributes(f, c, {attr}, {})) continue;
            const size_t first = out.size();
            InlineInto(f, c, out, bold, italic, false, {});
            InlineKind kind = term ? InlineKind::Term : link ? InlineKind::Link : InlineKind::Cite;
            std::string ref = Attr(c, attr);
            for (size_t i = first; i < out.size(); ++i) {
                out[i].kind = kind;
                out[i].ref = ref;
            }
            IdSpace space = term ? IdSpace::Term : cite ? IdSpace::Reference : IdSpace::Item;
            const size_t hash = HashId(ref);
            m_refs->push_back({space, std::move(ref), f.AttrPlace(c, attr), hash});
        } else {
            Unknown(f, c, e->Name(), links ? "inline text: em, strong, term, link, cite" : "text, em or strong");
        }
    }
}

Inline Loader::InlineOf(const XmlFile& f, const XMLElement* e, Names stop) {
    Inline out;
    size_t nodes = 0;  // about one run each: room for them up front, not by doubling
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) ++nodes;
    out.reserve(nodes);
    InlineInto(f, e, out, false, false, true, stop);
    Normalize(out);
    return out;
}

void Loader::BlocksInto(const XmlFile& f, const XMLElement* parent, Blocks& out, unsigned allowed,
                        Names stop) {
    size_t elements = 0;  // at most one block each
    for (const XMLElement* e = parent->FirstChildElement(); e; e = e->NextSiblingElement()) ++elements;
    out.reserve(out.size() + elements);
    for (const XMLNode* n = parent->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, parent->Name());
            continue;
        }
        const XMLElement* e = n->ToElement();
        if (!e || Contains(stop, e->Name())) continue;
        if (!ParseBlock(f, e, out, allowed)) {
            std::string expected = "p, ul, ol, quote";
            if (allowed & kRich) expected = "heading, " + expected + ", callout, table, image";
            if (allowed & kInteractive) expected += ", question, scenario";
            if (allowed & kFacilitatorBlock) expected += ", facilitator";
            Unknown(f, e, parent->Name(), expected.c_str());
        }
    }
}

bool Loader::ParseBlock(const XmlFile& f, const XMLElement* e, Blocks& out, unsigned allowed) {
    std::string name = e->Name();
    Block b;
    b.loc = f.Loc(e);
    if ((allowed & kBasic) && name == "p") {
        Attributes(f, e, {}, {});
        b.kind = BlockKind::Paragraph;
        b.text = InlineOf(f, e);
    } else if ((allowed & kBasic) && (name == "ul" || name == "ol")) {
        Attributes(f, e, {}, {});
        b.kind = name == "ul" ? BlockKind::BulletList : BlockKind::NumberedList;
        for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
            if (n->ToText()) {
                NoText(f, n, e->Name());
                continue;
            }
            const XMLElement* li = n->ToElement();
            if (!li) continue;
            if (std::strcmp(li->Name(), "li") != 0) {
                Unknown(f, li, e->Name(), "li");
                continue;
            }
            Attributes(f, li, {}, {});
            b.items.push_back(InlineOf(f, li));
        }
    } else if ((allowed & kBasic) && name == "quote") {
        Attributes(f, e, {"source"}, {});
        b.kind = BlockKind::Quote;
        b.source = CollapseTrim(e->Attribute("source"));
        b.text = InlineOf(f, e);
    } else if ((allowed & kRich) && name == "heading") {
        Attributes(f, e, {}, {"level"});
        b.kind = BlockKind::Heading;
        b.level = IntAttr(f, e, "level", 2, 2, 3);
        b.text = InlineOf(f, e);
    } else if ((allowed & kRich) && name == "callout") {
        Attributes(f, e, {"kind"}, {"title"});
        b.kind = BlockKind::Callout;
        b.callout = EnumAttr(f, e, "kind", CalloutKind::Note,
                             {{"note", CalloutKind::Note},
                              {"important", CalloutKind::Important},
                              {"example", CalloutKind::Example},
                              {"legal", CalloutKind::Legal}});
        b.title = CollapseTrim(e->Attribute("title"));
        BlocksInto(f, e, b.children, kCalloutBlocks);
    } else if ((allowed & kRich) && name == "table") {
        ParseTable(f, e, b);
    } else if ((allowed & kRich) && name == "image") {
        ParseImage(f, e, b);
    } else if ((allowed & kInteractive) && name == "question") {
        b.kind = BlockKind::Question;
        b.question = ParseQuestion(f, e);
        if (!b.question) return true;
    } else if ((allowed & kInteractive) && name == "scenario") {
        b.kind = BlockKind::Scenario;
        b.scenario = ParseScenario(f, e);
        if (!b.scenario) return true;
    } else if ((allowed & kFacilitatorBlock) && name == "facilitator") {
        Attributes(f, e, {}, {});
        b.kind = BlockKind::Facilitator;
        BlocksInto(f, e, b.children, kNoteBlocks);
    } else {
        return false;
    }
    if ((b.kind == BlockKind::Paragraph || b.kind == BlockKind::Heading || b.kind == BlockKind::Quote) &&
        b.text.empty())
        m_d.Warning(b.loc, "empty-block", "<" + name + "> has no text");
    out.push_back(std::move(b));
    return true;
}

void Loader::ParseTable(const XmlFile& f, const XMLElement* e, Block& b) {
    Attributes(f, e, {}, {"caption"});
    b.kind = BlockKind::Table;
    b.title = CollapseTrim(e->Attribute("caption"));
    size_t width = 0;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "table");
            continue;
        }
        const XMLElement* tr = n->ToElement();
        if (!tr) continue;
        if (std::strcmp(tr->Name(), "tr") != 0) {
            Unknown(f, tr, "table", "tr");
            continue;
        }
        Attributes(f, tr, {}, {});
        bool header = b.rows.empty();
        const char* cell_name = header ? "th" : "td";
        std::vector<Inline> row;
        for (const XMLNode* cn = tr->FirstChild(); cn; cn = cn->NextSibling()) {
            if (cn->ToText()) {
                NoText(f, cn, "tr");
                continue;
            }
            const XMLElement* cell = cn->ToElement();
            if (!cell) continue;
            std::string cname = cell->Name();
            if (cname != "th" && cname != "td") {
                Unknown(f, cell, "tr", "th or td");
                continue;
            }
            if (cname != cell_name) {
                m_d.Error(f.Loc(cell), "table-shape",
                          header ? "the first row of a table holds <th> header cells"
                                 : "only the first row of a table holds <th>; later rows hold <td>");
            }
            Attributes(f, cell, {}, {});
            row.push_back(InlineOf(f, cell));
        }
        if (header) {
            width = row.size();
        } else if (row.size() != width) {
            m_d.Error(f.Loc(tr), "table-shape",
                      "this row has " + std::to_string(row.size()) + " cells; the header row has " +
                          std::to_string(width));
        }
        b.rows.push_back(std::move(row));
    }
}

void Loader::ParseImage(const XmlFile& f, const XMLElement* e, Block& b) {
    Attributes(f, e, {"src", "alt"}, {"caption"});
    b.kind = BlockKind::Image;
    b.src = Attr(e, "src");
    b.alt = CollapseTrim(e->Attribute("alt"));
    b.caption = CollapseTrim(e->Attribute("caption"));
    if (e->FirstChild()) m_d.Error(f.Loc(e), "unknown-element", "<image> is empty: put the description in 'alt'");
    if (!e->Attribute("src")) return;
    std::string why, code, message;
    if (!CheckRelativePath(b.src, &why)) {
        m_d.Error(f.AttrLoc(e, "src"), "bad-path", why);
        return;
    }
    std::string ext = fs::path(b.src).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != ".png" && ext != ".jpg" && ext != ".jpeg") {
        m_d.Error(f.AttrLoc(e, "src"), "bad-path", "image '" + b.src + "' must be a PNG or JPEG file");
        return;
    }
    if (!m_src.FindImage(b.src, &b.resolved_path, &code, &message)) m_d.Error(f.AttrLoc(e, "src"), code, message);
    if (e->Attribute("alt") && b.alt.empty())
        m_d.Warning(f.AttrLoc(e, "alt"), "image-no-alt",
                    "image '" + b.src + "' has empty alt text: fine only for a decorative image");
}

std::shared_ptr<Question> Loader::ParseQuestion(const XmlFile& f, const XMLElement* e) {
    auto q = std::make_shared<Question>();
    q->loc = f.Loc(e);
    Attributes(f, e, {"id", "type"}, {"scoring", "points", "answer"});
    Id(f, e, IdSpace::Item, &q->id);
    q->type = EnumAttr(f, e, "type", QuestionType::Single,
                       {{"single", QuestionType::Single},
                        {"multiple", QuestionType::Multiple},
                        {"truefalse", QuestionType::TrueFalse},
                        {"matching", QuestionType::Matching},
                        {"ordering", QuestionType::Ordering},
                        {"text", QuestionType::Text}});
    q->scoring = EnumAttr(f, e, "scoring", Scoring::AllOrNothing,
                          {{"all", Scoring::AllOrNothing}, {"partial", Scoring::Partial}});
    q->points = IntAttr(f, e, "points", 1, 1, 1000);
    const std::string type = Attr(e, "type");
    if (e->Attribute("scoring") && q->type != QuestionType::Multiple && q->type != QuestionType::Matching &&
        q->type != QuestionType::Ordering)
        m_d.Error(f.AttrLoc(e, "scoring"), "not-applicable",
                  "'scoring' applies to multiple, matching and ordering questions, not " + type);
    if (q->type == QuestionType::TrueFalse) {
        if (!e->Attribute("answer"))
            m_d.Error(q->loc, "missing-attribute", "a truefalse question needs answer=\"true\" or answer=\"false\"");
        q->tf_answer = BoolAttr(f, e, "answer", false);
    } else if (e->Attribute("answer")) {
        m_d.Error(f.AttrLoc(e, "answer"), "not-applicable", "'answer' applies to truefalse questions only");
    }

    int hints = 0, patterns = 0, rationales = 0;
    std::set<std::string> feedback_seen;
    auto applies = [&](const XMLElement* c, bool ok, const char* types) {
        if (!ok)
            m_d.Error(f.Loc(c), "not-applicable",
                      std::string("<") + c->Name() + "> belongs in " + types + " questions, not " + type);
        return ok;
    };
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "question");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        std::string name = c->Name();
        if (name == "prompt") {
            Attributes(f, c, {}, {});
            q->prompt = InlineOf(f, c);
        } else if (name == "hint") {
            Attributes(f, c, {}, {});
            if (++hints > 1) m_d.Error(f.Loc(c), "duplicate-element", "a question has at most one <hint>");
            q->hint = InlineOf(f, c);
        } else if (name == "choice") {
            if (!applies(c, q->type == QuestionType::Single || q->type == QuestionType::Multiple, "single and multiple"))
                continue;
            Attributes(f, c, {"id"}, {"correct"});
            Choice ch;
            ch.id = Attr(c, "id");
            if (c->Attribute("id") && !IsValidId(ch.id))
                m_d.Error(f.AttrLoc(c, "id"), "bad-id", "'" + ch.id + "' is not a valid choice id");
            ch.loc = c->Attribute("id") ? f.AttrLoc(c, "id") : f.Loc(c);
            ch.correct = BoolAttr(f, c, "correct", false);
            ch.text = InlineOf(f, c, {"feedback", "rationale"});
            for (const XMLElement* s = c->FirstChildElement(); s; s = s->NextSiblingElement()) {
                if (std::strcmp(s->Name(), "feedback") == 0) {
                    Attributes(f, s, {}, {});
                    ch.feedback = InlineOf(f, s);
                } else if (std::strcmp(s->Name(), "rationale") == 0) {
                    Attributes(f, s, {}, {"cite"});
                    ch.rationale.cite = CollapseTrim(s->Attribute("cite"));
                    ch.rationale.text = InlineOf(f, s);
                }
            }
            if (ch.text.empty()) m_d.Error(f.Loc(c), "missing-text", "choice '" + ch.id + "' has no text");
            q->choices.push_back(std::move(ch));
        } else if (name == "pair") {
            if (!applies(c, q->type == QuestionType::Matching, "matching")) continue;
            Attributes(f, c, {"id"}, {});
            MatchPair p;
            p.id = Attr(c, "id");
            p.loc = c->Attribute("id") ? f.AttrLoc(c, "id") : f.Loc(c);
            if (c->Attribute("id") && !IsValidId(p.id))
                m_d.Error(f.AttrLoc(c, "id"), "bad-id", "'" + p.id + "' is not a valid pair id");
            int lefts = 0, rights = 0;
            for (const XMLNode* pn = c->FirstChild(); pn; pn = pn->NextSibling()) {
                if (pn->ToText()) {
                    NoText(f, pn, "pair");
                    continue;
                }
                const XMLElement* s = pn->ToElement();
                if (!s) continue;
                if (std::strcmp(s->Name(), "left") == 0) {
                    Attributes(f, s, {}, {});
                    ++lefts;
                    p.left = InlineOf(f, s);
                } else if (std::strcmp(s->Name(), "right") == 0) {
                    Attributes(f, s, {}, {});
                    ++rights;
                    p.right = InlineOf(f, s);
                } else {
                    Unknown(f, s, "pair", "left and right");
                }
            }
            if (lefts != 1 || rights != 1 || p.left.empty() || p.right.empty())
                m_d.Error(f.Loc(c), "incomplete-matching", "pair '" + p.id + "' needs one <left> and one <right>, each with text");
            q->pairs.push_back(std::move(p));
        } else if (name == "item") {
            if (!applies(c, q->type == QuestionType::Ordering, "ordering")) continue;
            Attributes(f, c, {"id"}, {});
            OrderItem it;
            it.id = Attr(c, "id");
            it.loc = c->Attribute("id") ? f.AttrLoc(c, "id") : f.Loc(c);
            if (c->Attribute("id") && !IsValidId(it.id))
                m_d.Error(f.AttrLoc(c, "id"), "bad-id", "'" + it.id + "' is not a valid item id");
            it.text = InlineOf(f, c);
            q->items.push_back(std::move(it));
        } else if (name == "accept") {
            if (!applies(c, q->type == QuestionType::Text, "text")) continue;
            Attributes(f, c, {}, {});
            std::string a = PlainTextOf(f, c);
            if (a.empty()) m_d.Error(f.Loc(c), "missing-text", "<accept> is empty");
            q->accept.push_back(a);
        } else if (name == "pattern") {
            if (!applies(c, q->type == QuestionType::Text, "text")) continue;
            Attributes(f, c, {}, {});
            if (++patterns > 1) m_d.Error(f.Loc(c), "duplicate-element", "a question has at most one <pattern>");
            const XMLText* pattern = f.FirstText(c);
            q->pattern = pattern ? Trim(std::string(f.TextOf(pattern))) : "";
            q->pattern_loc = f.Loc(c);
        } else if (name == "feedback") {
            Attributes(f, c, {"when"}, {});
            std::string when = Attr(c, "when");
            Inline text = InlineOf(f, c);
            if (!feedback_seen.insert(when).second)
                m_d.Error(f.Loc(c), "duplicate-element", "a question has one <feedback when=\"" + when + "\">");
            if (when == "correct") q->feedback_correct = text;
            else if (when == "incorrect") q->feedback_incorrect = text;
            else if (when == "partial") q->feedback_partial = text;
            else if (c->Attribute("when"))
                m_d.Error(f.AttrLoc(c, "when"), "bad-value", "'when' must be one of correct, incorrect, partial, not '" + when + "'");
        } else if (name == "rationale") {
            Attributes(f, c, {}, {"cite"});
            if (++rationales > 1) m_d.Error(f.Loc(c), "duplicate-element", "a question has at most one <rationale>");
            q->rationale.cite = CollapseTrim(c->Attribute("cite"));
            q->rationale.text = InlineOf(f, c);
        } else {
            Unknown(f, c, "question", "prompt, hint, choice, pair, item, accept, pattern, feedback, rationale");
        }
    }
    ValidateQuestion(*q, m_d);
    return q;
}

std::shared_ptr<Quiz> Loader::ParseQuiz(const XmlFile& f, const XMLElement* e) {
    auto quiz = std::make_shared<Quiz>();
    quiz->loc = f.Loc(e);
    Attributes(f, e, {"id", "title"},
               {"pass", "attempts", "shuffle-questions", "shuffle-choices", "navigation", "review"});
    Id(f, e, IdSpace::Item, &quiz->id);
    quiz->title = CollapseTrim(e->Attribute("title"));
    quiz->pass_percent = IntAttr(f, e, "pass", 80, 0, 100);
    quiz->max_attempts = IntAttr(f, e, "attempts", 0, 0, 1000);
    quiz->shuffle_questions = BoolAttr(f, e, "shuffle-questions", true);
    quiz->shuffle_choices = BoolAttr(f, e, "shuffle-choices", true);
    quiz->navigation = EnumAttr(f, e, "navigation", QuizNavigation::Free,
                                {{"free", QuizNavigation::Free}, {"linear", QuizNavigation::Linear}});
    quiz->review = EnumAttr(f, e, "review", ReviewDetail::Full,
                            {{"full", ReviewDetail::Full}, {"responses", ReviewDetail::Responses}, {"none", ReviewDetail::None}});
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "quiz");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        if (std::strcmp(c->Name(), "intro") == 0) {
            Attributes(f, c, {}, {});
            quiz->intro = InlineOf(f, c);
        } else if (std::strcmp(c->Name(), "pool") == 0) {
            Attributes(f, c, {}, {"title", "draw"});
            Pool pool;
            pool.title = CollapseTrim(c->Attribute("title"));
            pool.loc = c->Attribute("draw") ? f.AttrLoc(c, "draw") : f.Loc(c);
            for (const XMLNode* pn = c->FirstChild(); pn; pn = pn->NextSibling()) {
                if (pn->ToText()) {
                    NoText(f, pn, "pool");
                    continue;
                }
                const XMLElement* qe = pn->ToElement();
                if (!qe) continue;
                if (std::strcmp(qe->Name(), "question") != 0) {
                    Unknown(f, qe, "pool", "question");
                    continue;
                }
                if (auto q = ParseQuestion(f, qe)) pool.questions.push_back(q);
            }
            pool.draw = IntAttr(f, c, "draw", static_cast<int>(pool.questions.size()), 0, 100000);
            quiz->pools.push_back(std::move(pool));
        } else {
            Unknown(f, c, "quiz", "intro or pool");
        }
    }
    ValidateQuiz(*quiz, m_d);
    return quiz;
}

std::shared_ptr<Scenario> Loader::ParseScenario(const XmlFile& f, const XMLElement* e) {
    auto sc = std::make_shared<Scenario>();
    sc->loc = f.Loc(e);
    Attributes(f, e, {"id", "title"}, {"start"});
    Id(f, e, IdSpace::Item, &sc->id);
    sc->title = CollapseTrim(e->Attribute("title"));
    sc->start = Attr(e, "start");
    if (e->Attribute("start") && !IsValidId(sc->start))
        m_d.Error(f.AttrLoc(e, "start"), "bad-id", "start='" + sc->start + "' is not a node id");
    std::set<std::string> choice_ids;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "scenario");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        std::string name = c->Name();
        if (name == "intro") {
            Attributes(f, c, {}, {});
            BlocksInto(f, c, sc->intro, kNoteBlocks);
        } else if (name == "node") {
            Attributes(f, c, {"id"}, {});
            ScenarioNode node;
            node.id = Attr(c, "id");
            node.loc = f.Loc(c);
            if (c->Attribute("id") && !IsValidId(node.id))
                m_d.Error(f.AttrLoc(c, "id"), "bad-id", "'" + node.id + "' is not a valid node id");
            BlocksInto(f, c, node.body, kNoteBlocks, {"choice"});
            for (const XMLElement* ch = c->FirstChildElement("choice"); ch; ch = ch->NextSiblingElement("choice")) {
                Attributes(f, ch, {"id", "goto", "rating"}, {});
                ScenarioChoice sch;
                sch.id = Attr(ch, "id");
                sch.go_to = Attr(ch, "goto");
                sch.loc = f.Loc(ch);
                if (ch->Attribute("id") && !IsValidId(sch.id))
                    m_d.Error(f.AttrLoc(ch, "id"), "bad-id", "'" + sch.id + "' is not a valid choice id");
                // Choices are told apart by id in the learner's recorded path: one id, one choice.
                else if (ch->Attribute("id") && !choice_ids.insert(sch.id).second)
                    m_d.Error(f.AttrLoc(ch, "id"), "duplicate-choice-id",
                              "scenario '" + sc->id + "' has more than one choice with id '" + sch.id + "'");
                sch.rating = EnumAttr(f, ch, "rating", Rating::Acceptable,
                                      {{"best", Rating::Best}, {"acceptable", Rating::Acceptable}, {"poor", Rating::Poor}});
                sch.text = InlineOf(f, ch, {"reason"});
                for (const XMLElement* r = ch->FirstChildElement(); r; r = r->NextSiblingElement()) {
                    if (std::strcmp(r->Name(), "reason") == 0) {
                        Attributes(f, r, {}, {});
                        sch.reason = InlineOf(f, r);
                    }
                }
                if (sch.text.empty()) m_d.Error(sch.loc, "missing-text", "scenario choice '" + sch.id + "' has no text");
                node.choices.push_back(std::move(sch));
            }
            sc->nodes.push_back(std::move(node));
        } else if (name == "ending") {
            Attributes(f, c, {"id", "outcome"}, {});
            ScenarioNode end;
            end.is_ending = true;
            end.id = Attr(c, "id");
            end.loc = f.Loc(c);
            if (c->Attribute("id") && !IsValidId(end.id))
                m_d.Error(f.AttrLoc(c, "id"), "bad-id", "'" + end.id + "' is not a valid ending id");
            end.outcome = EnumAttr(f, c, "outcome", Rating::Acceptable,
                                   {{"best", Rating::Best}, {"acceptable", Rating::Acceptable}, {"poor", Rating::Poor}});
            BlocksInto(f, c, end.body, kNoteBlocks, {"debrief"});
            for (const XMLElement* db = c->FirstChildElement("debrief"); db; db = db->NextSiblingElement("debrief")) {
                Attributes(f, db, {}, {});
                BlocksInto(f, db, end.debrief, kNoteBlocks);
            }
            sc->nodes.push_back(std::move(end));
        } else {
            Unknown(f, c, "scenario", "intro, node or ending");
        }
    }
    if (sc->start.empty()) {
        for (const auto& node : sc->nodes)
            if (!node.is_ending) {
                sc->start = node.id;
                break;
            }
    }
    ValidateScenario(*sc, m_d);
    return sc;
}

void Loader::ParseLesson(const XmlFile& f, const XMLElement* e, Module& m) {
    Lesson lesson;
    lesson.loc = f.Loc(e);
    Attributes(f, e, {"id", "title"}, {});
    Id(f, e, IdSpace::Item, &lesson.id);
    lesson.title = CollapseTrim(e->Attribute("title"));
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "lesson");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        std::string name = c->Name();
        if (name == "objectives") {
            Attributes(f, c, {}, {});
            for (const XMLElement* o = c->FirstChildElement(); o; o = o->NextSiblingElement()) {
                if (std::strcmp(o->Name(), "objective") != 0) {
                    Unknown(f, o, "objectives", "objective");
                    continue;
                }
                Attributes(f, o, {}, {});
                lesson.objectives.push_back(InlineOf(f, o));
            }
            for (const XMLNode* t = c->FirstChild(); t; t = t->NextSibling()) NoText(f, t, "objectives");
        } else if (name == "facilitator") {
            Attributes(f, c, {}, {});
            BlocksInto(f, c, lesson.facilitator, kNoteBlocks);
        } else if (name == "page") {
            Page page;
            page.loc = f.Loc(c);
            Attributes(f, c, {"id", "title"}, {});
            Id(f, c, IdSpace::Item, &page.id);
            page.title = CollapseTrim(c->Attribute("title"));
            BlocksInto(f, c, page.blocks, kPageBlocks);
            lesson.pages.push_back(std::move(page));
        } else {
            Unknown(f, c, "lesson", "objectives, facilitator or page");
        }
    }
    m.lessons.push_back(std::move(lesson));
}

Module Loader::ParseModule(const XmlFile& f, const XMLElement* e) {
    Module m;
    m.loc = f.Loc(e);
    Attributes(f, e, {"id", "title"}, {"role"});
    Id(f, e, IdSpace::Item, &m.id);
    m.title = CollapseTrim(e->Attribute("title"));
    m.role = EnumAttr(f, e, "role", ModuleRole::Core,
                      {{"core", ModuleRole::Core}, {"intro", ModuleRole::Intro}, {"appendix", ModuleRole::Appendix}});
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "module");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        std::string name = c->Name();
        if (name == "summary") {
            Attributes(f, c, {}, {});
            m.summary = InlineOf(f, c);
        } else if (name == "facilitator") {
            Attributes(f, c, {}, {});
            BlocksInto(f, c, m.facilitator, kNoteBlocks);
        } else if (name == "lesson") {
            ParseLesson(f, c, m);
        } else if (name == "quiz") {
            m.quiz = ParseQuiz(f, c);
        } else {
            Unknown(f, c, "module", "summary, facilitator, lesson or quiz");
        }
    }
    return m;
}

void Loader::ParseGlossary(const XmlFile& f, const XMLElement* e) {
    Attributes(f, e, {}, {});
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "glossary");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        if (std::strcmp(c->Name(), "entry") != 0) {
            Unknown(f, c, "glossary", "entry");
            continue;
        }
        GlossaryEntry g;
        g.loc = f.Loc(c);
        Attributes(f, c, {"id", "term"}, {});
        if (!Id(f, c, IdSpace::Term, &g.id)) continue;
        g.term = CollapseTrim(c->Attribute("term"));
        g.definition = InlineOf(f, c);
        if (g.definition.empty()) m_d.Error(g.loc, "missing-text", "glossary entry '" + g.id + "' has no definition");
        m_course->glossary.push_back(std::move(g));
    }
}

void Loader::ParseReference(const XmlFile& f, const XMLElement* c, const std::string& group) {
    Reference r;
    r.loc = f.Loc(c);
    r.group = group;
    Attributes(f, c, {"id"}, {"url"});
    if (!Id(f, c, IdSpace::Reference, &r.id)) return;
    r.url = Attr(c, "url");
    r.text = InlineOf(f, c);
    if (r.text.empty()) m_d.Error(r.loc, "missing-text", "reference '" + r.id + "' has no text");
    m_course->references.push_back(std::move(r));
}

void Loader::ParseReferences(const XmlFile& f, const XMLElement* e) {
    Attributes(f, e, {}, {});
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(f, n, "references");
            continue;
        }
        const XMLElement* c = n->ToElement();
        if (!c) continue;
        if (std::strcmp(c->Name(), "ref") == 0) {
            ParseReference(f, c, "");
        } else if (std::strcmp(c->Name(), "group") == 0) {
            Attributes(f, c, {"title"}, {});
            std::string title = CollapseTrim(c->Attribute("title"));
            for (const XMLNode* gn = c->FirstChild(); gn; gn = gn->NextSibling()) {
                if (gn->ToText()) {
                    NoText(f, gn, "group");
                    continue;
                }
                const XMLElement* r = gn->ToElement();
                if (!r) continue;
                if (std::strcmp(r->Name(), "ref") != 0) Unknown(f, r, "group", "ref");
                else ParseReference(f, r, title);
            }
        } else {
            Unknown(f, c, "references", "group or ref");
        }
    }
}

bool Loader::Include(const XmlFile& f, const XMLElement* e, FileJob::Kind kind) {
    if (!Attributes(f, e, {"src"}, {})) return false;
    std::string src = Attr(e, "src"), why;
    SourceLoc at = f.AttrLoc(e, "src");
    if (!CheckRelativePath(src, &why)) {
        m_d.Error(at, "bad-path", why);
        return false;
    }
    std::string key = fs::path(src).lexically_normal().generic_string();
    if (!m_included.insert(key).second) {
        m_d.Error(at, "duplicate-include", "'" + src + "' is included twice");
        return false;
    }
    // PlanJobs made a job for every file that gets this far, in this order.
    FileJob* job = nullptr;
    if (m_next_job < m_jobs.size() && m_jobs[m_next_job]->include == e) {
        job = m_jobs[m_next_job++].get();
        WaitFor(*job);
    } else {  // not expected; done here, then, as it would have been on a worker
        job = AddJob(kind, e, src, at, m_extra_jobs);
        RunJob(m_src, *job, &m_scratch);
    }
    Merge(*job);
    if (!job->parsed) return false;
    switch (kind) {
        case FileJob::Kind::Module: m_course->modules.push_back(std::move(job->module)); break;
        case FileJob::Kind::Assessment: m_course->assessment = std::move(job->quiz); break;
        case FileJob::Kind::Glossary: ParseGlossary(*job->file, job->file->doc.RootElement()); break;
        case FileJob::Kind::References: ParseReferences(*job->file, job->file->doc.RootElement()); break;
    }
    job->file.reset();
    return true;
}

// The files Include will open, found the way Include finds them (a src that is a safe path,
// named for the first time), so that they can all be read and parsed at once.
void Loader::PlanJobs(const XmlFile& f, const XMLElement* course) {
    std::set<std::string> planned;
    for (const XMLElement* e = course->FirstChildElement(); e; e = e->NextSiblingElement()) {
        FileJob::Kind kind;
        const char* name = e->Name();
        if (Is(name, "include")) kind = FileJob::Kind::Module;
        else if (Is(name, "assessment")) kind = FileJob::Kind::Assessment;
        else if (Is(name, "glossary")) kind = FileJob::Kind::Glossary;
        else if (Is(name, "references")) kind = FileJob::Kind::References;
        else continue;
        if (!e->Attribute("src")) continue;
        std::string src = Attr(e, "src"), why;
        if (!CheckRelativePath(src, &why)) continue;
        if (!planned.insert(fs::path(src).lexically_normal().generic_string()).second) continue;
        AddJob(kind, e, src, f.AttrLoc(e, "src"), m_jobs);
    }
    m_next_job = 0;
}

FileJob* Loader::AddJob(FileJob::Kind kind, const XMLElement* include, const std::string& src, const SourceLoc& at,
                        std::vector<std::unique_ptr<FileJob>>& jobs) {
    auto job = std::make_unique<FileJob>();
    job->kind = kind;
    job->root_name = kind == FileJob::Kind::Module       ? "module"
                     : kind == FileJob::Kind::Assessment ? "quiz"
                     : kind == FileJob::Kind::Glossary   ? "glossary"
                                                         : "references";
    job->include = include;
    job->src = src;
    job->at = at;
    job->display = m_src.Display(src);
    job->number = static_cast<int>(m_jobs.size() + m_extra_jobs.size()) + 1;
    jobs.push_back(std::move(job));
    return jobs.back().get();
}

void Loader::RunJob(FileSource& source, FileJob& job, Scratch* scratch) {
    try {
        Loader l(source, job);
        auto sub = l.Open(job.src, job.at, scratch);
        if (!sub) return;
        sub->number = job.number;
        if (!l.CheckRoot(*sub, job.src, job.root_name)) return;
        job.parsed = true;
        const XMLElement* root = sub->doc.RootElement();
        if (job.kind == FileJob::Kind::Module) job.module = l.ParseModule(*sub, root);
        else if (job.kind == FileJob::Kind::Assessment) job.quiz = l.ParseQuiz(*sub, root);
        else job.file = std::move(sub);
        if (sub && scratch) scratch->text = std::move(sub->text);  // the next file reads into it
    } catch (...) {
        job.error = std::current_exception();
    }
}

// Starts a helper thread per extra core (up to 8 threads in all). Each takes the next job not
// yet taken, until none are left; this thread takes jobs too while it waits for one it needs
// (WaitFor), and takes each file's results in, in course order, as soon as they are there.
void Loader::StartJobs() {
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t helpers = std::min<size_t>({cores, 8, m_jobs.size()}) - (m_jobs.empty() ? 0 : 1);
    if (helpers == 0) return;
    // ValidateQuestion compiles std::regex, whose scanner fills libstdc++'s ctype<char>
    // narrow() cache on first use of each byte: fill it now, before there are threads.
    const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
    for (int c = 1; c < 256; ++c) ctype.narrow(static_cast<char>(c), '\0');
    auto work = [this] {
        Scratch scratch;
        for (size_t i; (i = m_next_run.fetch_add(1)) < m_jobs.size();) {
            RunJob(m_src, *m_jobs[i], &scratch);
            Finished(*m_jobs[i]);
        }
    };
    try {
        for (size_t i = 0; i < helpers; ++i) m_threads.emplace_back(work);
    } catch (const std::system_error&) {
        // No more threads to be had: the ones running, and this one, do the rest.
    }
}

void Loader::Finished(FileJob& job) {
    {
        std::lock_guard<std::mutex> lock(m_done_mutex);
        job.done.store(true, std::memory_order_release);
    }
    m_done.notify_all();
}

void Loader::WaitFor(FileJob& job) {
    while (!job.done.load(std::memory_order_acquire)) {
        const size_t i = m_next_run.fetch_add(1);
        if (i < m_jobs.size()) {
            RunJob(m_src, *m_jobs[i], &m_scratch);
            Finished(*m_jobs[i]);
            continue;
        }
        std::unique_lock<std::mutex> lock(m_done_mutex);
        m_done.wait(lock, [&] { return job.done.load(std::memory_order_acquire); });
    }
}

// Lets the helpers finish the job in hand and take no other (all are taken by the end of a
// load; not so when it stops early on an exception), and joins them.
void Loader::StopJobs() {
    m_next_run.store(m_jobs.size());
    for (auto& t : m_threads)
        if (t.joinable()) t.join();
    m_threads.clear();
}

// Takes in a job's diagnostics, id claims and references as if the file had been parsed here.
void Loader::Merge(FileJob& job) {
    if (job.error) std::rethrow_exception(job.error);
    const auto& items = job.diagnostics.All();
    size_t k = 0;
    for (size_t i = 0;; ++i) {
        for (; k < job.claims.size() && job.claims[k].before == i; ++k)
            Claim(job.claims[k].space, job.claims[k].id, job.claims[k].place, job.claims[k].hash);
        if (i == items.size()) break;
        const Diagnostic& d = items[i];
        if (d.severity == Severity::Error) m_d.Error(d.loc, d.code, d.message);
        else m_d.Warning(d.loc, d.code, d.message);
    }
    if (!job.refs.empty()) {
        m_ref_lists.push_back(&job.refs);
        m_refs = &m_own_refs.emplace_back();
        m_ref_lists.push_back(m_refs);
    }
}

std::shared_ptr<Course> Loader::Run(const std::string& course_file) {
    m_course = std::make_shared<Course>();
    m_course->root_dir = m_src.RootDir();
    m_course->assets_dir = m_src.AssetsDir();
    auto f = Open(course_file, {});
    if (!f) return nullptr;
    m_root_display = f->display;
    const XMLElement* e = f->doc.RootElement();
    if (!e || std::strcmp(e->Name(), "course") != 0) {
        m_d.Error(e ? f->Loc(e) : SourceLoc{f->display, 1, 1}, "wrong-root",
                  std::string("course.xml must have <course> as its root element") +
                      (e ? std::string(", not <") + e->Name() + ">" : std::string()));
        return nullptr;
    }
    Course& c = *m_course;
    Attributes(*f, e, {"id", "version", "lang", "minutes"}, {});
    Id(*f, e, IdSpace::Item, &c.id);
    c.version = Attr(e, "version");
    c.lang = Attr(e, "lang");
    c.minutes = IntAttr(*f, e, "minutes", 0, 1, 100000);
    PlanJobs(*f, e);
    StartJobs();
    int titles = 0;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (n->ToText()) {
            NoText(*f, n, "course");
            continue;
        }
        const XMLElement* ch = n->ToElement();
        if (!ch) continue;
        std::string name = ch->Name();
        if (name == "title") {
            Attributes(*f, ch, {}, {});
            ++titles;
            c.title = PlainTextOf(*f, ch);
        } else if (name == "description") {
            Attributes(*f, ch, {}, {});
            c.description = InlineOf(*f, ch);
        } else if (name == "audience") {
            Attributes(*f, ch, {}, {});
            c.audience = InlineOf(*f, ch);
        } else if (name == "include") {
            Include(*f, ch, FileJob::Kind::Module);
        } else if (name == "assessment") {
            Include(*f, ch, FileJob::Kind::Assessment);
        } else if (name == "glossary") {
            Include(*f, ch, FileJob::Kind::Glossary);
        } else if (name == "references") {
            Include(*f, ch, FileJob::Kind::References);
        } else {
            Unknown(*f, ch, "course", "title, description, audience, include, assessment, glossary, references");
        }
    }
    if (titles == 1 && c.title.empty()) m_d.Error(f->Loc(e), "missing-text", "the course's <title> has no text");
    StopJobs();  // every planned job has been taken in by now
    ResolveAndIndex();
    return m_d.HasErrors() ? nullptr : m_course;
}

// Reports references to ids that do not exist; keeps the links to ids that do, for the check
// in BuildIndexes that they lead somewhere to read.
void Loader::Resolve() {
    // A glossary, references or module file that could not be read leaves every reference into
    // it unresolved: those follow from the one error already given for the file, so they are
    // counted, not listed, and the count is said once, at the broken file (the cause comes first).
    const FileJob* broken[3] = {nullptr, nullptr, nullptr};  // by IdSpace: Item, Term, Reference
    for (const auto* jobs : {&m_jobs, &m_extra_jobs})
    for (const auto& job : *jobs) {
        if (job->parsed) continue;
        const int space = job->kind == FileJob::Kind::Glossary     ? static_cast<int>(IdSpace::Term)
                          : job->kind == FileJob::Kind::References ? static_cast<int>(IdSpace::Reference)
                          : job->kind == FileJob::Kind::Module     ? static_cast<int>(IdSpace::Item)
                                                                   : -1;
        if (space >= 0 && !broken[space]) broken[space] = job.get();
    }
    int folded[3] = {0, 0, 0};
    for (const auto* list : m_ref_lists)
    for (const auto& r : *list) {
        if (m_ids[static_cast<int>(r.space)].Contains(r.hash, r.id)) {
            if (r.space == IdSpace::Item) m_links.push_back(&r);
            continue;
        }
        const int space = static_cast<int>(r.space);
        if (space >= 0 && space < 3 && broken[space]) {
            ++folded[space];
            continue;
        }
        if (r.space == IdSpace::Term)
            m_d.Error(LocOf(r.place), "unresolved-term", "no glossary entry has the id '" + r.id + "'");
        else if (r.space == IdSpace::Reference)
            m_d.Error(LocOf(r.place), "unresolved-cite", "no reference has the id '" + r.id + "'");
        else
            m_d.Error(LocOf(r.place), "unresolved-link", "no page, lesson or module has the id '" + r.id + "'");
    }
    const char* what[3] = {"links to its pages, lessons or modules", "glossary terms it would define",
                           "citations of references it would hold"};
    for (int space = 0; space < 3; ++space) {
        if (folded[space] == 0) continue;
        // Said where the cause is, so that sorted by place it still comes right after it.
        SourceLoc at = broken[space]->at;
        for (const Diagnostic& d : m_d.All())
            if (d.severity == Severity::Error && d.loc.file == broken[space]->display) {
                at = d.loc;
                break;
            }
        m_d.Error(at, "follows-from-file",
                      "and " + std::to_string(folded[space]) + " more that follow from this: " + what[space] + " ('" +
                          broken[space]->src + "' could not be used)");
    }
}

// Ids usually come in sorted order (m01-l01-p01, ...): each map insert is tried at the end first.
template <typename Map, typename Value>
void SetAtEnd(Map& map, const std::string& key, const Value& value) {
    auto it = map.emplace_hint(map.end(), key, value);
    it->second = value;  // as map[key] = value, should the key be there already
}

// The course's look-ups (reading order, page, link, term and reference indexes).
void Loader::BuildMaps() {
    Course& c = *m_course;
    size_t pages = 0;
    for (const Module& m : c.modules)
        for (const Lesson& l : m.lessons) pages += l.pages.size();
    c.reading_order.reserve(pages);
    for (int mi = 0; mi < static_cast<int>(c.modules.size()); ++mi) {
        const Module& m = c.modules[static_cast<size_t>(mi)];
        for (int li = 0; li < static_cast<int>(m.lessons.size()); ++li) {
            const Lesson& l = m.lessons[static_cast<size_t>(li)];
            for (int pi = 0; pi < static_cast<int>(l.pages.size()); ++pi) {
                SetAtEnd(c.page_index, l.pages[static_cast<size_t>(pi)].id, static_cast<int>(c.reading_order.size()));
                c.reading_order.push_back({mi, li, pi});
            }
            if (!l.pages.empty()) SetAtEnd(c.link_targets, l.id, l.pages.front().id);
        }
        if (!m.lessons.empty() && !m.lessons.front().pages.empty())
            SetAtEnd(c.link_targets, m.id, m.lessons.front().pages.front().id);
    }
    for (size_t i = 0; i < c.glossary.size(); ++i) SetAtEnd(c.term_index, c.glossary[i].id, static_cast<int>(i));
    for (size_t i = 0; i < c.references.size(); ++i) SetAtEnd(c.reference_index, c.references[i].id, static_cast<int>(i));
}

// Resolve and BuildMaps at once (the maps on a thread of their own: they touch only the
// course, Resolve only ids, references and diagnostics), then the links Resolve kept: a link
// to a quiz or question is not a place to read, and is reported here where we know why.
void Loader::ResolveAndIndex() {
    std::exception_ptr maps_error;
    std::thread maps;
    try {
        maps = std::thread([&] {
            try {
                BuildMaps();
            } catch (...) {
                maps_error = std::current_exception();
            }
        });
    } catch (const std::system_error&) {
        BuildMaps();  // no thread to be had: one after the other
    }
    try {
        Resolve();
    } catch (...) {
        if (maps.joinable()) maps.join();
        throw;
    }
    if (maps.joinable()) maps.join();
    if (maps_error) std::rethrow_exception(maps_error);
    const Course& c = *m_course;
    for (const PendingRef* r : m_links) {
        if (c.LinkTarget(r->id) < 0)
            m_d.Error(LocOf(r->place), "unresolved-link", "'" + r->id + "' is not a page, lesson or module, so a link cannot lead there");
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
    Loader loader(source, result.diagnostics);
    auto course = loader.Run(file);
    result.diagnostics.SortByLocation();
    if (!course) {
        // Nothing at all could be read from the root file: the input itself is unreadable.
        for (const auto& d : result.diagnostics.All())
            if (d.loc.line == 0 && (d.code == "file-not-found" || d.code == "not-a-file" || d.code == "file-unreadable"))
                result.unreadable = true;
    }
    result.course = course;
    return result;
}

LoadResult LoadCourseFromMemory(const std::map<std::string, std::string>& files, const LoadOptions&) {
    LoadResult result;
    MemorySource source(files);
    Loader loader(source, result.diagnostics);
    result.course = loader.Run("course.xml");
    result.diagnostics.SortByLocation();
    return result;
}

}  // namespace lectern

#include "course/internal/xml_file.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>

#include "course/internal/white_space.h"
#include "course/internal/xml_syntax.h"
#include "text/unicode.h"

namespace lectern {

using tinyxml2::XMLElement;

namespace {

char HexDigit(int v) { return "0123456789ABCDEF"[v & 15]; }

// The length of the UTF-8 sequence at s[i] (a code point that is not overlong, not a surrogate,
// at most U+10FFFF), or 0 if there is none.
size_t Utf8Length(const unsigned char* s, size_t i, size_t size) {
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > size) return 0;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < n; ++k) {
        if ((s[i + k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    return overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF ? 0 : n;
}

// A block of bytes that are all ASCII and none NUL, as most of a course is. A loop of fixed
// length with no early exit, which the compiler turns into a few wide instructions: checking
// byte by byte was the slowest pass over a file before tinyxml2's.
constexpr size_t kAsciiBlock = 64;
bool IsPlainAsciiBlock(const unsigned char* s) {
    unsigned char high = 0, low = 0xFF;
    for (size_t k = 0; k < kAsciiBlock; ++k) {
        high |= s[k];
        low = std::min(low, s[k]);
    }
    return high < 0x80 && low > 0;
}

// UTF-8 without NUL bytes, or one clear message (a binary file, UTF-16, a bad byte) at the
// first fault. *ascii: nothing but ASCII.
bool CheckEncoding(XmlFile& f, Diagnostics& d, bool* ascii) {
    const std::string& t = f.text;
    const SourceLoc start{f.display, 1, 1};
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
    const auto* s = reinterpret_cast<const unsigned char*>(t.data());
    *ascii = true;
    for (size_t i = starts("\xEF\xBB\xBF", 3) ? 3 : 0; i < t.size();) {
        if (i % kAsciiBlock == 0 && i + kAsciiBlock <= t.size() && IsPlainAsciiBlock(s + i)) {
            i += kAsciiBlock;
            continue;
        }
        if (s[i] > 0 && s[i] < 0x80) {  // ASCII: nothing more to check
            ++i;
            continue;
        }
        if (s[i] == 0) {
            d.Error(f.LocAtOffset(i), "nul-byte", "the file contains a NUL byte; is it a binary file?");
            return false;
        }
        const size_t n = Utf8Length(s, i, t.size());
        if (n == 0) {
            d.Error(f.LocAtOffset(i), "not-utf8",
                    std::string("the file is not valid UTF-8 (bad byte 0x") + HexDigit(s[i] >> 4) + HexDigit(s[i]) + ")");
            return false;
        }
        *ascii = *ascii && n == 1;
        i += n;
    }
    return true;
}

// No document type declaration (that is where entity expansion and external entities live) and
// no entity but XML's five and character references.
bool CheckNoDtdOrEntities(const XmlFile& f, Diagnostics& d) {
    const std::string& t = f.text;
    // Searched with skips (a '<' starts every tag, so a search from each '<' costs a compare per tag).
    static const std::string_view kDoctype = "<!DOCTYPE";
    const auto found = std::search(t.begin(), t.end(), std::boyer_moore_horspool_searcher(kDoctype.begin(), kDoctype.end()));
    if (found != t.end()) {
        const size_t at = static_cast<size_t>(found - t.begin());
        d.Error(f.LocAtOffset(at), "doctype-forbidden",
                "document type declarations (<!DOCTYPE ...>) are not allowed: no DTDs, no entities");
        return false;
    }
    // A name is what lies between '&' and a ';' at most 32 bytes on; with no such ';' there is none.
    for (size_t amp = t.find('&'); amp != std::string::npos; amp = t.find('&', amp + 1)) {
        const size_t semi = t.find(';', amp);
        const std::string_view name =
            semi != std::string::npos && semi - amp <= 32 ? std::string_view(t).substr(amp + 1, semi - amp - 1) : std::string_view();
        const bool char_ref = !name.empty() && name[0] == '#';
        const bool known = name == "lt" || name == "gt" || name == "amp" || name == "quot" || name == "apos";
        if (char_ref || known) continue;
        // A bare '&' is a syntax error tinyxml2 reports too; a named entity is ours to explain.
        d.Error(f.LocAtOffset(amp), "undefined-entity",
                name.empty() ? "'&' must be written as '&amp;'"
                             : "unknown entity '&" + std::string(name) + ";' (only &lt; &gt; &amp; &quot; &apos; exist)");
        return false;
    }
    return true;
}

// Byte-level checks, before any XML parsing: each failure is one clear message. Then the text
// enters in NFC, so an accent typed as a combining mark is the same text as the precomposed
// letter everywhere after (search, grading, fonts, the HTML edition). Markup is ASCII, which NFC
// leaves alone; columns on a line that had decomposed letters shift left.
bool CheckBytes(XmlFile& f, Diagnostics& d) {
    f.IndexLines();
    bool ascii = true;
    if (!CheckEncoding(f, d, &ascii) || !CheckNoDtdOrEntities(f, d)) return false;
    if (!ascii) {
        std::string nfc = unicode::Nfc(f.text);
        if (nfc != f.text) {
            f.text = std::move(nfc);
            f.IndexLines();
        }
    }
    return true;
}

// The inline elements (parse_inline.cpp): only beside one of them does white space between two
// tags say something ("<em>a</em> <strong>b</strong>" keeps its space).
bool IsInlineName(std::string_view name) {
    return name == "em" || name == "strong" || name == "term" || name == "link" || name == "cite";
}

// The name of the tag that starts at text[lt] ('<'), end tag or start tag alike; empty for a
// comment or a processing instruction.
std::string_view TagName(const std::string& text, size_t lt) {
    size_t from = lt + 1;
    if (from < text.size() && text[from] == '/') ++from;
    size_t to = from;
    auto name_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    };
    while (to < text.size() && name_char(text[to])) ++to;
    return std::string_view(text).substr(from, to - from);
}

// The pre-pass tinyxml2 9 needs (white_space.h): a gap marker after a '>' that only white space
// separates from the next '<', when the tag on either side is an inline element, so that the white
// space between two inline elements is a text node and "<em>a</em> <strong>b</strong>" keeps its
// space. (tinyxml2 10's PEDANTIC_WHITESPACE keeps such nodes itself; Debian 12 has 9.) Between
// two block tags the white space is indentation, which a block trims anyway: no node is made
// for it (fewer nodes: most of a course's are such). A '>' inside text needs no marker: the white
// space after it is already that text node's. Newlines stay, so line numbers do not move.
std::string MarkGaps(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 64);
    size_t copied = 0;
    for (size_t gt = text.find('>'); gt != std::string::npos; gt = text.find('>', gt + 1)) {
        size_t next = gt + 1;
        while (next < text.size() && IsSpace(text[next])) ++next;
        if (next == gt + 1 || next == text.size() || text[next] != '<') continue;
        const size_t lt = text.rfind('<', gt);  // the tag this '>' ends ('<' cannot be in an attribute)
        if (!IsInlineName(TagName(text, next)) && (lt == std::string::npos || !IsInlineName(TagName(text, lt)))) continue;
        out.append(text, copied, gt + 1 - copied);
        out.append(kGapMarker);
        copied = gt + 1;
    }
    out.append(text, copied);
    return out;
}

// tinyxml2's report, in words, for when the syntax scanner finds nothing.
std::string XmlErrorText(const tinyxml2::XMLDocument& doc) {
    std::string detail = doc.ErrorStr() ? doc.ErrorStr() : "";
    const size_t colon = detail.find(": ");
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

XMLElement* NextInDocument(XMLElement* e, const XMLElement* root) {
    if (XMLElement* c = e->FirstChildElement()) return c;
    for (; e && e != root; e = e->Parent() ? e->Parent()->ToElement() : nullptr)
        if (XMLElement* s = e->NextSiblingElement()) return s;
    return nullptr;
}

// An element's offset in `text`, plus one, is kept in its user data (IndexColumns); 0: unknown.
size_t OffsetPlusOne(const XMLElement* e) { return static_cast<size_t>(reinterpret_cast<uintptr_t>(e->GetUserData())); }

}  // namespace

std::unique_ptr<XmlFile> ReadXmlFile(FileSource& files, const std::string& rel, const SourceLoc& named_at,
                                     Diagnostics& d) {
    auto f = std::make_unique<XmlFile>();
    f->display = files.Display(rel);
    FileProblem problem;
    if (!files.Read(rel, &f->text, &problem)) {
        // The root file is named by no other: its own name is the place.
        d.Error(named_at.file.empty() ? SourceLoc{f->display, 0, 0} : named_at, problem.code, problem.message);
        return nullptr;
    }
    if (!CheckBytes(*f, d)) return nullptr;
    const std::string marked = MarkGaps(f->text);
    if (f->doc.Parse(marked.c_str(), marked.size()) != tinyxml2::XML_SUCCESS) {
        // In plain words at the line and column when the scanner finds the fault; else
        // tinyxml2's own report (its line only).
        if (auto e = FindXmlSyntaxError(f->text)) d.Error({f->display, e->line, e->col}, "xml-syntax", e->message);
        else d.Error({f->display, std::max(1, f->doc.ErrorLineNum()), 0}, "xml-syntax", XmlErrorText(f->doc));
        return nullptr;
    }
    f->IndexColumns();
    return f;
}

void XmlFile::IndexLines() {
    m_line_starts.assign(1, 0);
    for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', nl + 1)) m_line_starts.push_back(nl + 1);
}

// In document order, lines never go back, so only the elements of the current line need a
// cursor: the k-th "<name" on a line is the k-th element of that name there.
void XmlFile::IndexColumns() {
    struct Cursor {
        std::string_view name;
        size_t next;  // where to look for its next element
    };
    std::vector<Cursor> cursors;
    int current = 0;
    XMLElement* const root = doc.RootElement();
    for (XMLElement* e = root; e; e = NextInDocument(e, root)) {
        if (e->GetLineNum() != current) {
            cursors.clear();
            current = e->GetLineNum();
        }
        const std::string_view name = e->Name();
        auto cursor = std::find_if(cursors.begin(), cursors.end(), [&](const Cursor& c) { return c.name == name; });
        const size_t found = FindStartTag(name, cursor != cursors.end() ? cursor->next : LineStart(current));
        if (found == std::string::npos) continue;
        e->SetUserData(reinterpret_cast<void*>(static_cast<uintptr_t>(found + 1)));
        if (cursor != cursors.end()) cursor->next = found + 1;
        else cursors.push_back({name, found + 1});
    }
}

// The first "<name" at or after `from` followed by white space, '>', '/' or the end.
size_t XmlFile::FindStartTag(std::string_view name, size_t from) const {
    for (size_t p = text.find('<', from); p != std::string::npos; p = text.find('<', p + 1)) {
        if (text.compare(p + 1, name.size(), name) != 0) continue;
        const size_t after = p + 1 + name.size();
        if (after == text.size() || IsSpace(text[after]) || text[after] == '>' || text[after] == '/') return p;
    }
    return std::string::npos;
}

size_t XmlFile::LineStart(int line) const {
    if (line < 1) return 0;
    const auto i = static_cast<size_t>(line - 1);
    return i < m_line_starts.size() ? m_line_starts[i] : text.size();
}

// Columns count characters (UTF-8 sequences), as an editor does.
int XmlFile::CharColumn(size_t line_start, size_t offset) const {
    size_t from = line_start;
    int chars = 0;
    if (m_column_cache.line_start == line_start && m_column_cache.offset <= offset) {
        from = m_column_cache.offset;
        chars = m_column_cache.chars;
    }
    for (size_t i = from; i < offset && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
    m_column_cache = {line_start, offset, chars};
    return chars + 1;
}

SourceLoc XmlFile::LocAtOffset(size_t offset) const {
    const auto it = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
    const int line = static_cast<int>(it - m_line_starts.begin());
    return {display, line, CharColumn(m_line_starts[static_cast<size_t>(line - 1)], offset)};
}

// Same, when the offset is probably on `line` (tinyxml2's line of the element): no search.
SourceLoc XmlFile::LocAtOffset(size_t offset, int line) const {
    const auto i = static_cast<size_t>(line - 1);
    if (line >= 1 && i < m_line_starts.size() && m_line_starts[i] <= offset &&
        (i + 1 == m_line_starts.size() || offset < m_line_starts[i + 1]))
        return {display, line, CharColumn(m_line_starts[i], offset)};
    return LocAtOffset(offset);
}

SourceLoc XmlFile::Loc(const XMLElement* e) const {
    if (const size_t at = OffsetPlusOne(e)) return LocAtOffset(at - 1, e->GetLineNum());
    return {display, e->GetLineNum(), 0};
}

// The attribute's name followed by '=' inside the element's start tag (up to its first '>').
SourceLoc XmlFile::AttrLoc(const XMLElement* e, const char* attr) const {
    const size_t at = OffsetPlusOne(e);
    if (!at) return Loc(e);
    const size_t end = std::min(text.find('>', at - 1), text.size());
    const size_t len = std::strlen(attr);
    for (size_t p = text.find(attr, at - 1); p != std::string::npos && p + len <= end; p = text.find(attr, p + 1)) {
        size_t q = p + len;
        while (q < text.size() && IsSpace(text[q])) ++q;
        if (IsSpace(text[p - 1]) && q < text.size() && text[q] == '=') return LocAtOffset(p, e->GetLineNum());
    }
    return Loc(e);
}

}  // namespace lectern

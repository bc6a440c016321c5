#include "course/internal/xml_syntax.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace lectern {

namespace {

bool NameStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || (c & 0x80); }
bool NameChar(char c) { return NameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }
bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

class Scanner {
public:
    explicit Scanner(std::string_view t) : m_t(t) {}

    std::optional<XmlSyntaxError> Run() {
        size_t p = Starts(0, "\xEF\xBB\xBF") ? 3 : 0;  // a byte-order mark
        bool root_seen = false;
        while (p < m_t.size()) {
            const size_t lt = m_t.find('<', p);
            if (auto e = CheckText(p, lt == std::string_view::npos ? m_t.size() : lt, root_seen)) return e;
            if (lt == std::string_view::npos) break;
            p = lt;
            if (Starts(p, "<!--")) {
                const size_t end = m_t.find("-->", p + 4);
                if (end == std::string_view::npos) return At(p, "a comment starts here and is never closed with -->");
                p = end + 3;
            } else if (Starts(p, "<![CDATA[")) {
                const size_t end = m_t.find("]]>", p);
                if (end == std::string_view::npos) return At(p, "a CDATA section starts here and is never closed with ]]>");
                p = end + 3;
            } else if (Starts(p, "<?")) {
                const size_t end = m_t.find("?>", p);
                if (end == std::string_view::npos) return At(p, "a processing instruction (<?...) starts here and is never closed with ?>");
                p = end + 2;
            } else if (Starts(p, "<!")) {
                const size_t end = m_t.find('>', p);
                if (end == std::string_view::npos) return At(p, "a declaration (<!...) starts here and is never closed with >");
                p = end + 1;
            } else if (Starts(p, "</")) {
                if (auto e = EndTag(p)) return e;
            } else {
                if (p + 1 >= m_t.size() || !NameStart(m_t[p + 1]))
                    return At(p, "a '<' that starts no element: in text, write it as &lt;");
                if (m_open.empty() && root_seen)
                    return At(p, "a second root element: a file holds exactly one (everything else goes inside it)");
                root_seen = true;
                if (auto e = StartTag(p)) return e;
            }
        }
        if (!m_open.empty()) {
            const Open& o = m_open.back();
            return At(o.at, "<" + o.name + "> is never closed: the file ends before its </" + o.name +
                                "> (is the file cut short, or the end tag misspelt?)");
        }
        if (!root_seen) return At(0, "the file has no root element");
        return std::nullopt;
    }

private:
    struct Open {
        std::string name;
        size_t at;
    };

    bool Starts(size_t p, const char* s) const { return m_t.compare(p, std::strlen(s), s) == 0; }

    XmlSyntaxError At(size_t offset, std::string message) const {
        XmlSyntaxError e;
        e.line = 1;
        size_t line_start = 0;
        for (size_t i = 0; i < offset && i < m_t.size(); ++i)
            if (m_t[i] == '\n') {
                ++e.line;
                line_start = i + 1;
            }
        e.col = 1;
        for (size_t i = line_start; i < offset && i < m_t.size(); ++i)
            if ((static_cast<unsigned char>(m_t[i]) & 0xC0) != 0x80) ++e.col;
        e.message = std::move(message);
        return e;
    }

    std::string Where(size_t offset) const {
        XmlSyntaxError e = At(offset, "");
        return "line " + std::to_string(e.line) + ", column " + std::to_string(e.col);
    }

    // Text between tags: entities well formed, and nothing but white space outside the root.
    std::optional<XmlSyntaxError> CheckText(size_t b, size_t e, bool root_seen) const {
        for (size_t i = b; i < e; ++i) {
            const char c = m_t[i];
            if (m_open.empty() && !Space(c))
                return At(i, root_seen ? "text after the root element's end tag: a file ends with its root element"
                                       : "text before the root element: a file starts with its root element");
            if (c == '&') {
                if (auto err = Entity(i)) return err;
            }
            if (c == '>' && i >= 2 && m_t[i - 1] == ']' && m_t[i - 2] == ']')
                return At(i - 2, "']]>' may not appear in text: write the '>' as &gt;");
        }
        return std::nullopt;
    }

    std::optional<XmlSyntaxError> Entity(size_t amp) const {
        size_t i = amp + 1;
        if (i < m_t.size() && m_t[i] == '#') {
            ++i;
            const bool hex = i < m_t.size() && m_t[i] == 'x';
            if (hex) ++i;
            const size_t digits = i;
            while (i < m_t.size() && (std::isdigit(static_cast<unsigned char>(m_t[i])) || (hex && std::isxdigit(static_cast<unsigned char>(m_t[i])))))
                ++i;
            if (i == digits || i >= m_t.size() || m_t[i] != ';')
                return At(amp, "a character reference must look like &#233; or &#xE9;");
            return std::nullopt;
        }
        const size_t name = i;
        while (i < m_t.size() && NameChar(m_t[i])) ++i;
        if (i == name || i >= m_t.size() || m_t[i] != ';')
            return At(amp, "a '&' that starts no entity: write it as &amp; (entities are &amp; &lt; &gt; &quot; &apos;)");
        const std::string_view n = m_t.substr(name, i - name);
        if (n != "amp" && n != "lt" && n != "gt" && n != "quot" && n != "apos")
            return At(amp, "&" + std::string(n) + "; is not an entity XML knows (only &amp; &lt; &gt; &quot; &apos;, or a number such as &#233;)");
        return std::nullopt;
    }

    std::optional<XmlSyntaxError> StartTag(size_t& p) {
        const size_t at = p;
        size_t i = p + 1;
        while (i < m_t.size() && NameChar(m_t[i])) ++i;
        const std::string name(m_t.substr(p + 1, i - p - 1));
        std::vector<std::string> seen;
        for (;;) {
            const size_t before_space = i;
            while (i < m_t.size() && Space(m_t[i])) ++i;
            if (i >= m_t.size()) return At(at, "<" + name + " is not finished: the file ends before its '>'");
            if (m_t[i] == '>') {
                m_open.push_back({name, at});
                p = i + 1;
                return std::nullopt;
            }
            if (m_t[i] == '/') {
                if (i + 1 < m_t.size() && m_t[i + 1] == '>') {
                    p = i + 2;
                    return std::nullopt;
                }
                return At(i, "a '/' inside the <" + name + "> tag: an empty element ends with '/>'");
            }
            if (m_t[i] == '<') return At(at, "<" + name + " is not finished: its '>' is missing before the next '<' at " + Where(i));
            if (!NameStart(m_t[i])) return At(i, "'" + std::string(1, m_t[i]) + "' inside the <" + name + "> tag, where an attribute name should be");
            if (i == before_space) return At(i, "attributes of <" + name + "> need a space between them");
            const size_t attr_at = i;
            while (i < m_t.size() && NameChar(m_t[i])) ++i;
            const std::string attr(m_t.substr(attr_at, i - attr_at));
            for (const std::string& s : seen)
                if (s == attr) return At(attr_at, "the attribute " + attr + " appears twice in <" + name + ">");
            seen.push_back(attr);
            while (i < m_t.size() && Space(m_t[i])) ++i;
            if (i >= m_t.size() || m_t[i] != '=')
                return At(attr_at, "the attribute " + attr + " of <" + name + "> has no value: write " + attr + "=\"...\"");
            ++i;
            while (i < m_t.size() && Space(m_t[i])) ++i;
            if (i >= m_t.size() || (m_t[i] != '"' && m_t[i] != '\''))
                return At(i < m_t.size() ? i : attr_at, "the value of " + attr + " must be in quotes: " + attr + "=\"...\"");
            const char quote = m_t[i];
            const size_t value = i;
            const size_t close = m_t.find(quote, i + 1);
            if (close == std::string_view::npos) return At(value, "the value of " + attr + " starts here and its closing quote is missing");
            for (size_t k = value + 1; k < close; ++k) {
                if (m_t[k] == '<') {
                    // Most often the closing quote is missing and the next tag got swallowed.
                    return At(value, "the value of " + attr + " has a '<' in it (at " + Where(k) + "): is its closing quote missing?");
                }
                if (m_t[k] == '&') {
                    if (auto e = Entity(k)) return e;
                }
            }
            i = close + 1;
        }
    }

    std::optional<XmlSyntaxError> EndTag(size_t& p) {
        const size_t at = p;
        size_t i = p + 2;
        while (i < m_t.size() && NameChar(m_t[i])) ++i;
        const std::string name(m_t.substr(p + 2, i - p - 2));
        while (i < m_t.size() && Space(m_t[i])) ++i;
        if (i >= m_t.size() || m_t[i] != '>') return At(at, "the end tag </" + name + " is not finished: its '>' is missing");
        p = i + 1;
        if (m_open.empty()) return At(at, "</" + name + "> closes nothing: no element is open here");
        if (m_open.back().name == name) {
            m_open.pop_back();
            return std::nullopt;
        }
        for (const Open& o : m_open)
            if (o.name == name) {
                // The end tag belongs further out: what is open inside was never closed.
                const Open& inner = m_open.back();
                return At(inner.at, "<" + inner.name + "> is not closed: </" + name + "> at " + Where(at) + " comes first; add </" +
                                        inner.name + "> before it");
            }
        return At(at, "</" + name + "> does not match the open <" + m_open.back().name + "> (" + Where(m_open.back().at) +
                          "): is one of them misspelt?");
    }

    std::string_view m_t;
    std::vector<Open> m_open;
};

}  // namespace

std::optional<XmlSyntaxError> FindXmlSyntaxError(std::string_view text) { return Scanner(text).Run(); }

}  // namespace lectern

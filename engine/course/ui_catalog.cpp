#include "course/ui_catalog.h"
#include "os/files.h"
#include "os/system.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace lectern {

const std::string& UiCatalog::Get(const std::string& english) const {
    auto it = text.find(english);
    return it == text.end() ? english : it->second;
}

std::string UiCatalog::Format(const std::string& english,
                              const std::vector<std::pair<std::string, std::string>>& args) const {
    const auto always = [](const std::string& value) { return !value.empty(); };
    const auto right_to_left_values = [](const std::string& value) { return HoldsRightToLeft(value); };
    return FillPlaceholders(Get(english), args, right_to_left ? +always : +right_to_left_values);
}

bool HoldsRightToLeft(const std::string& utf8) {
    const auto* u = reinterpret_cast<const unsigned char*>(utf8.data());
    const size_t n = utf8.size();
    for (size_t i = 0; i < n;) {
        const unsigned char c = u[i];
        if (c < 0xD6) {  // every codepoint below U+0590 (and ASCII)
            ++i;
            continue;
        }
        size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + len > n) break;
        uint32_t cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
        for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (u[i + k] & 0x3Fu);
        if ((cp >= 0x0590 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFE) ||
            (cp >= 0x10800 && cp <= 0x10FFF) || (cp >= 0x1E800 && cp <= 0x1EFFF) || cp == 0x200F || cp == 0x202B ||
            cp == 0x202E || cp == 0x2067)
            return true;
        i += len;
    }
    return false;
}

namespace {

bool NameChar(char c, bool first) {
    return (c >= 'a' && c <= 'z') || c == '_' || (!first && c >= '0' && c <= '9');
}

}  // namespace

bool Placeholders(const std::string& text, std::vector<std::string>* names, std::string* error) {
    names->clear();
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '}') {
            if (i + 1 < text.size() && text[i + 1] == '}') {
                ++i;
                continue;
            }
            *error = "a '}' with no '{' before it (write }} for a brace)";
            return false;
        }
        if (text[i] != '{') continue;
        if (i + 1 < text.size() && text[i + 1] == '{') {
            ++i;
            continue;
        }
        const size_t close = text.find('}', i);
        if (close == std::string::npos) {
            *error = "a '{' that is never closed (write {{ for a brace)";
            return false;
        }
        const std::string name = text.substr(i + 1, close - i - 1);
        bool ok = !name.empty();
        for (size_t k = 0; ok && k < name.size(); ++k) ok = NameChar(name[k], k == 0);
        if (!ok) {
            *error = "'{" + name + "}' is not a placeholder: names are lower-case letters, digits and _";
            return false;
        }
        names->push_back(name);
        i = close;
    }
    return true;
}

std::string FillPlaceholders(const std::string& text, const std::vector<std::pair<std::string, std::string>>& args,
                             bool (*isolate)(const std::string& value)) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
            out += c;
            ++i;
            continue;
        }
        const size_t close = c == '{' ? text.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += c;
            continue;
        }
        const std::string name = text.substr(i + 1, close - i - 1);
        const auto arg = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
        if (arg == args.end()) {
            out += text.substr(i, close - i + 1);
        } else if (isolate && isolate(arg->second)) {
            out += "\xE2\x81\xA8";  // U+2068 FIRST STRONG ISOLATE
            out += arg->second;
            out += "\xE2\x81\xA9";  // U+2069 POP DIRECTIONAL ISOLATE
        } else {
            out += arg->second;
        }
        i = close;
    }
    return out;
}

namespace {

// The string of a `keyword "..."` line, with \" \\ \n unescaped; false when malformed.
bool Quoted(const std::string& line, size_t from, std::string* out) {
    const size_t open = line.find('"', from);
    const size_t close = line.rfind('"');
    if (open == std::string::npos || close <= open) return false;
    if (line.find_first_not_of(" \t", close + 1) != std::string::npos) return false;
    out->clear();
    for (size_t i = open + 1; i < close; ++i) {
        if (line[i] == '\\' && i + 1 < close) {
            const char c = line[++i];
            *out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
            *out += line[i];
        }
    }
    return true;
}

}  // namespace

bool IsRightToLeftLanguage(const std::string& lang) {
    std::string primary = lang.substr(0, lang.find_first_of("-_"));
    for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* rtl : {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})
        if (primary == rtl) return true;
    return false;
}

UiCatalog ParseUiCatalog(const std::string& content, const std::string& file, Diagnostics& diagnostics) {
    UiCatalog catalog;
    std::istringstream in(content);
    std::string line, id;
    int number = 0, id_line = 0;
    bool have_id = false;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const size_t start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        std::string value;
        if (line.compare(start, 6, "msgid ") == 0) {
            if (have_id) diagnostics.Error({file, id_line, 1}, "catalog", "msgid without a msgstr after it");
            if (!Quoted(line, start + 5, &id)) {
                diagnostics.Error({file, number, static_cast<int>(start) + 1}, "catalog", "msgid needs one quoted string");
                have_id = false;
                continue;
            }
            have_id = true;
            id_line = number;
        } else if (line.compare(start, 7, "msgstr ") == 0) {
            if (!have_id) {
                diagnostics.Error({file, number, static_cast<int>(start) + 1}, "catalog", "msgstr without a msgid before it");
            } else if (!Quoted(line, start + 6, &value)) {
                diagnostics.Error({file, number, static_cast<int>(start) + 1}, "catalog", "msgstr needs one quoted string");
            } else if (catalog.text.count(id)) {
                diagnostics.Error({file, id_line, 1}, "catalog", "\"" + id + "\" is translated twice");
            } else if (!value.empty() && !id.empty()) {
                // A translation must carry the msgid's placeholders, no more and no fewer: a
                // missing {count} would show "Page 4 of", an unknown one "{pages}" to learners.
                std::vector<std::string> wanted, used;
                std::string problem;
                if (!Placeholders(id, &wanted, &problem)) {
                    diagnostics.Error({file, id_line, 1}, "catalog", "msgid: " + problem);
                } else if (!Placeholders(value, &used, &problem)) {
                    diagnostics.Error({file, number, static_cast<int>(start) + 1}, "catalog", "msgstr: " + problem);
                } else {
                    std::sort(wanted.begin(), wanted.end());
                    std::sort(used.begin(), used.end());
                    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
                    used.erase(std::unique(used.begin(), used.end()), used.end());
                    std::string missing, unknown;
                    for (const std::string& w : wanted)
                        if (!std::binary_search(used.begin(), used.end(), w)) missing += " {" + w + "}";
                    for (const std::string& u : used)
                        if (!std::binary_search(wanted.begin(), wanted.end(), u)) unknown += " {" + u + "}";
                    if (!missing.empty() || !unknown.empty()) {
                        std::string message = "the translation of \"" + id + "\" must use the placeholders of its msgid:";
                        if (!missing.empty()) message += " it leaves out" + missing;
                        if (!missing.empty() && !unknown.empty()) message += ";";
                        if (!unknown.empty()) message += " it has" + unknown + ", which the msgid has not";
                        diagnostics.Error({file, number, static_cast<int>(start) + 1}, "catalog", message + " (the English is shown)");
                    } else {
                        catalog.text.emplace(id, value);  // empty: not translated yet, English shows
                    }
                }
            }
            have_id = false;
        } else {
            diagnostics.Error({file, number, static_cast<int>(start) + 1}, "catalog",
                              "expected msgid \"...\" or msgstr \"...\" (or a # comment)");
        }
    }
    if (have_id) diagnostics.Error({file, id_line, 1}, "catalog", "msgid without a msgstr after it");
    return catalog;
}

UiCatalog LoadUiCatalog(const std::string& lang, const std::vector<std::string>& dirs, Diagnostics& diagnostics) {
    std::string primary = lang.substr(0, lang.find_first_of("-_"));
    for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    UiCatalog catalog;
    if (primary.empty() || primary == "en") return catalog;
    for (const std::string& dir : dirs) {
        const std::string path = dir + "/" + primary + ".po";
        std::ifstream in(os::Path(path), std::ios::binary);
        if (!in) continue;
        std::stringstream buffer;
        buffer << in.rdbuf();
        catalog = ParseUiCatalog(buffer.str(), path, diagnostics);
        catalog.lang = primary;
        catalog.right_to_left = IsRightToLeftLanguage(primary);
        return catalog;
    }
    return catalog;
}

std::vector<std::string> UiCatalogDirs() {
    std::vector<std::string> dirs;
    if (std::string exe = os::ExecutablePath(); !exe.empty())
        dirs.push_back(os::Utf8(os::Path(exe).parent_path() / "assets" / "strings"));
    dirs.push_back(std::string(LECTERN_DATA_DIR) + "/assets/strings");
    dirs.push_back(std::string(LECTERN_SOURCE_DIR) + "/assets/strings");
    return dirs;
}

}  // namespace lectern

#include "course/ui_catalog.h"
#include "os/files.h"
#include "os/system.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace lectern {

const std::string& UiCatalog::Get(const std::string& english) const {
    auto it = text.find(english);
    return it == text.end() ? english : it->second;
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
                catalog.text.emplace(id, value);  // empty: not translated yet, English shows
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

// Every word the interface shows comes from the catalog (assets/strings/en.po, translated in
// ar.po): a scan of engine/ui/*.cpp and engine/app/*.cpp finds every string literal, and one with
// words in it must be a catalog key (Tr, TrText, TrF, TrFText, UiKey), an ImGui id, or on the
// short list below of strings that are not interface text, each with its reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <cstring>
#include <regex>
#include <set>
#include <sstream>

#include "course/ui_catalog.h"

namespace lectern {
namespace {

std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream b;
    b << in.rdbuf();
    return b.str();
}

struct Literal {
    std::string text;  // adjacent literals joined, escapes decoded
    int line = 0;
    std::string call;  // the innermost call it is an argument of ("" outside any, "{" in braces)
    int argument = 0;  // its argument's index in that call
    std::string before;  // the source text just before it on its line (for "m_x = ...")
};

char Unescape(const std::string& s, size_t* i, std::string* out) {
    // *i at the backslash
    const char c = s[*i + 1];
    if (c == 'x') {
        size_t j = *i + 2;
        int v = 0, n = 0;
        while (j < s.size() && n < 2 && std::isxdigit(static_cast<unsigned char>(s[j]))) {
            v = v * 16 + std::stoi(std::string(1, s[j]), nullptr, 16);
            ++j, ++n;
        }
        out->push_back(static_cast<char>(v));
        *i = j;
        return 0;
    }
    const char* from = "nt\"\\'0";
    const char* to = "\n\t\"\\'\0";
    const char* p = std::strchr(from, c);
    out->push_back(p ? to[p - from] : c);
    *i += 2;
    return 0;
}

// The string literals of a C++ source, each with the call it is passed to. Comments,
// preprocessor lines and character literals are skipped.
std::vector<Literal> Literals(const std::string& s) {
    struct Open {
        std::string call;
        int argument = 0;
    };
    std::vector<Open> stack;
    std::vector<Literal> out;
    std::string last_word;
    int line = 1;
    size_t line_start = 0;
    bool line_has_code = false;
    for (size_t i = 0; i < s.size();) {
        const char c = s[i];
        if (c == '\n') {
            ++line, ++i, line_start = i, line_has_code = false;
            continue;
        }
        if (c == '#' && !line_has_code) {  // preprocessor line
            while (i < s.size() && s[i] != '\n') ++i;
            continue;
        }
        if (!std::isspace(static_cast<unsigned char>(c))) line_has_code = true;
        if (s.compare(i, 2, "//") == 0) {
            while (i < s.size() && s[i] != '\n') ++i;
            continue;
        }
        if (s.compare(i, 2, "/*") == 0) {
            const size_t end = s.find("*/", i + 2);
            for (size_t k = i; k < end && k < s.size(); ++k) line += s[k] == '\n';
            i = end == std::string::npos ? s.size() : end + 2;
            continue;
        }
        if (c == '\'') {
            i += s[i + 1] == '\\' ? 4 : 3;
            while (i < s.size() && s[i - 1] != '\'') ++i;  // '\x01'
            continue;
        }
        if (c == '"') {
            Literal lit;
            lit.line = line;
            lit.before = s.substr(line_start, i - line_start);
            if (!stack.empty()) lit.call = stack.back().call, lit.argument = stack.back().argument;
            // Adjacent literals are one string.
            for (;;) {
                ++i;
                while (i < s.size() && s[i] != '"') {
                    if (s[i] == '\\') Unescape(s, &i, &lit.text);
                    else lit.text.push_back(s[i++]);
                }
                ++i;
                size_t j = i;
                int newlines = 0;
                while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) newlines += s[j++] == '\n';
                if (j < s.size() && s[j] == '"') {
                    i = j;
                    line += newlines;
                    continue;
                }
                break;
            }
            out.push_back(lit);
            last_word.clear();
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ':') {
            size_t j = i;
            while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == ':')) ++j;
            last_word = s.substr(i, j - i);
            i = j;
            continue;
        }
        if (c == '(' || c == '{' || c == '[') {
            std::string name = c == '(' ? last_word : std::string(1, c);
            const size_t colons = name.rfind("::");
            if (colons != std::string::npos) name = name.substr(colons + 2);
            stack.push_back({name, 0});
        } else if ((c == ')' || c == '}' || c == ']') && !stack.empty()) {
            stack.pop_back();
        } else if (c == ',' && !stack.empty()) {
            ++stack.back().argument;
        } else if (c == ';') {
            // A lambda's or block's statements inside a call's parentheses keep their nesting.
        }
        if (!std::isspace(static_cast<unsigned char>(c))) last_word.clear();
        ++i;
    }
    return out;
}

// True when `text` has words in it: two letters in a row, once printf conversions are taken out.
bool HasWords(const std::string& text) {
    const std::string plain = std::regex_replace(text, std::regex("%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t)?[a-zA-Z%]"), " ");
    return std::regex_search(plain, std::regex("[A-Za-z]{2}"));
}

const std::set<std::string> kCatalogCalls = {"Tr", "TrText", "TrF", "TrFText", "UiKey"};

// Calls whose first argument is an id or a key, never shown.
const std::set<std::string> kIdCalls = {"PushID",     "GetID",       "BeginChild", "OpenPopup",  "BeginPopup", "IsPopupOpen",
                                        "BeginTable", "RichText",    "TreeNode",   "TreeNodeEx", "FocusAnchor", "InvisibleButton",
                                        "ChoiceRow",  "TableSetupColumn"};

// Calls whose strings are for the terminal, the trace or the program itself, not the window.
const std::set<std::string> kNotInterfaceCalls = {
    "fprintf",  "printf", "getenv", "UsageError", "is", "need", "KeyFailed", "runtime_error", "rfind",
    "sscanf",   "ThemeFromKey", "m_trace" /* ui::Trace: the trace */, "Changed" /* ui::Trace::Changed: a trace key */,
    // lectern's command line (app/options.cpp): the help and the mistakes, printed on the terminal
    "add_option", "add_flag", "type_name", "Fail", "CommandLine", "get_option",
    "NameIfFocused"};  // the focus trace's names for controls

// Files that draw nothing: every literal in them is for the trace, which end-to-end tests read.
const std::set<std::string> kNotInterfaceFiles = {"trace.cpp"};

struct Allowed {
    const char* file;  // file name in engine/ui or engine/app
    const char* text;  // the literal, or its start
    const char* why;
};

// Literals with words that are not interface text.
const std::vector<Allowed> kAllowed = {
    {"main.cpp", "Usage: lectern", "the --help text, printed on the terminal in English like every CLI message"},
    {"options.cpp", "Lectern plays", "the --help text, printed on the terminal in English like every CLI message"},
    {"options.cpp", "Keys: arrows", "the --help text's footer"}, {"options.cpp", "lectern", "the program's name"},
    {"main.cpp", "human-rights-security-cooperation", "the bundled course's folder name"},
    {"main.cpp", "course.xml", "a file name"},
    {"main.cpp", "share", "a folder name"}, {"main.cpp", "lectern", "a folder name"}, {"main.cpp", "content", "a folder name"},
    {"main.cpp", "-h", "command-line options"}, {"main.cpp", "--", "command-line options"},
    {"options.cpp", "home", "--screen's values"}, {"options.cpp", "reader", "--screen's values"},
    {"options.cpp", "glossary", "--screen's values"}, {"options.cpp", "references", "--screen's values"},
    {"options.cpp", "help", "--screen's values"}, {"options.cpp", "progress", "--screen's values"},
    {"options.cpp", "learners", "--screen's values"},
    {"kiosk_words.cpp", "chmod 600 ", "the command an administrator types, the same in every language"},
    {"blocks.cpp", "ar", "a language tag giving a callout's title its bar's direction, never shown"},
    {"blocks.cpp", "en", "a language tag giving a callout's title its bar's direction, never shown"},
    {"main.cpp", "data_dir", "a kiosk.conf key"}, {"main.cpp", "text_size", "a kiosk.conf key"},
    {"main.cpp", "-notes.png", "a file name"}, {"main.cpp", ".png", "a file name"},
    {"main.cpp", "Lectern", "the program's name (window title)"},
    {"main.cpp", "Lectern cannot start", "shown by the system before any course or catalog is loaded"},
    {"main.cpp", "an error of an unknown kind", "goes into the fault text after \"What happened:\", a program message"},
    {"main.cpp", "F12", "a test hook's value"},
    {"main.cpp", "en", "a language tag"}, {"app_frame.cpp", "en", "a language tag"},
    {"main.cpp", " \xE2\x80\x94 Lectern", "the window title's program name, after the course's title"},
    {"app_frame.cpp", "Lectern", "the main window's id (it has no title bar)"},
    {"app_frame.cpp", "a fault injected for testing", "a test hook's fault text"},
    {"app_frame.cpp", "display", "a popup id"},
    {"blocks.cpp", "alt", "a tree node's id"},
    {"question_widget.cpp", "cfb", "an id"}, {"question_widget.cpp", "hint", "an id"},
    {"question_widget.cpp", "true", "an id"}, {"question_widget.cpp", "false", "an id"},
    {"screen_quiz.cpp", "top", "an id"}, {"screen_quiz.cpp", "end", "an id"},
    {"screen_help.cpp", "Lectern ", "the program's name and version"},
    {"ui.h", "Light", "the default theme's name, a catalog key translated where it is drawn (app_frame.cpp)"},
    {"screen_admin.cpp", "/media/usb", "an example path"},
    {"screen_present.cpp", "Notes", "the notes window's id (it has no title bar)"},
    {"theme.cpp", "light", "a theme's key (--theme, kiosk.conf)"}, {"theme.cpp", "dark", "a theme's key"},
    {"theme.cpp", "contrast", "a theme's key"}, {"theme.cpp", "yellow", "a theme's key"},
    {"theme.cpp", "text on", "a colour pair's name in the contrast test"}, {"theme.cpp", "muted text on", "a colour pair's name"},
    {"theme.cpp", "link on", "a colour pair's name"}, {"theme.cpp", "term on", "a colour pair's name"},
    {"theme.cpp", "accent", "a colour pair's name"}, {"theme.cpp", "good on", "a colour pair's name"},
    {"theme.cpp", "bad on", "a colour pair's name"},
    {"input.cpp", "none", "the focus trace (DescribeFocus)"}, {"input.cpp", " ring", "the focus trace"},
    {"input.cpp", " no-ring", "the focus trace"}, {"input.cpp", " typing", "the focus trace"},
};

struct Finding {
    std::string where;
    std::string text;
};

bool IsAllowed(const std::string& file, const Literal& lit) {
    if (kCatalogCalls.count(lit.call) && lit.argument == 0) return true;
    // No words, or an ImGui id ("##home"; "%d##jump%d" shows only what is before the "##").
    if (!HasWords(lit.text.substr(0, lit.text.find("##")))) return true;
    if (kIdCalls.count(lit.call) && lit.argument == 0) return true;
    // A placeholder's name in TrF's arguments: {{"page", ...}}.
    if (lit.call == "{" && lit.argument == 0 && std::regex_match(lit.text, std::regex("[a-z_][a-z0-9_]*"))) return true;
    if (kNotInterfaceCalls.count(lit.call)) return true;
    if (lit.before.find("kUsage") != std::string::npos) return true;
    for (const Allowed& a : kAllowed)
        if (file == a.file && lit.text.rfind(a.text, 0) == 0) return true;
    return false;
}

std::vector<Finding> Uncatalogued(const std::string& file, const std::string& source) {
    std::vector<Finding> out;
    for (const Literal& lit : Literals(source))
        if (!IsAllowed(file, lit)) out.push_back({file + ":" + std::to_string(lit.line), lit.text});
    return out;
}

std::vector<std::filesystem::path> InterfaceSources() {
    std::vector<std::filesystem::path> out;
    for (const char* dir : {"/ui", "/app"})
        for (const auto& e : std::filesystem::directory_iterator(std::string(LECTERN_ENGINE_DIR) + dir))
            if (e.path().extension() == ".cpp" || e.path().extension() == ".h") out.push_back(e.path());
    return out;
}

TEST(UiStrings, TheScanFindsAStringDrawnOutsideTheCatalog) {
    // The test's own test: each of these draws English the catalog never sees.
    const std::vector<std::string> planted = {
        "void F() { ImGui::Button(\"Quit\"); }",
        "void F() { WrappedText(f, c, \"Nothing was saved\", w); }",
        "void F() { m_state.message = \"You can try your PIN again.\"; }",
        "void F() { x = Tr(\"Home\") + std::string(\" and more words\"); }",
        "void F() { std::snprintf(b, sizeof b, \"%d of %d questions\", a, n); }",
        "const char* k[] = {\"Escape\", \"Close a dialog\"};",
    };
    for (const std::string& source : planted) {
        EXPECT_EQ(Uncatalogued("screen_x.cpp", source).size(), source.find("k[]") != std::string::npos ? 2u : 1u) << source;
    }
    // ... and passes these: catalog keys, ids, printf formats, comments, the terminal.
    const std::string fine =
        "// \"a comment\" with words\n#include \"ui/screens.h\"\n"
        "void F() { ImGui::Button(Tr(\"Quit\")); ImGui::BeginChild(\"##home\"); RichText(\"title\", x);\n"
        "  TrFText(\"Page {page} of \" \"{count}\", {{\"page\", p}}); ImGui::Text(\"%d%%\", n); char c = '\"';\n"
        "  std::fprintf(stderr, \"trace: words\\n\"); const char* k = UiKey(\"Glossary\"); }\n";
    const std::vector<Finding> found = Uncatalogued("screen_x.cpp", fine);
    EXPECT_TRUE(found.empty()) << found.front().where << " \"" << found.front().text << "\"";
    // Adjacent literals are one key, with their line.
    const std::vector<Literal> lits = Literals("\n  Tr(\"one \"\n     \"two\")");
    ASSERT_EQ(lits.size(), 1u);
    EXPECT_EQ(lits[0].text, "one two");
    EXPECT_EQ(lits[0].line, 2);
}

TEST(UiStrings, EveryStringTheInterfaceShowsIsInTheCatalog) {
    int scanned = 0;
    for (const auto& path : InterfaceSources()) {
        ++scanned;
        if (kNotInterfaceFiles.count(path.filename().string())) continue;
        for (const Finding& f : Uncatalogued(path.filename().string(), Read(path.string())))
            ADD_FAILURE() << f.where << ": \"" << f.text
                          << "\" is shown but is not a catalog key: wrap it in Tr/TrText/TrF/TrFText (or UiKey where it "
                             "is kept and translated later), or, if it is not interface text, add it to kAllowed with why";
    }
    EXPECT_GT(scanned, 15);
}

// Below the interface, libraries say what happened as a code with its data (a name, seconds, a
// store error), and the interface words it from the catalog (ui/kiosk_words.cpp). These files are
// done: a literal with words in them is English built where no catalog reaches it, on its way to
// the screen. Their English for logs and tools is in kiosk/admin_describe.cpp and
// progress/store_opening_describe.cpp, outside the list. (The progress store's own messages,
// which the banner carries as {problem}, are still English: progress/progress_store.cpp.)
const std::vector<std::string> kSpeaksInCodes = {"kiosk/sign_in.cpp",         "kiosk/sign_in.h",          "kiosk/admin.cpp",
                                                 "kiosk/admin.h",             "kiosk/admin_files.cpp",    "kiosk/admin_files.h",
                                                 "progress/store_opening.cpp", "progress/store_opening.h"};

// Calls whose text is a record in English for whoever audits the machine, never shown on a
// screen: the administrator log's lines (exports carry it beside the progress files).
const std::set<std::string> kRecordCalls = {"AppendLog"};

// A file name, a setting's key or a log verb: lower case, no spaces ("admin.pin",
// "idle_timeout_seconds", "removed-learner-", "reset-pin"). Words on a screen have a space or a
// capital letter ("Guest", "not saved").
bool IsNameNotSentence(const std::string& text) { return std::regex_match(text, std::regex("[-a-z0-9_./]*")); }

std::vector<Finding> SentencesBuiltBelowTheInterface(const std::string& file, const std::string& source) {
    std::vector<Finding> out;
    for (const Literal& lit : Literals(source))
        if (HasWords(lit.text) && !kNotInterfaceCalls.count(lit.call) && !kRecordCalls.count(lit.call) && !IsNameNotSentence(lit.text))
            out.push_back({file + ":" + std::to_string(lit.line), lit.text});
    return out;
}

TEST(UiStrings, TheScanFindsASentenceBuiltBelowTheInterface) {
    // Each of these would reach the sign-in screen in English whatever the course's language.
    for (const std::string& source : {std::string("Decision d; d.name = \"Guest user\";"),
                                      std::string("return Refuse(std::string(\"PIN: \") + ToString(e));"),
                                      std::string("d.message = \"Too many wrong PINs. Try again in \" + n;"),
                                      std::string("return Done(false, \"Export failed: \" + why);"),
                                      std::string("r.message = \"Unlocked\";"),
                                      std::string("AppendLog(now, \"x\"); r.message = name + \" was removed\";")})
        EXPECT_EQ(SentencesBuiltBelowTheInterface("kiosk/x.cpp", source).size(), 1u) << source;
    const std::string fine = "// \"a comment\" with words\n#include \"kiosk/pin.h\"\nd.message = SignInMessage::WrongPin; x = \"\";\n"
                             "p = dir + \"/admin.pin\"; k = \"idle_timeout_seconds\"; AppendLog(now, \"remove\", n + \" (records in \" + f);\n";
    EXPECT_TRUE(SentencesBuiltBelowTheInterface("kiosk/x.cpp", fine).empty());
}

TEST(UiStrings, TheKioskLibrarySaysWhatHappenedInCodesNotInEnglish) {
    for (const std::string& file : kSpeaksInCodes) {
        const std::string source = Read(std::string(LECTERN_ENGINE_DIR) + "/" + file);
        EXPECT_FALSE(source.empty()) << file << " is missing or empty: the list names a file that is not there";
        for (const Finding& f : SentencesBuiltBelowTheInterface(file, source))
            ADD_FAILURE() << f.where << ": \"" << f.text
                          << "\" is English built below the interface: give it a code the interface words from the catalog";
    }
    // The codes reach the screen: ui/kiosk_words.cpp words them, and the interface scan above
    // holds it to the catalog.
    EXPECT_TRUE(std::filesystem::exists(std::string(LECTERN_ENGINE_DIR) + "/ui/kiosk_words.cpp"));
}

// en.po lists exactly the keys the code uses; every translation translates only those, with the
// same placeholders (ParseUiCatalog reports any difference), and ar.po translates all of them.
TEST(UiStrings, TheCatalogsHoldExactlyTheKeysTheCodeUses) {
    std::set<std::string> asked;
    for (const auto& path : InterfaceSources())
        for (const Literal& lit : Literals(Read(path.string())))
            if (kCatalogCalls.count(lit.call) && lit.argument == 0) asked.insert(lit.text);
    ASSERT_GT(asked.size(), 100u);
    const std::string dir = std::string(LECTERN_SOURCE_DIR) + "/assets/strings";
    Diagnostics d;
    const UiCatalog en = ParseUiCatalog(Read(dir + "/en.po"), dir + "/en.po", d);
    std::set<std::string> listed;
    {
        // en.po's msgstrs are empty (English is the msgid), so the keys come from the msgids.
        const std::string text = Read(dir + "/en.po");
        const std::regex id("^msgid \"((?:[^\"\\\\]|\\\\.)*)\"", std::regex::multiline);
        for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator(); ++it) {
            std::string key;
            const std::string raw = (*it)[1];
            for (size_t i = 0; i < raw.size();) {
                if (raw[i] == '\\') Unescape(raw, &i, &key);
                else key.push_back(raw[i++]);
            }
            listed.insert(key);
        }
    }
    for (const std::string& s : asked) EXPECT_TRUE(listed.count(s)) << "\"" << s << "\" is used in the code but missing from en.po";
    for (const std::string& s : listed) EXPECT_TRUE(asked.count(s)) << "en.po lists \"" << s << "\", which the code never uses";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().filename() == "en.po") continue;
        const UiCatalog c = ParseUiCatalog(Read(entry.path().string()), entry.path().string(), d);
        for (const auto& [english, translation] : c.text)
            EXPECT_TRUE(listed.count(english)) << entry.path() << " translates \"" << english << "\", not in en.po";
        if (entry.path().filename() == "ar.po") {
            for (const std::string& s : listed) EXPECT_TRUE(c.text.count(s)) << "ar.po does not translate \"" << s << "\"";
        }
    }
    EXPECT_TRUE(d.All().empty()) << d.FormatAll();
}

}  // namespace
}  // namespace lectern

#include "authoring/scripts.h"

#include <fontconfig/fontconfig.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "course/course_text.h"
#include "text/line_breaks.h"
#include "text/unicode.h"

#include "os/system.h"

namespace lectern {

namespace {

struct ScriptRange {
    char32_t first, last;
    const char* script;
    const char* package;  // the Debian package with a font for it
};

// By Unicode block, which is what fonts are built by; enough for the scripts a course is
// likely to use. Sorted by first; anything else is "Other" in fonts-noto-core.
const ScriptRange kScripts[] = {
    {0x0000, 0x0040, "Common", "fonts-dejavu-core"},
    {0x0041, 0x005A, "Latin", "fonts-dejavu-core"},
    {0x005B, 0x0060, "Common", "fonts-dejavu-core"},
    {0x0061, 0x007A, "Latin", "fonts-dejavu-core"},
    {0x007B, 0x00BF, "Common", "fonts-dejavu-core"},
    {0x00C0, 0x024F, "Latin", "fonts-dejavu-core"},
    {0x0250, 0x02FF, "Latin", "fonts-dejavu-core"},  // IPA, spacing modifiers
    {0x0300, 0x036F, "Common", "fonts-dejavu-core"},  // combining marks: the base's script
    {0x0370, 0x03FF, "Greek", "fonts-dejavu-core"},
    {0x0400, 0x052F, "Cyrillic", "fonts-dejavu-core"},
    {0x0530, 0x058F, "Armenian", "fonts-dejavu-core"},
    {0x0590, 0x05FF, "Hebrew", "fonts-dejavu-core"},
    {0x0600, 0x06FF, "Arabic", "fonts-dejavu-core"},
    {0x0700, 0x074F, "Syriac", "fonts-noto-core"},
    {0x0750, 0x077F, "Arabic", "fonts-noto-core"},
    {0x0780, 0x07BF, "Thaana", "fonts-noto-core"},
    {0x0900, 0x097F, "Devanagari", "fonts-noto-core"},
    {0x0980, 0x09FF, "Bengali", "fonts-noto-core"},
    {0x0A00, 0x0A7F, "Gurmukhi", "fonts-noto-core"},
    {0x0A80, 0x0AFF, "Gujarati", "fonts-noto-core"},
    {0x0B00, 0x0B7F, "Oriya", "fonts-noto-core"},
    {0x0B80, 0x0BFF, "Tamil", "fonts-noto-core"},
    {0x0C00, 0x0C7F, "Telugu", "fonts-noto-core"},
    {0x0C80, 0x0CFF, "Kannada", "fonts-noto-core"},
    {0x0D00, 0x0D7F, "Malayalam", "fonts-noto-core"},
    {0x0D80, 0x0DFF, "Sinhala", "fonts-noto-core"},
    {0x0E00, 0x0E7F, "Thai", "fonts-noto-core"},
    {0x0E80, 0x0EFF, "Lao", "fonts-noto-core"},
    {0x0F00, 0x0FFF, "Tibetan", "fonts-noto-core"},
    {0x1000, 0x109F, "Myanmar", "fonts-noto-core"},
    {0x10A0, 0x10FF, "Georgian", "fonts-dejavu-core"},
    {0x1100, 0x11FF, "Hangul", "fonts-noto-cjk"},
    {0x1200, 0x139F, "Ethiopic", "fonts-noto-core"},
    {0x13A0, 0x13FF, "Cherokee", "fonts-noto-core"},
    {0x1780, 0x17FF, "Khmer", "fonts-noto-core"},
    {0x1800, 0x18AF, "Mongolian", "fonts-noto-core"},
    {0x1E00, 0x1EFF, "Latin", "fonts-dejavu-core"},  // Vietnamese and other extended Latin
    {0x1F00, 0x1FFF, "Greek", "fonts-dejavu-core"},
    {0x2000, 0x2BFF, "Common", "fonts-dejavu-core"},  // punctuation, symbols, arrows, shapes
    {0x2E80, 0x2FDF, "Han", "fonts-noto-cjk"},
    {0x3000, 0x303F, "Common", "fonts-noto-cjk"},  // CJK punctuation
    {0x3040, 0x309F, "Hiragana", "fonts-noto-cjk"},
    {0x30A0, 0x30FF, "Katakana", "fonts-noto-cjk"},
    {0x3100, 0x312F, "Bopomofo", "fonts-noto-cjk"},
    {0x3130, 0x318F, "Hangul", "fonts-noto-cjk"},
    {0x3190, 0x33FF, "Han", "fonts-noto-cjk"},
    {0x3400, 0x4DBF, "Han", "fonts-noto-cjk"},
    {0x4E00, 0x9FFF, "Han", "fonts-noto-cjk"},
    {0xA000, 0xA4CF, "Yi", "fonts-noto-core"},
    {0xAC00, 0xD7AF, "Hangul", "fonts-noto-cjk"},
    {0xF900, 0xFAFF, "Han", "fonts-noto-cjk"},
    {0xFB1D, 0xFB4F, "Hebrew", "fonts-dejavu-core"},
    {0xFB50, 0xFDFF, "Arabic", "fonts-dejavu-core"},
    {0xFE70, 0xFEFF, "Arabic", "fonts-dejavu-core"},
    {0xFF00, 0xFFEF, "Common", "fonts-noto-cjk"},  // full-width forms
    {0x1F000, 0x1FAFF, "Emoji", "fonts-noto-color-emoji"},
    {0x20000, 0x3FFFF, "Han", "fonts-noto-cjk"},
};

const ScriptRange* Find(char32_t cp) {
    auto it = std::upper_bound(std::begin(kScripts), std::end(kScripts), cp,
                               [](char32_t c, const ScriptRange& r) { return c < r.first; });
    if (it == std::begin(kScripts)) return nullptr;
    --it;
    return cp <= it->last ? &*it : nullptr;
}

using unicode::ForEachCodepoint;

bool IsThai(char32_t cp) { return cp >= 0x0E00 && cp <= 0x0E7F; }
bool IsHanOrKana(char32_t cp) {
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}
// White space, and the punctuation of CJK text (which is written between words, not in them).
bool IsSpace(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20);
}

// Words in a run of Thai letters, by libthai's dictionary.
int ThaiWords(const std::u32string& run) { return run.empty() ? 0 : static_cast<int>(ThaiWordBreaks(run).size()) + 1; }

}  // namespace

const char* ScriptOf(char32_t cp) {
    const ScriptRange* r = Find(cp);
    return r ? r->script : "Other";
}

const char* FontPackageFor(char32_t cp) {
    if (cp >= 0xE000 && cp <= 0xF8FF) return "";  // private use: no public font
    const ScriptRange* r = Find(cp);
    return r ? r->package : "fonts-noto-core";
}

FontCoverage FontCoverage::Families(const std::vector<std::string>& families) {
    FontCoverage coverage;
    if (!(os::PrepareFontLookup(), FcInit())) return coverage;
    FcPattern* pattern = FcPatternCreate();
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    FcObjectSet* objects = FcObjectSetBuild(FC_CHARSET, FC_FAMILY, nullptr);
    FcFontSet* fonts = FcFontList(nullptr, pattern, objects);
    FcObjectSetDestroy(objects);
    FcPatternDestroy(pattern);
    FcCharSet* all = FcCharSetCreate();
    for (int i = 0; fonts && i < fonts->nfont; ++i) {
        if (!families.empty()) {
            FcChar8* family = nullptr;
            bool wanted = false;
            for (int k = 0; FcPatternGetString(fonts->fonts[i], FC_FAMILY, k, &family) == FcResultMatch; ++k)
                wanted = wanted || std::find(families.begin(), families.end(),
                                             reinterpret_cast<const char*>(family)) != families.end();
            if (!wanted) continue;
        }
        FcCharSet* set = nullptr;
        if (FcPatternGetCharSet(fonts->fonts[i], FC_CHARSET, 0, &set) == FcResultMatch) FcCharSetMerge(all, set, nullptr);
    }
    if (fonts) FcFontSetDestroy(fonts);
    coverage.m_set = std::shared_ptr<void>(all, [](void* p) { FcCharSetDestroy(static_cast<FcCharSet*>(p)); });
    return coverage;
}

FontCoverage FontCoverage::Installed() { return Families({}); }

bool FontCoverage::Has(char32_t cp) const {
    return m_set && FcCharSetHasChar(static_cast<FcCharSet*>(m_set.get()), cp);
}

void CheckCharacters(const Course& course, const std::string& course_path, const FontCoverage& fonts,
                     Diagnostics& diagnostics) {
    // The files the course came from, as the loader named them in its locations.
    std::set<std::string> files;
    std::string root = course_path;
    if (root.size() > 4 && root.compare(root.size() - 4, 4, ".xml") == 0) {
        files.insert(root);
    } else {
        while (root.size() > 1 && root.back() == '/') root.pop_back();
        files.insert(root + "/course.xml");
    }
    auto add = [&](const SourceLoc& loc) {
        if (!loc.file.empty()) files.insert(loc.file);
    };
    for (const Module& m : course.modules) {
        add(m.loc);
        if (m.quiz) add(m.quiz->loc);
    }
    if (course.assessment) add(course.assessment->loc);
    for (const GlossaryEntry& g : course.glossary) add(g.loc);
    for (const Reference& r : course.references) add(r.loc);

    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) continue;  // the loader already read it; a file gone since is not ours to report
        std::stringstream buffer;
        buffer << in.rdbuf();
        const std::string text = buffer.str();
        struct First {
            int line = 0, col = 0, count = 0;
        };
        std::map<char32_t, First> found;
        int line = 1, col = 0;
        bool in_comment = false;
        auto note = [&](char32_t cp, int l, int c) {
            if (cp < 0x80) return;
            const bool drawable = fonts.Has(cp);
            if (drawable || (cp >= 0xFE00 && cp <= 0xFE0F)) return;  // variation selectors: no ink
            First& f = found[cp];
            if (f.count++ == 0) {
                f.line = l;
                f.col = c;
            }
        };
        ForEachCodepoint(text, [&](char32_t cp, size_t at) {
            if (cp == '\n') {
                ++line;
                col = 0;
                return;
            }
            ++col;
            if (in_comment) {
                in_comment = text.compare(at, 3, "-->") != 0;
                return;
            }
            if (cp == '<' && text.compare(at, 4, "<!--") == 0) {
                in_comment = true;
                return;
            }
            // A character written as a reference (&#x4E2D; or &#20013;) is text too.
            if (cp == '&' && at + 2 < text.size() && text[at + 1] == '#') {
                const bool hex = text[at + 2] == 'x' || text[at + 2] == 'X';
                size_t end = text.find(';', at);
                if (end != std::string::npos && end - at < 12) {
                    const std::string digits = text.substr(at + (hex ? 3 : 2), end - at - (hex ? 3 : 2));
                    char* stop = nullptr;
                    unsigned long value = std::strtoul(digits.c_str(), &stop, hex ? 16 : 10);
                    if (!digits.empty() && stop && *stop == '\0') note(static_cast<char32_t>(value), line, col);
                }
                return;
            }
            note(cp, line, col);
        });
        for (const auto& [cp, first] : found) {
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
            const std::string times = first.count > 1 ? " (" + std::to_string(first.count) + " times in this file)" : "";
            const SourceLoc loc{file, first.line, first.col};
            const std::string package = FontPackageFor(cp);
            diagnostics.Warning(loc, "no-font",
                                std::string(hex) + " (" + ScriptOf(cp) + ") has no installed font" + times +
                                    (package.empty() ? ": no Debian font package draws it"
                                                     : "; install " + package + " (apt-get install " + package + ")"));
        }
    }
}

int CountWordsInScripts(std::string_view text) {
    int words = 0;
    bool in_word = false;  // inside a space-separated word with something that is not Han/Thai
    std::u32string thai;
    auto flush_thai = [&] {
        if (!thai.empty()) words += ThaiWords(thai);
        thai.clear();
    };
    ForEachCodepoint(text, [&](char32_t cp, size_t) {
        if (IsThai(cp)) {
            thai.push_back(cp);
            in_word = false;
            return;
        }
        flush_thai();
        if (IsSpace(cp)) {
            in_word = false;
        } else if (IsHanOrKana(cp)) {
            ++words;
            in_word = false;
        } else if (!in_word) {
            ++words;
            in_word = true;
        }
    });
    flush_thai();
    return words;
}

std::map<std::string, int> ScriptsUsed(const Course& course) {
    std::map<std::string, int> used;
    ForEachText(course, [&](std::string_view text) {
        ForEachCodepoint(text, [&](char32_t cp, size_t) {
            const char* script = ScriptOf(cp);
            if (std::string_view(script) != "Common") ++used[script];
        });
    });
    return used;
}

}  // namespace lectern

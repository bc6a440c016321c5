// The interface's own words in other languages: one catalog file per language in
// assets/strings/ (en.po lists every string; ar.po translates them), in the .po subset
// `msgid "English"` / `msgstr "translation"`, so translators' tools read them. The course's
// `lang` picks the catalog; a string the catalog lacks stays English.
//
// Strings with numbers or names in them carry named placeholders, `{page}`, which a translation
// may put in any order ("Page {page} of {count}" -> "الصفحة {page} من {count}"); `{{` and `}}`
// are literal braces. A translation must use exactly the placeholders of its msgid, else it is
// reported at its line and the English is shown.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "course/diagnostics.h"

namespace lectern {

struct UiCatalog {
    std::string lang;                          // "ar"; empty for English
    bool right_to_left = false;                // the language is written right to left
    std::map<std::string, std::string> text;   // English -> translation (never empty)

    // The translation of `english`, or `english` itself.
    const std::string& Get(const std::string& english) const;
    // The same with its placeholders filled from `args` (name, value); a placeholder with no
    // value stays as written, so a mistake shows instead of vanishing. In a right-to-left
    // catalog, and for a value holding right-to-left letters, each value is a bidi isolate
    // (U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE, UAX #9 X5c): a Latin
    // path keeps its leading "/" at its left inside an Arabic sentence, and an Arabic name does
    // not pull the English words and digits after it into its own order. The isolates have no
    // ink and no width (the atlas bakes them empty, HarfBuzz hides them).
    std::string Format(const std::string& english, const std::vector<std::pair<std::string, std::string>>& args) const;
};

// The placeholder names in `text`, in order, or false with *error saying what is wrong (an
// unclosed or empty brace, a name that is not [a-z_][a-z0-9_]*).
bool Placeholders(const std::string& text, std::vector<std::string>* names, std::string* error);

// `text` with each `{name}` replaced by its value in `args` and `{{`/`}}` by one brace;
// `isolate` says which values go between U+2068 and U+2069 (none when not given).
std::string FillPlaceholders(const std::string& text, const std::vector<std::pair<std::string, std::string>>& args,
                             bool (*isolate)(const std::string& value) = nullptr);

// True when `utf8` holds a right-to-left letter or mark (Hebrew, Arabic, Syriac, Thaana, NKo,
// their presentation forms, the historic right-to-left scripts, RLM/RLE/RLO/RLI).
bool HoldsRightToLeft(const std::string& utf8);

// True for a BCP 47 tag whose language is written right to left ("ar", "fa-IR", "he", "ur",
// "yi", "ps", "sd", "ug", "dv", "ckb"): the interface mirrors, paragraphs lay out from the right.
bool IsRightToLeftLanguage(const std::string& lang);

// Reads one catalog; every problem is reported at file:line, and the entries before and after
// it are kept.
UiCatalog ParseUiCatalog(const std::string& content, const std::string& file, Diagnostics& diagnostics);

// The catalog for `lang` (BCP 47: "ar", "ar-EG" picks ar.po) from the first of `dirs` holding
// one, else an empty (English) catalog.
UiCatalog LoadUiCatalog(const std::string& lang, const std::vector<std::string>& dirs, Diagnostics& diagnostics);

// Where the catalogs are: assets/strings beside the program (the Windows zip), the installed data
// folder, then the source tree.
std::vector<std::string> UiCatalogDirs();

}  // namespace lectern

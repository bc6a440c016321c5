// The interface's own words in other languages: one catalog file per language in
// assets/strings/ (en.po lists every string; ar.po translates them), in the .po subset
// `msgid "English"` / `msgstr "translation"`, so translators' tools read them. The course's
// `lang` picks the catalog; a string the catalog lacks stays English.
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
};

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

#include "ui/contents_label.h"

#include <cctype>

#include "text/unicode.h"
#include "ui/kiosk_words.h"  // CurrentCatalog
#include "ui/shaped_text.h"

namespace lectern::ui {
namespace {

bool LatinWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

bool TitleSays(const std::string& title, const std::string& word) {
    const std::string t = unicode::ComparisonKey(title), w = unicode::ComparisonKey(word);
    if (w.empty()) return false;
    for (size_t at = t.find(w); at != std::string::npos; at = t.find(w, at + 1)) {
        const bool starts = at == 0 || !LatinWordByte(t[at - 1]);
        const bool ends = at + w.size() == t.size() || !LatinWordByte(t[at + w.size()]);
        if (starts && ends) return true;
    }
    return false;
}

std::string QuizRowLabel(const UiCatalog& catalog, const std::string& title) {
    // Said in English too: an Arabic course may title its quiz "Quiz 1".
    const char* word = UiKey("Quiz");
    if (TitleSays(title, catalog.Get(word)) || TitleSays(title, word)) return title;
    return catalog.Format(UiKey("Quiz: {title}"), {{"title", title}});
}

std::string QuizRowLabel(const std::string& title) { return QuizRowLabel(CurrentCatalog(), title); }

}  // namespace lectern::ui

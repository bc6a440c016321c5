// Unicode text as Lectern compares and stores it: one implementation (utf8proc) for learner
// names, typed answers and anything else that must match "the same text" however it was typed.
//
// Two strings are the same for comparison when their keys are equal: canonical composition
// (NFC, so "é" typed as e + U+0301 matches the precomposed letter), full Unicode case folding
// ("ß" matches "SS", Cyrillic and Greek fold, Turkish "İ" folds to "i̇"), default-ignorable
// characters removed (soft hyphen, zero-width space, joiners), white space trimmed and every run
// of Unicode white space collapsed to one space. Accents are kept: "é" is not "e".
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace lectern::unicode {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

// `text` in Normalization Form C. Ill-formed bytes are replaced with U+FFFD first, so the result is
// always valid UTF-8.
std::string Nfc(std::string_view text);

// True when `text` is certainly in NFC, judged character by character without normalising (a
// false answer only means "normalise to be sure"). Nfc uses it to skip work; public for tests.
bool IsNfcQuick(std::string_view text);

// The comparison key described above. Ill-formed bytes become U+FFFD (they still count).
std::string ComparisonKey(std::string_view text);

// Number of codepoints in `text` (an ill-formed byte counts as one).
size_t CodepointCount(std::string_view text);

// Calls visit(codepoint, byte offset) for each character of `text`; an ill-formed byte is U+FFFD.
void ForEachCodepoint(std::string_view text, const std::function<void(char32_t, size_t)>& visit);

}  // namespace lectern::unicode

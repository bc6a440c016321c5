#include "text/unicode.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace lectern::unicode {

namespace {

template <typename Visit>
void ForEach(std::string_view text, Visit&& visit) {
    ForEachCodepoint(text, [&](char32_t cp, size_t) { visit(static_cast<utf8proc_int32_t>(cp)); });
}

void Append(std::string& out, utf8proc_int32_t cp) {
    utf8proc_uint8_t buffer[4];
    const utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
}

std::string Sanitized(std::string_view text) {
    if (IsValidUtf8(text)) return std::string(text);
    std::string out;
    out.reserve(text.size());
    ForEach(text, [&](utf8proc_int32_t cp) { Append(out, cp); });
    return out;
}

std::string Map(std::string_view text, int options) {
    const std::string valid = Sanitized(text);
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.c_str()),
                                            static_cast<utf8proc_ssize_t>(valid.size()), &mapped,
                                            static_cast<utf8proc_option_t>(options));
    if (n < 0 || !mapped) return valid;  // only on allocation failure: the text as it was
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<size_t>(n));
}

// True when NFC would leave `text` as it is, decided per character without normalising: a
// course is mostly Latin and punctuation, and NFC of a whole course costs tens of milliseconds
// at start-up. Conservative: a false "no" only costs the real normalisation.
bool SurelyNfc(std::string_view text) {
    bool sure = true;
    ForEachCodepoint(text, [&](char32_t c, size_t) {
        if (!sure || c < 0x300) return;
        const auto cp = static_cast<utf8proc_int32_t>(c);
        if (c == 0xFFFD || (c >= 0x1100 && c <= 0x11FF)) {  // ill-formed; Hangul jamo compose
            sure = false;
            return;
        }
        const utf8proc_property_t* p = utf8proc_get_property(cp);
        // Marks reorder and compose; excluded characters decompose; in scripts from Devanagari
        // on, some vowel signs with class 0 still compose with what precedes them.
        if (p->combining_class != 0 || p->comp_exclusion || (c >= 0x900 && p->comb_index != UINT16_MAX)) {
            sure = false;
            return;
        }
        // Past the Latin, Greek and Cyrillic blocks, any canonical decomposition may hide a
        // rule (Tibetan U+0F73 decomposes and never recomposes): normalise to be sure.
        if (c >= 0x900 && p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
            sure = false;
            return;
        }
        // Singletons (U+0374 GREEK NUMERAL SIGN is U+02B9) decompose to one other character.
        if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0) {
            utf8proc_int32_t out[4];
            int last = 0;
            const utf8proc_ssize_t n = utf8proc_decompose_char(cp, out, 4, UTF8PROC_DECOMPOSE, &last);
            if (n == 1 && out[0] != cp) sure = false;
        }
    });
    return sure;
}

bool IsWhiteSpace(utf8proc_int32_t cp) {
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85) return true;
    const utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    size_t i = 0;
    while (i < text.size()) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
        if (n <= 0) return false;
        i += static_cast<size_t>(n);
    }
    return true;
}

std::string Nfc(std::string_view text) {
    if (SurelyNfc(text)) return std::string(text);
    return Map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

bool IsNfcQuick(std::string_view text) { return SurelyNfc(text); }

std::string ComparisonKey(std::string_view text) {
    const std::string folded =
        Map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    std::string out;
    out.reserve(folded.size());
    bool pending_space = false;
    ForEach(folded, [&](utf8proc_int32_t cp) {
        if (IsWhiteSpace(cp)) {
            pending_space = true;
            return;
        }
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        Append(out, cp);
    });
    return out;
}

void ForEachCodepoint(std::string_view text, const std::function<void(char32_t, size_t)>& visit) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    size_t i = 0;
    while (i < text.size()) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
        if (n <= 0) {
            cp = 0xFFFD;
            n = 1;
        }
        visit(static_cast<char32_t>(cp), i);
        i += static_cast<size_t>(n);
    }
}

size_t CodepointCount(std::string_view text) {
    size_t n = 0;
    ForEach(text, [&](utf8proc_int32_t) { ++n; });
    return n;
}

}  // namespace lectern::unicode

#include "text/line_breaks.h"

#include "os/system.h"

#include <linebreak.h>
#ifndef UNIBREAK_VERSION  // libunibreak 1.x: its class table, for rule LB24 below
extern "C" {
#include <linebreakdef.h>
}
#endif
#include <thai/thbrk.h>
#include <thai/thwbrk.h>
#include <utf8proc.h>

#include <mutex>

namespace lectern {

namespace {

bool IsThai(utf8proc_int32_t cp) { return cp >= 0x0E01 && cp <= 0x0E7F; }

#ifndef UNIBREAK_VERSION
// UAX #14 rule LB24 as Unicode 9.0 restated it (L2/16-043R): no break between a letter and a
// prefix or postfix sign, "(AL | HL) × (PR | PO)". libunibreak 1.1 (Debian 12's, UAX #14 of
// Unicode 6.2) predates it and breaks "Shift|+Space", "Ctrl|+0", "abc|%": a key chord split
// across two lines. libunibreak 4 and later (the Windows build's 6.1) keep them together, and
// this makes the Linux build break as they do. Only breaks the newer rule forbids are cleared.
LineBreakClass ClassOf(utf32_t cp) {
    static const LineBreakProperties* const end = [] {
        const LineBreakProperties* e = lb_prop_default;
        while (e->start != 0xFFFFFFFF) ++e;  // the table ends with such an entry
        return e;
    }();
    const LineBreakProperties* lo = lb_prop_default;
    const LineBreakProperties* hi = end;
    while (lo < hi) {
        const LineBreakProperties* mid = lo + (hi - lo) / 2;
        if (cp > mid->end) lo = mid + 1;
        else hi = mid;
    }
    return lo != end && cp >= lo->start ? lo->prop : LBP_XX;
}

void KeepLettersWithPrefixesAndPostfixes(std::string_view utf8, std::vector<LineBreak>& out) {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
    bool letter = false;  // the last character, marks after it included (LB9), is a letter
    size_t last_byte = 0;
    size_t i = 0;
    while (i < utf8.size()) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(utf8.size() - i), &cp);
        if (n <= 0) n = 1;
        const LineBreakClass c = cp < 0 ? LBP_XX : ClassOf(static_cast<utf32_t>(cp));
        if (letter && (c == LBP_PR || c == LBP_PO) && out[last_byte] == LineBreak::Allowed) out[last_byte] = LineBreak::None;
        // Classes that rule LB1 resolves to AL (ambiguous, South-East Asian, unknown), and HL.
        if (c != LBP_CM) letter = c == LBP_AL || c == LBP_HL || c == LBP_AI || c == LBP_SA || c == LBP_XX;
        i += static_cast<size_t>(n);
        last_byte = i - 1;
    }
}
#endif

}  // namespace

std::vector<int> ThaiWordBreaks(const std::u32string& thai) {
    // One breaker for the process: it maps the dictionary once. libthai does not promise that
    // one breaker may be used by two threads at once, so calls take turns.
    static std::mutex mutex;
    // The dictionary is libthai's own (libthai-data) on Linux; the Windows zip carries a copy
    // beside the program, as libthai built there has no system folder to look in.
    static const std::string beside = os::FileBesideExecutable("thbrk.tri");
    static ThBrk* breaker = th_brk_new(beside.empty() ? nullptr : beside.c_str());
    std::vector<int> out;
    if (!breaker || thai.size() < 2) return out;
    std::vector<thwchar_t> wide(thai.begin(), thai.end());
    wide.push_back(0);
    out.resize(thai.size());
    std::lock_guard<std::mutex> lock(mutex);
    const int n = th_brk_wc_find_breaks(breaker, wide.data(), out.data(), out.size());
    out.resize(n > 0 ? static_cast<size_t>(n) : 0);
    // A break at the very end is the end of the run, not a boundary inside it.
    while (!out.empty() && out.back() >= static_cast<int>(thai.size())) out.pop_back();
    return out;
}

std::vector<LineBreak> FindLineBreaks(std::string_view utf8, const std::string& lang) {
    static std::once_flag once;
    std::call_once(once, init_linebreak);
    std::vector<LineBreak> out(utf8.size(), LineBreak::None);
    if (utf8.empty()) return out;
    std::vector<char> brks(utf8.size());
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(utf8.data()), utf8.size(), lang.empty() ? nullptr : lang.c_str(),
                        brks.data());
    for (size_t i = 0; i < utf8.size(); ++i) {
        if (brks[i] == LINEBREAK_MUSTBREAK) out[i] = LineBreak::Must;
        else if (brks[i] == LINEBREAK_ALLOWBREAK) out[i] = LineBreak::Allowed;
    }
    // UAX #14 LB3: always break at the end of the text. libunibreak 5 (Debian 12, Linux) says so;
    // 6 (the Windows build's) leaves the end undecided, and a paragraph's last line would not end.
    out.back() = LineBreak::Must;
#ifndef UNIBREAK_VERSION
    KeepLettersWithPrefixesAndPostfixes(utf8, out);
#endif

    // Thai: libunibreak (UAX #14, class SA) never breaks inside a run of Thai letters; the
    // dictionary says where its words end.
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
    std::u32string thai;
    std::vector<size_t> last_byte;  // of each character in `thai`
    auto flush = [&] {
        for (int at : ThaiWordBreaks(thai)) {
            const size_t byte = last_byte[static_cast<size_t>(at) - 1];
            if (out[byte] == LineBreak::None) out[byte] = LineBreak::Allowed;
        }
        thai.clear();
        last_byte.clear();
    };
    size_t i = 0;
    while (i < utf8.size()) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(utf8.size() - i), &cp);
        if (n <= 0) n = 1;
        if (n > 0 && IsThai(cp)) {
            thai.push_back(static_cast<char32_t>(cp));
            last_byte.push_back(i + static_cast<size_t>(n) - 1);
        } else {
            flush();
        }
        i += static_cast<size_t>(n);
    }
    flush();
    return out;
}

}  // namespace lectern

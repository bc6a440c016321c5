#include "course/internal/white_space.h"

namespace lectern {

namespace {

// The length of the white space or gap marker at p, in bytes; 0 when there is neither.
inline size_t SpaceLength(const char* p, const char* end) {
    if (IsSpace(*p)) return 1;
    return *p == kGapMarker[0] && IsGapMarker(p, end) ? kGapMarker.size() : 0;
}

}  // namespace

bool IsBlank(std::string_view text) {
    const char* const end = text.data() + text.size();
    for (const char* p = text.data(); p < end;) {
        const size_t n = SpaceLength(p, end);
        if (n == 0) return false;
        p += n;
    }
    return true;
}

// Written in place into room made once: collapsing only ever shortens the text, and appending
// word by word cost a call (and a capacity check) per word. The inner loop copies a word and
// tests each byte once; the space is written once per word, not tested for at every byte.
void AppendCollapsed(std::string& out, std::string_view text) {
    const size_t start = out.size();
    out.resize(start + text.size());
    char* w = out.data() + start;
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        size_t n = SpaceLength(p, end);
        if (n != 0) {
            do p += n;
            while (p < end && (n = SpaceLength(p, end)) != 0);
            *w++ = ' ';
            continue;
        }
        do {
            *w++ = *p++;
        } while (p < end && !IsSpace(*p) && *p != kGapMarker[0]);
    }
    out.resize(static_cast<size_t>(w - out.data()));
}

std::string CollapseSpace(std::string_view text) {
    std::string out;
    AppendCollapsed(out, text);
    return out;
}

std::string Trim(std::string_view text) {
    size_t a = 0, b = text.size();
    while (a < b && IsSpace(text[a])) ++a;
    while (b > a && IsSpace(text[b - 1])) --b;
    return std::string(text.substr(a, b - a));
}

std::string CollapseTrim(const char* text) {
    if (!text) return {};
    std::string out = CollapseSpace(text);  // at most one space at either end
    if (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

std::string WithoutGapMarkers(std::string_view text) {
    std::string out;
    const char* const end = text.data() + text.size();
    for (const char* p = text.data(); p < end; ++p) {
        out.push_back(*p);
        if (*p == '>' && IsGapMarker(p + 1, end)) p += kGapMarker.size();
    }
    return out;
}

// In place: runs only ever merge or drop, so each is moved at most once, to its final place.
void NormalizeRuns(Inline& runs) {
    size_t kept = 0;  // runs[0, kept) are settled
    for (size_t i = 0; i < runs.size(); ++i) {
        Run& r = runs[i];
        if (kept > 0 && !runs[kept - 1].text.empty() && runs[kept - 1].text.back() == ' ' && !r.text.empty() &&
            r.text.front() == ' ')
            r.text.erase(0, 1);
        if (r.text.empty()) continue;
        Run* prev = kept > 0 ? &runs[kept - 1] : nullptr;
        if (prev && prev->kind == r.kind && prev->bold == r.bold && prev->italic == r.italic && prev->ref == r.ref &&
            prev->lang == r.lang && prev->span_lang == r.span_lang)
            prev->text += r.text;
        else if (kept++ != i)
            runs[kept - 1] = std::move(r);
    }
    runs.erase(runs.begin() + static_cast<std::ptrdiff_t>(kept), runs.end());
    while (!runs.empty() && runs.front().text.front() == ' ') {
        runs.front().text.erase(0, 1);
        if (runs.front().text.empty()) runs.erase(runs.begin());
    }
    while (!runs.empty() && runs.back().text.back() == ' ') {
        runs.back().text.pop_back();
        if (runs.back().text.empty()) runs.pop_back();
    }
}

}  // namespace lectern

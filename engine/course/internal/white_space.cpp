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
// word by word cost a call (and a capacity check) per word.
void AppendCollapsed(std::string& out, std::string_view text) {
    const size_t start = out.size();
    out.resize(start + text.size());
    char* w = out.data() + start;
    bool in_space = false;
    const char* const end = text.data() + text.size();
    for (const char* p = text.data(); p < end;) {
        if (const size_t n = SpaceLength(p, end)) {
            in_space = true;
            p += n;
            continue;
        }
        if (in_space) *w++ = ' ';
        in_space = false;
        *w++ = *p++;
    }
    if (in_space) *w++ = ' ';
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

void NormalizeRuns(Inline& runs) {
    Inline out;
    out.reserve(runs.size());
    for (Run& r : runs) {
        if (!out.empty() && !out.back().text.empty() && out.back().text.back() == ' ' && !r.text.empty() &&
            r.text.front() == ' ')
            r.text.erase(0, 1);
        if (r.text.empty()) continue;
        Run* prev = out.empty() ? nullptr : &out.back();
        if (prev && prev->kind == r.kind && prev->bold == r.bold && prev->italic == r.italic && prev->ref == r.ref &&
            prev->lang == r.lang)
            prev->text += r.text;
        else
            out.push_back(std::move(r));
    }
    while (!out.empty() && out.front().text.front() == ' ') {
        out.front().text.erase(0, 1);
        if (out.front().text.empty()) out.erase(out.begin());
    }
    while (!out.empty() && out.back().text.back() == ' ') {
        out.back().text.pop_back();
        if (out.back().text.empty()) out.pop_back();
    }
    runs = std::move(out);
}

}  // namespace lectern

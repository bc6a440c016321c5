#include "course/answer_pattern.h"

#include <re2/re2.h>

namespace lectern {

namespace {

// RE2 bounds the memory a compiled pattern may take (the default 8 MiB is far above any real
// answer pattern; a pattern over it is reported as too large, never half-used).
RE2::Options PatternOptions() {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_case_sensitive(false);
    o.set_log_errors(false);  // validation reports the error at the pattern's line instead
    return o;
}

}  // namespace

std::string AnswerPatternError(const std::string& pattern) {
    const RE2 re(pattern, PatternOptions());
    if (re.ok()) return {};
    std::string why = re.error();
    switch (re.error_code()) {
        case RE2::ErrorBadEscape:
            if (why.find("\\1") != std::string::npos || why.find("\\2") != std::string::npos)
                why += "; backreferences such as \\1 are not supported";
            break;
        case RE2::ErrorBadPerlOp:
        case RE2::ErrorMissingParen:
            if (pattern.find("(?=") != std::string::npos || pattern.find("(?!") != std::string::npos ||
                pattern.find("(?<=") != std::string::npos || pattern.find("(?<!") != std::string::npos)
                why += "; lookahead and lookbehind such as (?=...) are not supported";
            break;
        case RE2::ErrorPatternTooLarge:
            why += "; write a shorter pattern or list the answers with <accept>";
            break;
        default:
            break;
    }
    return why;
}

bool AnswerPatternMatches(const std::string& pattern, std::string_view answer) {
    const RE2 re(pattern, PatternOptions());
    if (!re.ok()) return false;
    return RE2::FullMatch(re2::StringPiece(answer.data(), answer.size()), re);
}

}  // namespace lectern

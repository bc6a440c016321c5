#include "course/answer_pattern.h"

#include <regex>

namespace lectern {

namespace {

constexpr size_t kMaxPatternInput = 1000;

std::regex Compile(const std::string& pattern) { return std::regex(pattern, std::regex::ECMAScript | std::regex::icase); }

}  // namespace

std::string AnswerPatternError(const std::string& pattern) {
    try {
        (void)Compile(pattern);
        return {};
    } catch (const std::regex_error& e) {
        return e.what();
    } catch (...) {
        return "it could not be compiled";
    }
}

bool AnswerPatternMatches(const std::string& pattern, std::string_view answer) {
    if (answer.size() > kMaxPatternInput) return false;
    try {
        const std::regex re = Compile(pattern);
        return std::regex_match(answer.begin(), answer.end(), re);
    } catch (...) {
        return false;
    }
}

}  // namespace lectern

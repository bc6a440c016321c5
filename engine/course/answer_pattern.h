// A text question's <pattern>: how it is read, written once for the two places that need it,
// validation (is it a pattern at all?) and grading (does an answer match it?). ECMAScript
// syntax, the whole answer must match, letters match either case (ASCII case folding only: the
// grader also tries the answer's full case folding, see learning/grading.cpp).
#pragma once

#include <string>
#include <string_view>

namespace lectern {

// Why the pattern cannot be used, in the regular-expression library's words; empty when it can.
std::string AnswerPatternError(const std::string& pattern);

// Whether `answer` as a whole matches. False for a pattern that does not compile (validation
// reports it) and for answers longer than 1,000 bytes: libstdc++'s matcher recurses about once
// per character, so a pasted essay could exhaust the stack, which no try/catch can stop. Short
// answers are short.
bool AnswerPatternMatches(const std::string& pattern, std::string_view answer);

}  // namespace lectern

// A text question's <pattern>: how it is read, written once for the two places that need it,
// validation (is it a pattern at all?) and grading (does an answer match it?). RE2 syntax (the
// common Perl/ECMAScript forms: classes, \s \d \w \b, groups, (?:...), alternation, counted
// repeats; no backreferences and no lookaround, which RE2 leaves out so that a match takes time
// linear in the answer), the whole answer must match, and letters match either case with
// Unicode's simple case folding ("É" matches "é"). RE2 neither recurses nor backtracks, so
// neither a hostile pattern nor a pasted essay can exhaust the stack or hang the player.
#pragma once

#include <string>
#include <string_view>

namespace lectern {

// Why the pattern cannot be used, in RE2's words plus a hint when it uses a form RE2 leaves out
// (a backreference, lookaround); empty when it can.
std::string AnswerPatternError(const std::string& pattern);

// Whether `answer` as a whole matches. False for a pattern that does not compile (validation
// reports it).
bool AnswerPatternMatches(const std::string& pattern, std::string_view answer);

}  // namespace lectern

// Grading of every question type, responses in JSON, and the authoring checks for one question.
// Questions are built in code so each test shows exactly what it grades.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include <algorithm>
#include <string>
#include <vector>

#include "course/internal/validation.h"
#include "course/answer_pattern.h"
#include "learning/grading.h"

using namespace lectern;

namespace {

Inline Words(const std::string& text) {
    Run run;
    run.text = text;
    return {run};
}

Question Base(QuestionType type, const std::string& id = "q1", int points = 1) {
    Question q;
    q.id = id;
    q.type = type;
    q.points = points;
    q.prompt = Words("Prompt");
    q.loc = {"modules/m1.xml", 42, 7};
    return q;
}

// Choices a, b, c, ...; `keys` lists the correct ones.
Question ChoiceQuestion(QuestionType type, const std::vector<std::string>& ids, const std::vector<std::string>& keys,
                        int points = 1, Scoring scoring = Scoring::AllOrNothing) {
    Question q = Base(type, "q1", points);
    q.scoring = scoring;
    for (const auto& id : ids) {
        Choice c;
        c.id = id;
        c.text = Words("choice " + id);
        c.correct = std::find(keys.begin(), keys.end(), id) != keys.end();
        c.feedback = Words("feedback " + id);
        q.choices.push_back(c);
    }
    return q;
}

Question MatchingQuestion(const std::vector<std::string>& ids, Scoring scoring = Scoring::AllOrNothing,
                          int points = 1) {
    Question q = Base(QuestionType::Matching, "q1", points);
    q.scoring = scoring;
    for (const auto& id : ids) q.pairs.push_back({id, Words("left " + id), Words("right " + id), {}});
    return q;
}

Question OrderingQuestion(const std::vector<std::string>& ids, Scoring scoring = Scoring::AllOrNothing,
                          int points = 1) {
    Question q = Base(QuestionType::Ordering, "q1", points);
    q.scoring = scoring;
    for (const auto& id : ids) q.items.push_back({id, Words("item " + id), {}});
    return q;
}

Question TextQuestion(const std::vector<std::string>& accept, const std::string& pattern = "") {
    Question q = Base(QuestionType::Text);
    q.accept = accept;
    q.pattern = pattern;
    return q;
}

Question TrueFalseQuestion(bool answer) {
    Question q = Base(QuestionType::TrueFalse);
    q.tf_answer = answer;
    return q;
}

const Diagnostic* Find(const Diagnostics& d, const std::string& code) {
    for (const auto& item : d.All())
        if (item.code == code) return &item;
    return nullptr;
}

void ExpectAtQuestion(const Diagnostics& d, const std::string& code) {
    const Diagnostic* found = Find(d, code);
    ASSERT_NE(found, nullptr) << "missing [" << code << "] in:\n" << d.FormatAll();
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->loc.file, "modules/m1.xml");
    EXPECT_EQ(found->loc.line, 42);
    EXPECT_EQ(found->loc.col, 7);
    EXPECT_NE(found->message.find("q1"), std::string::npos) << found->message;
}

}  // namespace

// ---- single and multiple ------------------------------------------------------------------------

TEST(QuizGrading, SingleChoiceRightPickEarnsTheQuestionsPoints) {
    const Question q = ChoiceQuestion(QuestionType::Single, {"a", "b", "c"}, {"b"}, 3);
    const Grade g = GradeResponse(q, Response::Choices({"b"}));
    EXPECT_EQ(g.status, GradeStatus::Correct);
    EXPECT_DOUBLE_EQ(g.earned, 3.0);
    EXPECT_DOUBLE_EQ(g.max, 3.0);
    EXPECT_EQ(g.feedback, FeedbackWhen::Correct);
    EXPECT_EQ(g.question_id, "q1");
}

TEST(QuizGrading, SingleChoiceWrongPickEarnsNothing) {
    const Question q = ChoiceQuestion(QuestionType::Single, {"a", "b", "c"}, {"b"}, 3);
    const Grade g = GradeResponse(q, Response::Choices({"a"}));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(g.earned, 0.0);
    EXPECT_DOUBLE_EQ(g.max, 3.0);
    EXPECT_EQ(g.feedback, FeedbackWhen::Incorrect);
}

TEST(QuizGrading, SingleChoiceWithTwoPicksIsIncorrectEvenIfOneIsRight) {
    const Question q = ChoiceQuestion(QuestionType::Single, {"a", "b", "c"}, {"b"});
    const Grade g = GradeResponse(q, Response::Choices({"b", "c"}));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(g.earned, 0.0);
}

TEST(QuizGrading, SingleChoiceUnknownIdIsWrongAndReported) {
    const Question q = ChoiceQuestion(QuestionType::Single, {"a", "b"}, {"b"});
    const Grade g = GradeResponse(q, Response::Choices({"no-such-choice"}));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(g.earned, 0.0);
    EXPECT_EQ(g.unknown_ids, std::vector<std::string>{"no-such-choice"});
}

TEST(QuizGrading, MultipleResponseNeedsEveryCorrectChoice) {
    const Question q = ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c", "d"}, {"a", "b", "c"}, 2);
    const Grade some = GradeResponse(q, Response::Choices({"a", "b"}));
    EXPECT_EQ(some.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(some.earned, 0.0);
    const Grade all = GradeResponse(q, Response::Choices({"c", "a", "b"}));
    EXPECT_EQ(all.status, GradeStatus::Correct);
    EXPECT_DOUBLE_EQ(all.earned, 2.0);
}

TEST(QuizGrading, MultipleResponseAllOrNothingFailsWithAnExtraWrongPick) {
    const Question q = ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c", "d"}, {"a", "b"});
    const Grade g = GradeResponse(q, Response::Choices({"a", "b", "d"}));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(g.earned, 0.0);
}

TEST(QuizGrading, MultiplePartialGivesRightPicksMinusWrongPicksOverKeys) {
    // Three keys, six points: each right pick is worth 2, each wrong pick costs 2.
    const Question q =
        ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c", "d", "e"}, {"a", "b", "c"}, 6, Scoring::Partial);
    const Grade two_right = GradeResponse(q, Response::Choices({"a", "b"}));
    EXPECT_EQ(two_right.status, GradeStatus::Partial);
    EXPECT_DOUBLE_EQ(two_right.earned, 4.0);
    const Grade two_right_one_wrong = GradeResponse(q, Response::Choices({"a", "b", "d"}));
    EXPECT_EQ(two_right_one_wrong.status, GradeStatus::Partial);
    EXPECT_DOUBLE_EQ(two_right_one_wrong.earned, 2.0);
    const Grade all = GradeResponse(q, Response::Choices({"a", "b", "c"}));
    EXPECT_EQ(all.status, GradeStatus::Correct);
    EXPECT_DOUBLE_EQ(all.earned, 6.0);
}

TEST(QuizGrading, MultiplePartialNeverGoesBelowZero) {
    const Question q =
        ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c", "d", "e"}, {"a", "b", "c"}, 6, Scoring::Partial);
    const Grade g = GradeResponse(q, Response::Choices({"a", "d", "e"}));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(g.earned, 0.0);
}

TEST(QuizGrading, MultiplePartialCountsUnknownIdsAsWrongPicks) {
    const Question q =
        ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c", "d"}, {"a", "b", "c"}, 3, Scoring::Partial);
    const Grade g = GradeResponse(q, Response::Choices({"a", "b", "ghost"}));
    EXPECT_DOUBLE_EQ(g.earned, 1.0);  // (2 - 1) / 3 of 3 points
    EXPECT_EQ(g.unknown_ids, std::vector<std::string>{"ghost"});
}

TEST(QuizGrading, PickingTheSameChoiceTwiceCountsOnce) {
    const Question q = ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c"}, {"a", "b"}, 2, Scoring::Partial);
    const Grade g = GradeResponse(q, Response::Choices({"a", "a"}));
    EXPECT_EQ(g.status, GradeStatus::Partial);
    EXPECT_DOUBLE_EQ(g.earned, 1.0);
}

TEST(QuizGrading, ChoiceMarksShowWhatWasPickedAndWhatIsRightInAuthoredOrder) {
    const Question q = ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c"}, {"a", "c"});
    const Grade g = GradeResponse(q, Response::Choices({"b", "a"}));
    ASSERT_EQ(g.choices.size(), 3u);
    EXPECT_EQ(g.choices[0].id, "a");
    EXPECT_TRUE(g.choices[0].selected);
    EXPECT_TRUE(g.choices[0].key);
    EXPECT_TRUE(g.choices[0].right());
    EXPECT_EQ(g.choices[1].id, "b");
    EXPECT_TRUE(g.choices[1].selected);
    EXPECT_FALSE(g.choices[1].key);
    EXPECT_FALSE(g.choices[1].right());
    EXPECT_EQ(g.choices[2].id, "c");
    EXPECT_FALSE(g.choices[2].selected);
    EXPECT_TRUE(g.choices[2].key);
    EXPECT_FALSE(g.choices[2].right());
}

// ---- true/false --------------------------------------------------------------------------------

TEST(QuizGrading, TrueFalseMatchesTheAuthoredAnswer) {
    const Question q = TrueFalseQuestion(false);
    EXPECT_EQ(GradeResponse(q, Response::TrueFalse(false)).status, GradeStatus::Correct);
    const Grade wrong = GradeResponse(q, Response::TrueFalse(true));
    EXPECT_EQ(wrong.status, GradeStatus::Incorrect);
    ASSERT_EQ(wrong.choices.size(), 2u);
    EXPECT_EQ(wrong.choices[0].id, "true");
    EXPECT_TRUE(wrong.choices[0].selected);
    EXPECT_FALSE(wrong.choices[0].key);
    EXPECT_EQ(wrong.choices[1].id, "false");
    EXPECT_FALSE(wrong.choices[1].selected);
    EXPECT_TRUE(wrong.choices[1].key);
}

// ---- matching ----------------------------------------------------------------------------------

TEST(QuizGrading, MatchingAllOrNothingNeedsEveryPair) {
    const Question q = MatchingQuestion({"p1", "p2", "p3"}, Scoring::AllOrNothing, 2);
    const Grade right = GradeResponse(q, Response::Matching({{"p1", "p1"}, {"p2", "p2"}, {"p3", "p3"}}));
    EXPECT_EQ(right.status, GradeStatus::Correct);
    EXPECT_DOUBLE_EQ(right.earned, 2.0);
    const Grade swapped = GradeResponse(q, Response::Matching({{"p1", "p1"}, {"p2", "p3"}, {"p3", "p2"}}));
    EXPECT_EQ(swapped.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(swapped.earned, 0.0);
}

TEST(QuizGrading, MatchingPartialGivesTheShareOfRightPairs) {
    const Question q = MatchingQuestion({"p1", "p2", "p3", "p4"}, Scoring::Partial, 4);
    const Grade g = GradeResponse(q, Response::Matching({{"p1", "p1"}, {"p2", "p2"}, {"p3", "p4"}, {"p4", "p3"}}));
    EXPECT_EQ(g.status, GradeStatus::Partial);
    EXPECT_DOUBLE_EQ(g.earned, 2.0);
    ASSERT_EQ(g.pairs.size(), 4u);
    EXPECT_TRUE(g.pairs[0].right);
    EXPECT_FALSE(g.pairs[2].right);
    EXPECT_EQ(g.pairs[2].chosen, "p4");
}

TEST(QuizGrading, MatchingLeftItemLeftUnmatchedIsWrong) {
    const Question q = MatchingQuestion({"p1", "p2"}, Scoring::Partial, 2);
    const Grade g = GradeResponse(q, Response::Matching({{"p1", "p1"}}));
    EXPECT_EQ(g.status, GradeStatus::Partial);
    EXPECT_DOUBLE_EQ(g.earned, 1.0);
    ASSERT_EQ(g.pairs.size(), 2u);
    EXPECT_EQ(g.pairs[1].chosen, "");
    EXPECT_FALSE(g.pairs[1].right);
}

TEST(QuizGrading, MatchingUnknownIdsAreWrongAndReported) {
    const Question q = MatchingQuestion({"p1", "p2", "p3"}, Scoring::Partial, 3);
    // p2 is matched to a right item that does not exist; "ghost" is a left item that does not.
    const Grade g =
        GradeResponse(q, Response::Matching({{"p1", "p1"}, {"p2", "nowhere"}, {"p3", "p3"}, {"ghost", "p2"}}));
    EXPECT_DOUBLE_EQ(g.earned, 1.0);  // (2 right - 1 extra) / 3 of 3 points
    EXPECT_EQ(g.status, GradeStatus::Partial);
    EXPECT_NE(std::find(g.unknown_ids.begin(), g.unknown_ids.end(), "nowhere"), g.unknown_ids.end());
    EXPECT_NE(std::find(g.unknown_ids.begin(), g.unknown_ids.end(), "ghost"), g.unknown_ids.end());
}

TEST(QuizGrading, MatchingWithAnExtraUnknownLeftIsNotFullyCorrect) {
    const Question q = MatchingQuestion({"p1", "p2"}, Scoring::AllOrNothing);
    const Grade g = GradeResponse(q, Response::Matching({{"p1", "p1"}, {"p2", "p2"}, {"ghost", "p1"}}));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
}

// ---- ordering ----------------------------------------------------------------------------------

TEST(QuizGrading, OrderingAllOrNothingNeedsTheAuthoredOrder) {
    const Question q = OrderingQuestion({"i1", "i2", "i3"});
    EXPECT_EQ(GradeResponse(q, Response::Ordering({"i1", "i2", "i3"})).status, GradeStatus::Correct);
    const Grade g = GradeResponse(q, Response::Ordering({"i1", "i3", "i2"}));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_DOUBLE_EQ(g.earned, 0.0);
}

TEST(QuizGrading, OrderingPartialGivesTheShareOfRightPositions) {
    const Question q = OrderingQuestion({"i1", "i2", "i3", "i4"}, Scoring::Partial, 4);
    const Grade g = GradeResponse(q, Response::Ordering({"i1", "i3", "i2", "i4"}));
    EXPECT_EQ(g.status, GradeStatus::Partial);
    EXPECT_DOUBLE_EQ(g.earned, 2.0);
    ASSERT_EQ(g.positions.size(), 4u);
    EXPECT_TRUE(g.positions[0].right);
    EXPECT_FALSE(g.positions[1].right);
    EXPECT_EQ(g.positions[1].expected, "i2");
    EXPECT_EQ(g.positions[1].given, "i3");
}

TEST(QuizGrading, OrderingShortResponseLeavesTheRestWrong) {
    const Question q = OrderingQuestion({"i1", "i2", "i3", "i4"}, Scoring::Partial, 4);
    const Grade g = GradeResponse(q, Response::Ordering({"i1", "i2"}));
    EXPECT_DOUBLE_EQ(g.earned, 2.0);
    EXPECT_EQ(g.positions[3].given, "");
}

TEST(QuizGrading, OrderingUnknownAndExtraIdsAreWrong) {
    const Question q = OrderingQuestion({"i1", "i2", "i3"}, Scoring::Partial, 3);
    const Grade g = GradeResponse(q, Response::Ordering({"i1", "bogus", "i3", "extra"}));
    EXPECT_DOUBLE_EQ(g.earned, 1.0);  // (2 right - 1 extra) / 3 of 3 points
    EXPECT_EQ(g.unknown_ids, (std::vector<std::string>{"bogus", "extra"}));
}

// ---- text --------------------------------------------------------------------------------------

TEST(QuizGrading, TextIgnoresCaseAndRunsOfWhiteSpace) {
    const Question q = TextQuestion({"Leahy Law"});
    EXPECT_EQ(GradeResponse(q, Response::Text("  leahy \t  LAW \n")).status, GradeStatus::Correct);
    EXPECT_EQ(GradeResponse(q, Response::Text("leahylaw")).status, GradeStatus::Incorrect);
}

TEST(QuizGrading, TextKeepsAccents) {
    const Question q = TextQuestion({"déclaration"});
    EXPECT_EQ(GradeResponse(q, Response::Text("DÉCLARATION")).status, GradeStatus::Correct);
    EXPECT_EQ(GradeResponse(q, Response::Text("declaration")).status, GradeStatus::Incorrect);
}

TEST(QuizGrading, TextFoldsGreekAndCyrillicCase) {
    const Question q = TextQuestion({"Женева", "ΟΗΕ"});
    EXPECT_EQ(GradeResponse(q, Response::Text("ЖЕНЕВА")).status, GradeStatus::Correct);
    EXPECT_EQ(GradeResponse(q, Response::Text("οηε")).status, GradeStatus::Correct);
}

TEST(QuizGrading, TextTreatsNoBreakSpaceAsSpace) {
    const Question q = TextQuestion({"22 U.S.C. 2378d"});
    EXPECT_EQ(GradeResponse(q, Response::Text("22\xC2\xA0U.S.C.\xC2\xA0 2378d")).status, GradeStatus::Correct);
}

TEST(QuizGrading, TextPatternMustMatchTheWholeAnswerIgnoringCase) {
    const Question q = TextQuestion({}, "(section )?620m");
    const Grade g = GradeResponse(q, Response::Text("  Section 620M "));
    EXPECT_EQ(g.status, GradeStatus::Correct);
    EXPECT_EQ(g.matched, "(section )?620m");
    EXPECT_EQ(GradeResponse(q, Response::Text("see section 620m")).status, GradeStatus::Incorrect);
}

TEST(QuizGrading, TextPatternThatDoesNotCompileIsGradedWrongWithoutThrowing) {
    const Question q = TextQuestion({"ok"}, "([unclosed");
    Grade g;
    EXPECT_NO_THROW(g = GradeResponse(q, Response::Text("anything")));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_EQ(GradeResponse(q, Response::Text("OK")).status, GradeStatus::Correct);  // accept still works
}

// RE2 neither recurses nor backtracks: there is no cap on the answer's length (std::regex had
// one of 1,000 bytes, because its matcher recursed once per character).
TEST(QuizGrading, TextVeryLongAnswerIsMatchedLikeAShortOne) {
    const Question q = TextQuestion({}, "(a|b)*");
    for (size_t n : {1u, 999u, 1001u, 200000u}) {
        EXPECT_EQ(GradeResponse(q, Response::Text(std::string(n, 'a'))).status, GradeStatus::Correct) << n;
        EXPECT_EQ(GradeResponse(q, Response::Text(std::string(n, 'a') + "c")).status, GradeStatus::Incorrect) << n;
    }
}

// Patterns that make a backtracking matcher take exponential time, against long answers: RE2
// answers each in time linear in the answer. The time is recorded (ctest's XML, the log), never
// asserted.
TEST(QuizGrading, HostilePatternsAgainstLongAnswersAreAnswered) {
    struct Case {
        const char* pattern;
        std::string answer;
        GradeStatus expected;
    };
    const std::string many_a(100000, 'a');
    const std::vector<Case> cases = {
        {"(a+)+$", many_a + "b", GradeStatus::Incorrect},
        {"(a|a)*", many_a + "b", GradeStatus::Incorrect},
        {"(a*)*b", many_a, GradeStatus::Incorrect},
        {"(a|aa)+", many_a, GradeStatus::Correct},
        {"(.*a){20}", many_a, GradeStatus::Correct},
    };
    for (const Case& c : cases) {
        const auto start = std::chrono::steady_clock::now();
        const GradeStatus got = GradeResponse(TextQuestion({}, c.pattern), Response::Text(c.answer)).status;
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        EXPECT_EQ(got, c.expected) << c.pattern;
        std::printf("  %-10s against %zu bytes: %.2f ms\n", c.pattern, c.answer.size(), ms);
    }
}

// A 100 KB pattern (an alternation of 10,000 words): it compiles within RE2's memory bound and
// matches any of its words, or validation says it is too large; either way it is answered.
TEST(QuizGrading, AHundredKilobytePatternIsCompiledOrRefusedNeverHalfUsed) {
    std::string pattern;
    for (int i = 0; pattern.size() < 100000; ++i) pattern += (i ? "|" : "") + std::string("word") + std::to_string(i);
    const auto start = std::chrono::steady_clock::now();
    const std::string why = AnswerPatternError(pattern);
    const Question q = TextQuestion({}, pattern);
    const GradeStatus first = GradeResponse(q, Response::Text("WORD0")).status;
    const GradeStatus last = GradeResponse(q, Response::Text("word9999")).status;
    const GradeStatus none = GradeResponse(q, Response::Text("word")).status;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("  %zu-byte pattern: %s, compile + 3 grades %.1f ms\n", pattern.size(),
                why.empty() ? "compiles" : why.c_str(), ms);
    EXPECT_EQ(none, GradeStatus::Incorrect);
    if (why.empty()) {
        EXPECT_EQ(first, GradeStatus::Correct);
        EXPECT_EQ(last, GradeStatus::Correct);
    } else {
        EXPECT_NE(why.find("too large"), std::string::npos) << why;
        EXPECT_EQ(first, GradeStatus::Incorrect);
    }
}

// The syntax authors use (content/README.md, the bundled course's patterns) and letters in any
// case, Unicode's simple case folding included.
TEST(QuizGrading, PatternSyntaxAuthorsUseMatchesInAnyCase) {
    struct Case {
        const char* pattern;
        const char* answer;
        bool right;
    };
    const std::vector<Case> cases = {
        {"opinio\\s+[ij]uris(\\s+sive\\s+necessitatis)?\\.?", "Opinio Juris sive necessitatis.", true},
        {"[ij]us\\s+cogens\\.?", "IUS COGENS", true},
        {"15|fifteen", "Fifteen", true},
        {"15|fifteen", "150", false},
        {"(1(st)?\\s*(of\\s*)?march|march\\s*1(st)?)", "1st of March", true},
        {"\\d{3}-\\d{4}", "555-1234", true},
        {"(?:the )?treaty", "The Treaty", true},
        {"\\bword\\b", "word", true},
        {"émile", "ÉMILE", true},
        {"strasse", "STRAẞE", true},  // full case folding (ẞ to ss): the grader also tries the folded answer
        {"Ωμέγα", "ωμέγα", true},
        {"李明", "李明", true},
        {"a.c", "a\u00e9c", true},  // '.' is one character, not one byte
    };
    for (const Case& c : cases)
        EXPECT_EQ(GradeResponse(TextQuestion({}, c.pattern), Response::Text(c.answer)).status,
                  c.right ? GradeStatus::Correct : GradeStatus::Incorrect)
            << c.pattern << " / " << c.answer;
}

TEST(QuizGrading, TextWithInvalidUtf8IsComparedWithoutBreaking) {
    const Question q = TextQuestion({"abc"});
    const std::string broken = "AB\xFF\xC3";
    Grade g;
    EXPECT_NO_THROW(g = GradeResponse(q, Response::Text(broken)));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    // Invalid bytes become U+FFFD (and still count); valid ones fold.
    EXPECT_EQ(NormalizeAnswer(broken), "ab\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(QuizGrading, TextAnswersFoldCaseInEveryScriptTheyAreTypedIn) {
    // (accepted, typed, matches): typed as a learner might, in upper case, in decomposed form,
    // with a soft hyphen, or with a look-alike that is another letter.
    struct Case {
        const char* accept;
        const char* typed;
        bool match;
    };
    const Case cases[] = {
        {"Москва", "МОСКВА", true},         {"Москва", "москва", true},
        {"Ёлка", "ЁЛКА", true},             {"Ёлка", "Елка", false},  // ё is its own letter
        {"Київ", "КИЇВ", true},             {"Αθήνα", "ΑΘΉΝΑ", true},
        {"Σωκράτης", "ΣΩΚΡΆΤΗΣ", true},     // final sigma folds with sigma
        {"Straße", "STRASSE", true},        {"İzmir", "İZMIR", true},  // (Turkish capitals "İZMİR" need tr-specific folding: not done)
        {"İzmir", "i\xCC\x87zmir", true},  // İ folds to i + combining dot above
        {"İzmir", "ızmir", false},          // dotless ı is another letter
        {"İzmir", "IZMIR", false},          // and so is I without its dot
        {"café", "cafe\xCC\x81", true},     // e + combining acute is é (NFC)
        {"CAFÉ", "cafe\xCC\x81", true},
        {"café", "cafe", false},            // accents are kept
        {"Menschenrechte", "Menschen\xC2\xADrechte", true},  // a soft hyphen is invisible
        {"New York", "new\xC2\xA0york", true},               // a no-break space is a space
        {"Nguyễn", "NGUYỄN", true},         {"محمد", "محمد", true},
        {"北京", "北京", true},             {"北京", "南京", false},
    };
    for (const Case& c : cases) {
        const Question q = TextQuestion({c.accept});
        EXPECT_EQ(GradeResponse(q, Response::Text(c.typed)).status, c.match ? GradeStatus::Correct : GradeStatus::Incorrect)
            << c.accept << " / " << c.typed;
    }
}

TEST(QuizGrading, NormalizeAnswerTrimsAndCollapsesSpaces) {
    EXPECT_EQ(NormalizeAnswer("  The   UN\tCharter \n"), "the un charter");
    EXPECT_EQ(NormalizeAnswer(""), "");
    EXPECT_EQ(NormalizeAnswer(" \t "), "");
}

// ---- no answer, wrong kinds, feedback ----------------------------------------------------------

TEST(QuizGrading, NoAnswerIsUnansweredForEveryType) {
    const std::vector<std::pair<Question, Response>> cases = {
        {ChoiceQuestion(QuestionType::Single, {"a", "b"}, {"a"}, 2), Response::Choices({})},
        {ChoiceQuestion(QuestionType::Multiple, {"a", "b"}, {"a"}, 2), Response::Choices({})},
        {TrueFalseQuestion(true), Response::None()},
        {MatchingQuestion({"p1", "p2"}, Scoring::Partial, 2), Response::Matching({{"p1", ""}})},
        {OrderingQuestion({"i1", "i2"}, Scoring::Partial, 2), Response::Ordering({})},
        {TextQuestion({"x"}), Response::Text("   ")},
    };
    for (const auto& [question, empty] : cases) {
        for (const Response& response : {Response::None(), empty}) {
            SCOPED_TRACE(ResponseToJson(response) + " for type " + std::to_string(static_cast<int>(question.type)));
            const Grade g = GradeResponse(question, response);
            EXPECT_EQ(g.status, GradeStatus::Unanswered);
            EXPECT_EQ(g.feedback, FeedbackWhen::None);
            EXPECT_DOUBLE_EQ(g.earned, 0.0);
            EXPECT_DOUBLE_EQ(g.max, static_cast<double>(question.points));
            EXPECT_FALSE(response.IsAnswered());
        }
    }
}

TEST(QuizGrading, UnansweredGradeStillCarriesTheKeyForReview) {
    const Question q = ChoiceQuestion(QuestionType::Single, {"a", "b"}, {"b"});
    const Grade g = GradeResponse(q, Response::None());
    ASSERT_EQ(g.choices.size(), 2u);
    EXPECT_FALSE(g.choices[0].key);
    EXPECT_TRUE(g.choices[1].key);
    EXPECT_FALSE(g.choices[1].selected);
}

TEST(QuizGrading, ResponseOfAnotherKindIsIncorrectNotACrash) {
    const Question q = ChoiceQuestion(QuestionType::Single, {"a", "b"}, {"a"});
    const Grade g = GradeResponse(q, Response::Text("a"));
    EXPECT_EQ(g.status, GradeStatus::Incorrect);
    EXPECT_TRUE(g.wrong_kind);
    EXPECT_DOUBLE_EQ(g.earned, 0.0);
}

TEST(QuizGrading, PartialFeedbackAppliesToPartialMarks) {
    Question q = ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c"}, {"a", "b"}, 1, Scoring::Partial);
    q.feedback_partial = Words("Nearly");
    q.feedback_incorrect = Words("No");
    const Grade g = GradeResponse(q, Response::Choices({"a"}));
    EXPECT_EQ(g.feedback, FeedbackWhen::Partial);
    ASSERT_FALSE(FeedbackText(q, g).empty());
    EXPECT_EQ(FeedbackText(q, g)[0].text, "Nearly");
}

TEST(QuizGrading, PartialFeedbackFallsBackToIncorrectWhenNotWritten) {
    Question q = ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c"}, {"a", "b"}, 1, Scoring::Partial);
    q.feedback_incorrect = Words("No");
    const Grade g = GradeResponse(q, Response::Choices({"a"}));
    EXPECT_EQ(g.status, GradeStatus::Partial);
    EXPECT_EQ(g.feedback, FeedbackWhen::Incorrect);
    ASSERT_FALSE(FeedbackText(q, g).empty());
    EXPECT_EQ(FeedbackText(q, g)[0].text, "No");
}

TEST(QuizGrading, UnansweredHasNoFeedbackText) {
    Question q = TrueFalseQuestion(true);
    q.feedback_incorrect = Words("No");
    EXPECT_TRUE(FeedbackText(q, GradeResponse(q, Response::None())).empty());
}

// ---- responses in JSON -------------------------------------------------------------------------

TEST(ResponseJson, EveryKindRoundTripsExactly) {
    const std::vector<Response> responses = {
        Response::None(),
        Response::Choices({"b", "a"}),
        Response::TrueFalse(false),
        Response::TrueFalse(true),
        Response::Matching({{"p1", "p2"}, {"p2", ""}}),
        Response::Ordering({"i3", "i1", "i2"}),
        Response::Text("  Mixed \"quotes\" and ünïcödé\n"),
    };
    for (const auto& r : responses) {
        const std::string json = ResponseToJson(r);
        SCOPED_TRACE(json);
        const Parsed<Response> back = ResponseFromJson(json);
        ASSERT_TRUE(back.ok()) << back.message;
        EXPECT_EQ(*back.value, r);
    }
}

TEST(ResponseJson, GarbageIsMalformedNotAnException) {
    for (const std::string text :
         {"", "{", "null", "[]", "{\"kind\":\"choices\"}", "{\"kind\":\"choices\",\"selected\":[1]}",
          "{\"kind\":\"truefalse\",\"value\":\"yes\"}", "{\"kind\":\"dance\"}",
          "{\"kind\":\"matching\",\"matches\":{\"a\":3}}", "\xFF\xFE{"}) {
        SCOPED_TRACE(text);
        Parsed<Response> p;
        EXPECT_NO_THROW(p = ResponseFromJson(text));
        EXPECT_FALSE(p.ok());
        EXPECT_EQ(p.error, ParseError::Malformed);
        EXPECT_FALSE(p.message.empty());
    }
}

TEST(ResponseJson, InvalidUtf8TextIsWrittenWithoutThrowing) {
    std::string json;
    EXPECT_NO_THROW(json = ResponseToJson(Response::Text("ab\xFF")));
    const Parsed<Response> back = ResponseFromJson(json);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back.value->text, "ab\xEF\xBF\xBD");  // U+FFFD replaces the stray byte
}

// ---- authoring checks --------------------------------------------------------------------------

TEST(QuestionValidation, WellFormedQuestionsOfEveryTypePass) {
    Question matching = MatchingQuestion({"p1", "p2"});
    for (const Question& q :
         {ChoiceQuestion(QuestionType::Single, {"a", "b"}, {"a"}),
          ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c"}, {"a", "c"}), TrueFalseQuestion(true), matching,
          OrderingQuestion({"i1", "i2"}), TextQuestion({"x"}), TextQuestion({}, "[0-9]+")}) {
        Diagnostics d;
        ValidateQuestion(q, d);
        EXPECT_EQ(d.All().size(), 0u) << d.FormatAll();
    }
}

TEST(QuestionValidation, ChoiceQuestionWithoutCorrectChoiceIsReported) {
    Diagnostics d;
    ValidateQuestion(ChoiceQuestion(QuestionType::Multiple, {"a", "b"}, {}), d);
    ExpectAtQuestion(d, "no-correct-choice");
}

TEST(QuestionValidation, SingleChoiceWithSeveralCorrectIsReported) {
    Diagnostics d;
    ValidateQuestion(ChoiceQuestion(QuestionType::Single, {"a", "b", "c"}, {"a", "b"}), d);
    ExpectAtQuestion(d, "several-correct-choices");
    Diagnostics multiple;
    ValidateQuestion(ChoiceQuestion(QuestionType::Multiple, {"a", "b", "c"}, {"a", "b"}), multiple);
    EXPECT_FALSE(multiple.Has("several-correct-choices"));
}

TEST(QuestionValidation, ChoiceQuestionWithOneChoiceIsReported) {
    Diagnostics d;
    ValidateQuestion(ChoiceQuestion(QuestionType::Single, {"a"}, {"a"}), d);
    ExpectAtQuestion(d, "too-few-choices");
}

TEST(QuestionValidation, DuplicateChoiceIdIsReportedOnce) {
    Diagnostics d;
    ValidateQuestion(ChoiceQuestion(QuestionType::Single, {"a", "b", "a", "a"}, {"b"}), d);
    ExpectAtQuestion(d, "duplicate-choice-id");
    EXPECT_EQ(d.ErrorCount(), 1) << d.FormatAll();
}

TEST(QuestionValidation, MatchingWithOnePairIsIncomplete) {
    Diagnostics d;
    ValidateQuestion(MatchingQuestion({"p1"}), d);
    ExpectAtQuestion(d, "incomplete-matching");
}

TEST(QuestionValidation, MatchingPairWithoutRightSideIsIncomplete) {
    Question q = MatchingQuestion({"p1", "p2"});
    q.pairs[1].right.clear();
    Diagnostics d;
    ValidateQuestion(q, d);
    ExpectAtQuestion(d, "incomplete-matching");
    EXPECT_NE(Find(d, "incomplete-matching")->message.find("p2"), std::string::npos);
}

TEST(QuestionValidation, OrderingWithOneItemIsTooShort) {
    Diagnostics d;
    ValidateQuestion(OrderingQuestion({"i1"}), d);
    ExpectAtQuestion(d, "ordering-too-short");
}

TEST(QuestionValidation, TextWithNoAcceptAndNoPatternIsReported) {
    Diagnostics d;
    ValidateQuestion(TextQuestion({"   "}), d);
    ExpectAtQuestion(d, "no-accepted-answer");
}

TEST(QuestionValidation, PatternThatDoesNotCompileIsReported) {
    Diagnostics d;
    ValidateQuestion(TextQuestion({"x"}, "(unclosed"), d);
    ExpectAtQuestion(d, "bad-pattern");
    EXPECT_NE(Find(d, "bad-pattern")->message.find("(unclosed"), std::string::npos);
}

// What RE2 leaves out is named in the message, so an author who wrote ECMAScript knows what to change.
TEST(QuestionValidation, BackreferencesAndLookaroundAreReportedByName) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"(a)\\1", "backreferences"},  {"(\\w+) \\2", "backreferences"}, {"a(?=b)", "lookahead"},
        {"(?!x)a", "lookahead"}, {"(?<=a)b", "lookahead"}, {"(?<!a)b", "lookahead"},
    };
    for (const auto& [pattern, named] : cases) {
        Diagnostics d;
        ValidateQuestion(TextQuestion({"x"}, pattern), d);
        const Diagnostic* found = Find(d, "bad-pattern");
        ASSERT_NE(found, nullptr) << pattern;
        EXPECT_NE(found->message.find(named), std::string::npos) << found->message;
        EXPECT_NE(found->message.find(pattern), std::string::npos) << found->message;
    }
}

TEST(QuestionValidation, PointsBelowOneAreReported) {
    Diagnostics d;
    Question q = TrueFalseQuestion(true);
    q.points = 0;
    ValidateQuestion(q, d);
    ExpectAtQuestion(d, "bad-points");
}

// ---- the presenter's answer key ----------------------------------------------------------------

TEST(AnswerKey, ChoicesListOnlyTheCorrectOnes) {
    Question q;
    q.type = QuestionType::Multiple;
    q.choices = {{"a", Words("Torture"), true, {}, {}, {}}, {"b", Words("Parking"), false, {}, {}, {}}, {"c", Words("Enforced disappearance"), true, {}, {}, {}}};
    EXPECT_EQ(AnswerKeyLines(q), (std::vector<std::string>{"Torture", "Enforced disappearance"}));
}

TEST(AnswerKey, TrueFalseMatchingOrderingAndText) {
    Question tf;
    tf.type = QuestionType::TrueFalse;
    tf.tf_answer = false;
    EXPECT_EQ(AnswerKeyLines(tf), std::vector<std::string>{"False"});

    Question m;
    m.type = QuestionType::Matching;
    m.pairs = {{"p1", Words("CAT"), Words("1984"), {}}, {"p2", Words("ICCPR"), Words("1966"), {}}};
    EXPECT_EQ(AnswerKeyLines(m), (std::vector<std::string>{"CAT \xE2\x86\x92 1984", "ICCPR \xE2\x86\x92 1966"}));

    Question o;
    o.type = QuestionType::Ordering;
    o.items = {{"i1", Words("Charter"), {}}, {"i2", Words("Declaration"), {}}};
    EXPECT_EQ(AnswerKeyLines(o), (std::vector<std::string>{"1. Charter", "2. Declaration"}));

    Question t;
    t.type = QuestionType::Text;
    t.accept = {"Leahy", "Leahy Law"};
    EXPECT_EQ(AnswerKeyLines(t), (std::vector<std::string>{"Leahy", "Leahy Law"}));
    t.accept.clear();
    t.pattern = "leahy( law)?";
    EXPECT_EQ(AnswerKeyLines(t), std::vector<std::string>{"Any answer matching the pattern leahy( law)?"});
}

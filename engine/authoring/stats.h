// Course statistics: what `lectern-lint --stats` prints, so authors see a course at a glance.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "course/model.h"

namespace lectern {

struct CourseStats {
    int modules = 0;
    int lessons = 0;
    int pages = 0;
    int words = 0;  // learner-visible words on pages (not facilitator notes, questions or quiz pools)
    std::vector<std::pair<std::string, int>> module_words;  // (module id, words) in reading order
    int glossary_terms = 0;
    int references = 0;
    int images = 0;
    int knowledge_checks = 0;
    int quizzes = 0;
    int quiz_questions = 0;      // in all pools
    int quiz_questions_drawn = 0;  // per attempt, all quizzes together
    int questions = 0;           // knowledge checks + quiz pool questions
    std::map<std::string, int> questions_by_type;  // "single", "multiple", ...
    int scenarios = 0;
    int scenario_nodes = 0;
    std::map<std::string, int> scripts;  // characters per script ("Latin", "Thai"), all text
    double reading_minutes = 0;   // words / 200
    double question_minutes = 0;  // per knowledge check and drawn quiz question, and per scenario
    double estimated_minutes = 0;
};

// Reading speed and the time allowed per question behind the estimate (documented in README).
constexpr double kWordsPerMinute = 200.0;
constexpr double kMinutesPerQuestion = 0.5;
constexpr double kMinutesPerScenario = 2.0;

CourseStats ComputeStats(const Course& course);
// Spaces separate words, except in Thai (dictionary word boundaries), Chinese and Japanese
// (one word per Han or kana character): see CountWordsInScripts.
int CountWords(const std::string& text);
// Learner-visible words of a block list (skips facilitator notes).
int CountWords(const Blocks& blocks);

}  // namespace lectern

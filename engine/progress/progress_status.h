// Completion status computed from a course's structure and one learner's progress.
//
// Pure: no SQLite, no clock. The store hands over a LearnerProgress snapshot (LoadProgress); the
// course gives the structure. Items are matched by authored id, so moving a page or a check to
// another lesson moves its progress with it, and rows for items that are gone are simply not
// counted (ProgressStore::SetAside lists them).
#pragma once

#include <string>
#include <vector>

#include "course/model.h"
#include "progress/progress_store.h"

namespace lectern {

enum class CompletionStatus { NotAttempted, Incomplete, Completed };
const char* ToString(CompletionStatus status);  // "not attempted", "incomplete", "completed"

struct LessonStatus {
    std::string id;
    CompletionStatus status = CompletionStatus::NotAttempted;
    int pages_viewed = 0;
    int pages_total = 0;
    int checks_answered = 0;  // knowledge checks attempted (right or wrong)
    int checks_total = 0;
};

struct ModuleStatus {
    std::string id;
    ModuleRole role = ModuleRole::Core;
    CompletionStatus status = CompletionStatus::NotAttempted;
    std::vector<LessonStatus> lessons;
    bool has_quiz = false;
    bool quiz_passed = false;
};

struct CourseStatus {
    std::string id;
    CompletionStatus status = CompletionStatus::NotAttempted;
    std::vector<ModuleStatus> modules;
    bool has_assessment = false;
    bool assessment_passed = false;
    // Required units done / total, where a unit is a page viewed, a knowledge check attempted, a
    // module quiz passed or the final assessment passed, counted over core modules (over every
    // module when the course marks none as core). Rounded down, so 100 means completed.
    int units_done = 0;
    int units_total = 0;
    int percent = 0;

    const ModuleStatus* FindModule(const std::string& module_id) const;
    const LessonStatus* FindLesson(const std::string& lesson_id) const;
};

// Lesson completed: every page viewed and every knowledge check on its pages attempted.
// Module completed: every lesson completed and its quiz (if any) passed.
// Course completed: every core module completed and the final assessment (if any) passed.
// Knowledge checks are the question blocks a learner sees on a page (callouts included,
// facilitator notes and scenario nodes excluded).
CourseStatus ComputeStatus(const Course& course, const LearnerProgress& progress);

}  // namespace lectern

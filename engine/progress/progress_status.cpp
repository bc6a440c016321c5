#include "progress/progress_status.h"

namespace lectern {

namespace {

// Question blocks a learner meets on a page. Facilitator blocks are hidden from learners and
// scenario bodies are part of the scenario's own run, so neither is required for completion.
void CollectChecks(const Blocks& blocks, std::vector<std::string>& out) {
    for (const Block& b : blocks) {
        if (b.kind == BlockKind::Facilitator) continue;
        if (b.kind == BlockKind::Question && b.question) out.push_back(b.question->id);
        CollectChecks(b.children, out);
    }
}

bool QuizPassed(const LearnerProgress& p, const std::string& quiz_id) {
    auto it = p.quizzes.find(quiz_id);
    return it != p.quizzes.end() && it->second.passed;
}

bool QuizStarted(const LearnerProgress& p, const std::string& quiz_id) {
    auto it = p.quizzes.find(quiz_id);
    return it != p.quizzes.end() && it->second.attempts_started > 0;
}

CompletionStatus Combine(bool all_done, bool any_started) {
    if (all_done) return CompletionStatus::Completed;
    return any_started ? CompletionStatus::Incomplete : CompletionStatus::NotAttempted;
}

}  // namespace

const char* ToString(CompletionStatus status) {
    switch (status) {
    case CompletionStatus::NotAttempted: return "not attempted";
    case CompletionStatus::Incomplete: return "incomplete";
    case CompletionStatus::Completed: return "completed";
    }
    return "not attempted";
}

const ModuleStatus* CourseStatus::FindModule(const std::string& module_id) const {
    for (const ModuleStatus& m : modules) {
        if (m.id == module_id) return &m;
    }
    return nullptr;
}

const LessonStatus* CourseStatus::FindLesson(const std::string& lesson_id) const {
    for (const ModuleStatus& m : modules) {
        for (const LessonStatus& l : m.lessons) {
            if (l.id == lesson_id) return &l;
        }
    }
    return nullptr;
}

CourseStatus ComputeStatus(const Course& course, const LearnerProgress& progress) {
    CourseStatus out;
    out.id = course.id;
    bool any_core = false;
    for (const Module& m : course.modules) any_core = any_core || m.role == ModuleRole::Core;

    bool core_done = true;
    bool anything_started = false;
    for (const Module& m : course.modules) {
        ModuleStatus ms;
        ms.id = m.id;
        ms.role = m.role;
        bool lessons_done = true;
        bool module_started = false;
        for (const Lesson& l : m.lessons) {
            LessonStatus ls;
            ls.id = l.id;
            std::vector<std::string> checks;
            for (const Page& p : l.pages) {
                ++ls.pages_total;
                if (progress.pages_viewed.count(p.id)) ++ls.pages_viewed;
                CollectChecks(p.blocks, checks);
            }
            ls.checks_total = static_cast<int>(checks.size());
            for (const std::string& id : checks) {
                if (progress.checks_answered.count(id)) ++ls.checks_answered;
            }
            bool done = ls.pages_viewed == ls.pages_total && ls.checks_answered == ls.checks_total;
            ls.status = Combine(done, ls.pages_viewed + ls.checks_answered > 0);
            lessons_done = lessons_done && done;
            module_started = module_started || ls.status != CompletionStatus::NotAttempted;
            ms.lessons.push_back(ls);
        }
        ms.has_quiz = m.quiz != nullptr;
        if (m.quiz) {
            ms.quiz_passed = QuizPassed(progress, m.quiz->id);
            module_started = module_started || QuizStarted(progress, m.quiz->id);
        }
        ms.status = Combine(lessons_done && (!ms.has_quiz || ms.quiz_passed), module_started);
        anything_started = anything_started || module_started;

        bool required = any_core ? m.role == ModuleRole::Core : true;
        if (required) {
            core_done = core_done && ms.status == CompletionStatus::Completed;
            for (const LessonStatus& ls : ms.lessons) {
                out.units_total += ls.pages_total + ls.checks_total;
                out.units_done += ls.pages_viewed + ls.checks_answered;
            }
            if (ms.has_quiz) {
                ++out.units_total;
                if (ms.quiz_passed) ++out.units_done;
            }
        }
        out.modules.push_back(std::move(ms));
    }
    out.has_assessment = course.assessment != nullptr;
    if (course.assessment) {
        out.assessment_passed = QuizPassed(progress, course.assessment->id);
        anything_started = anything_started || QuizStarted(progress, course.assessment->id);
        ++out.units_total;
        if (out.assessment_passed) ++out.units_done;
    }
    bool course_done = core_done && (!out.has_assessment || out.assessment_passed);
    out.status = Combine(course_done, anything_started);
    if (out.units_total > 0) {
        out.percent = out.units_done * 100 / out.units_total;
    } else {
        out.percent = course_done ? 100 : 0;
    }
    return out;
}

}  // namespace lectern

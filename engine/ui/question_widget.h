// One question, drawn for a knowledge check, a quiz, a review or the presenter. Every type is
// operable from the keyboard alone: choices are focusable rows (Space/Enter), matching uses a
// drop-down per item, ordering uses Move up / Move down buttons. Nothing needs dragging.
#pragma once

#include "learning/grading.h"
#include "ui/rich_text.h"
#include "ui/shaped_text.h"

namespace lectern::ui {

enum class QuestionMode {
    Check,      // knowledge check: Check button, feedback, hint, show answer
    Quiz,       // scored: every change is an answer, no feedback
    Review,     // after a quiz: the learner's answer with marks (and maybe the key)
    Presenter,  // a room: answers hidden until revealed
};

struct QuestionView {
    const Question* question = nullptr;
    Response response;
    std::vector<std::string> order;     // display order (choices, right items, starting items)
    QuestionMode mode = QuestionMode::Check;
    const Grade* grade = nullptr;       // Check: the last check; Review: the attempt's grade
    bool show_key = false;              // mark the correct answers (show answer / full review)
    bool show_feedback = true;          // Review with "responses only" hides feedback/rationale
    int tries = 0;
    bool number_keys = false;           // 1-9 pick this question's choices: show each choice's number
    const char* label = UiKey("Knowledge check");  // a catalog key, or text already translated
    float width = 600;
};

struct QuestionInput {
    bool changed = false;
    // A typed answer is only changing while keys arrive; it settles on Enter or when the field
    // loses focus. Other types settle with every change.
    bool settled = false;
    Response response;
    bool check = false;
    bool reveal = false;
    bool retry = false;
    // Where the first answer control (choice row, drop-down, Move button, text field) was drawn,
    // in screen coordinates: a screen keeps it in view, tests check it is on the first screen.
    bool has_first_control = false;
    ImVec2 first_control_min, first_control_max;
};

QuestionInput DrawQuestion(const QuestionView& view, const RichContext& ctx);

}  // namespace lectern::ui

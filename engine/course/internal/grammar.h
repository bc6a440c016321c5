// The course format's element structure, written once: which children each element holds, in
// which order and how many; and the attributes whose values have a shape (a language tag, text
// that is not blank). The loader checks every file against it (Loader::CheckStructure).
// content/schema/lectern-course.xsd says the same in XML Schema for editors and xmllint; the
// two are kept in step by tests/scripts/course_mutants.py (lint and the schema must give the
// same verdict on thousands of one-change mutants of a valid course). What holds which blocks is
// also checked pair by pair against the loader (GeneratedCourseGrammar) and against the guide's
// table (GuideExamples.TheGuidesTableOfWhatHoldsBlocksIsTheLoaders).
#pragma once

#include <string_view>
#include <vector>

namespace lectern::grammar {

// A run of children in a content model: `names` (space-separated) may come in any order within
// the run, between `min` and `max` of them in all (max < 0: no limit).
struct Slot {
    const char* names;
    int min = 0;
    int max = -1;
    bool each_once = false;      // no name twice (feedback and rationale, left and right)
    bool each_required = false;  // every name at least once (a scenario's nodes and endings)
    const char* too_few = nullptr;  // a better message than the generic one, if there is one
};

// The children of `element` (inside `parent`; "" for any parent) are these slots, in order.
// Children whose names are in no slot are left to the loader, which reports unknown elements.
struct Rule {
    const char* parent;
    const char* element;
    std::vector<Slot> slots;
};

const std::vector<Rule>& Rules();
const Rule* FindRule(std::string_view parent, std::string_view element);
bool NameIn(std::string_view name, const char* names);

enum class ValueShape { NotBlank, LanguageTag };

// An attribute whose value must have a shape, on `element` ("" for any element).
struct ValueRule {
    const char* element;
    const char* attribute;
    ValueShape shape;
};

const std::vector<ValueRule>& ValueRules();
// The rules for one element's attributes, in ValueRules' order.
const std::vector<const ValueRule*>& ValueRulesOf(std::string_view element);
// True when `value` has the shape.
bool HasShape(std::string_view value, ValueShape shape);

}  // namespace lectern::grammar

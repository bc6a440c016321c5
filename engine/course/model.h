// The course model: an immutable, plain description of a loaded course.
// Built once by the loader (loader.h); read by the navigator, the quiz and scenario logic,
// the progress store and every screen. Nothing here knows about XML, SQLite or ImGui.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lectern {

// Where something was written: for diagnostics that point back at the source.
struct SourceLoc {
    std::string file;  // path as given to the loader (relative to the course folder)
    int line = 0;
    int col = 0;
};

// ---- inline text -------------------------------------------------------------------------------

enum class InlineKind { Text, Term, Link, Cite };

// One run of text with one style. Paragraphs are flat lists of runs: nesting of em/strong is
// resolved into the flags, which is what a renderer needs.
struct Run {
    InlineKind kind = InlineKind::Text;
    std::string text;
    bool bold = false;
    bool italic = false;
    std::string ref;  // Term: glossary entry id; Link: page/lesson/module id; Cite: reference id
    // The BCP 47 language of the passage the run is in (a list item's, a table cell's or a
    // prompt's lang attribute), "" for the language around it.
    std::string lang;
    // The language an inline element gives the run (<span lang>, <em lang>, <strong lang>), ""
    // when it is in its passage's: a phrase in another language inside a sentence. It is drawn
    // as a run of its own direction (a bidi isolate), shaped, read aloud and marked in it.
    std::string span_lang;
};

using Inline = std::vector<Run>;

// A run of plain text in its passage's language: the screens' own words and headings. Brace
// initialising a Run leaves its later members to -Wmissing-field-initializers, which names a
// member every time one is added.
Run TextRun(std::string text, bool bold = false);

// The language every run of `runs` shares ("" when they have none or differ): the language a
// list item, table cell or prompt is drawn and read in.
std::string LanguageOf(const Inline& runs);

// Concatenated text of an inline sequence (for search, word counts, speech and tooltips).
std::string PlainText(const Inline& runs);

// ---- questions ---------------------------------------------------------------------------------

enum class QuestionType { Single, Multiple, TrueFalse, Matching, Ordering, Text };
// The type as the course file spells it (type="truefalse").
const char* QuestionTypeName(QuestionType type);
enum class Scoring { AllOrNothing, Partial };

struct Rationale {
    Inline text;
    std::string cite;  // free text: "CAT art. 2(2)", "22 U.S.C. 2378d"
    bool empty() const { return text.empty() && cite.empty(); }
};

struct Choice {
    std::string id;
    Inline text;
    bool correct = false;
    Inline feedback;
    Rationale rationale;
    SourceLoc loc;  // its id attribute: where a duplicate id is reported
};

struct MatchPair {
    std::string id;
    Inline left;
    Inline right;
    SourceLoc loc;
};

struct OrderItem {
    std::string id;
    Inline text;
    SourceLoc loc;
};

struct Question {
    std::string id;
    QuestionType type = QuestionType::Single;
    Scoring scoring = Scoring::AllOrNothing;
    int points = 1;
    Inline prompt;
    Inline hint;
    std::vector<Choice> choices;      // Single, Multiple
    bool tf_answer = false;           // TrueFalse
    std::vector<MatchPair> pairs;     // Matching
    std::vector<OrderItem> items;     // Ordering, in the correct order
    std::vector<std::string> accept;  // Text
    std::string pattern;              // Text (ECMAScript, whole-match, case-insensitive)
    SourceLoc pattern_loc;            // the <pattern> element, where a bad pattern is reported
    Inline feedback_correct;
    Inline feedback_incorrect;
    Inline feedback_partial;
    Rationale rationale;
    SourceLoc loc;
};

// ---- blocks ------------------------------------------------------------------------------------

struct Scenario;
struct Block;
using Blocks = std::vector<Block>;

enum class BlockKind {
    Heading,
    Paragraph,
    BulletList,
    NumberedList,
    Quote,
    Callout,
    Table,
    Image,
    Question,     // knowledge check
    Scenario,
    Facilitator,  // hidden from learners
};

enum class CalloutKind { Note, Important, Example, Legal };

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 2;                       // Heading: 2 or 3
    Inline text;                         // Heading, Paragraph, Quote
    std::string source;                  // Quote: attribution
    std::vector<Inline> items;           // lists
    CalloutKind callout = CalloutKind::Note;
    std::string title;                   // Callout title, Table caption
    Blocks children;                     // Callout, Facilitator
    std::vector<std::vector<Inline>> rows;  // Table: rows[0] is the header row
    std::string src;                     // Image: path relative to its asset root
    std::string resolved_path;           // Image: absolute, checked path on disk
    std::string alt;                     // Image
    std::string caption;                 // Image
    std::shared_ptr<const lectern::Question> question;  // Question
    std::shared_ptr<const lectern::Scenario> scenario;  // Scenario
    // The block's own lang attribute (BCP 47), "" when it is in the language around it (its
    // callout's, else the course's). Items and cells may have their own: LanguageOf(item).
    std::string lang;
    SourceLoc loc;
};

// ---- scenarios ---------------------------------------------------------------------------------

enum class Rating { Best, Acceptable, Poor };

struct ScenarioChoice {
    std::string id;
    Inline text;
    std::string go_to;  // a node or ending id in the same scenario
    Rating rating = Rating::Acceptable;
    Inline reason;
    SourceLoc loc;
};

struct ScenarioNode {
    std::string id;
    bool is_ending = false;
    Blocks body;
    std::vector<ScenarioChoice> choices;  // nodes only
    Rating outcome = Rating::Acceptable;  // endings only
    Blocks debrief;                       // endings only
    SourceLoc loc;
};

struct Scenario {
    std::string id;
    std::string title;
    std::string start;  // node id
    Blocks intro;
    std::vector<ScenarioNode> nodes;  // nodes and endings, in document order
    SourceLoc loc;

    // The first node or ending with this id (with duplicate ids, an authoring error, the first
    // wins); null when there is none.
    const ScenarioNode* Find(const std::string& node_id) const;
    // Where a run starts: `start`, or the first node that is not an ending when start is empty.
    // Null when start names nothing.
    const ScenarioNode* Start() const;
};

// One step of a path through a scenario: at node `node`, choice `choice` was taken.
struct PathStep {
    std::string node;
    std::string choice;
    bool operator==(const PathStep& other) const { return node == other.node && choice == other.choice; }
    bool operator!=(const PathStep& other) const { return !(*this == other); }
};

// The path that follows the first `best` choice from the start, until an ending, a node with no
// best choice or a target that is missing. A cycle of best choices stops before it repeats. A
// property of the scenario as written: the debrief shows it and validation checks it ends.
std::vector<PathStep> RecommendedPath(const Scenario& scenario);

// ---- quizzes -----------------------------------------------------------------------------------

enum class QuizNavigation { Free, Linear };
enum class ReviewDetail { Full, Responses, None };

struct Pool {
    std::string title;
    int draw = 0;  // how many to draw per attempt; equals questions.size() when not given
    std::vector<std::shared_ptr<const Question>> questions;
    SourceLoc loc;  // its draw attribute, or the <pool> when it has none: where pool errors point
};

struct Quiz {
    std::string id;
    std::string title;
    Inline intro;
    int pass_percent = 80;
    int max_attempts = 0;  // 0 = unlimited
    bool shuffle_questions = true;
    bool shuffle_choices = true;
    QuizNavigation navigation = QuizNavigation::Free;
    ReviewDetail review = ReviewDetail::Full;
    std::vector<Pool> pools;
    SourceLoc loc;

    int QuestionsPerAttempt() const;
};

// ---- structure ---------------------------------------------------------------------------------

struct Page {
    std::string id;
    std::string title;
    Blocks blocks;
    SourceLoc loc;
};

struct Lesson {
    std::string id;
    std::string title;
    std::vector<Inline> objectives;
    Blocks facilitator;
    std::vector<Page> pages;
    SourceLoc loc;
};

enum class ModuleRole { Core, Intro, Appendix };

struct Module {
    std::string id;
    std::string title;
    ModuleRole role = ModuleRole::Core;
    Inline summary;
    Blocks facilitator;
    std::vector<Lesson> lessons;
    std::shared_ptr<const Quiz> quiz;  // may be null
    SourceLoc loc;
};

struct GlossaryEntry {
    std::string id;
    std::string term;
    Inline definition;
    SourceLoc loc;
};

struct Reference {
    std::string id;
    std::string group;  // group title, may be empty
    Inline text;
    std::string url;
    SourceLoc loc;
};

struct Course {
    std::string id;
    std::string title;
    std::string version;
    std::string lang;
    int minutes = 0;
    Inline description;
    Inline audience;
    std::vector<Module> modules;
    std::shared_ptr<const Quiz> assessment;  // may be null
    std::vector<GlossaryEntry> glossary;
    std::vector<Reference> references;

    std::string root_dir;    // absolute path of the course folder
    std::string assets_dir;  // absolute path of the paired asset folder, empty when none

    // Look-ups built by the loader (indexes into the vectors above).
    const GlossaryEntry* FindTerm(const std::string& id) const;
    const Reference* FindReference(const std::string& id) const;

    // Where each page sits in reading order: (module, lesson, page) indexes.
    struct PageRef {
        int module = 0;
        int lesson = 0;
        int page = 0;
    };
    std::vector<PageRef> reading_order;
    std::map<std::string, int> page_index;  // page id -> index in reading_order
    const Page& PageAt(int reading_index) const;
    // The reading index a link target (page, lesson or module id) leads to, or -1.
    int LinkTarget(const std::string& id) const;

    std::map<std::string, int> term_index;
    std::map<std::string, int> reference_index;
    std::map<std::string, std::string> link_targets;  // lesson/module id -> first page id
};

// Every quiz in the course: module quizzes in order, then the final assessment.
std::vector<std::shared_ptr<const Quiz>> AllQuizzes(const Course& course);

}  // namespace lectern

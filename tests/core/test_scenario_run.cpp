// Branching scenarios: playing, the recommended path, replay, saving the path, and the authoring
// checks with their locations. Scenarios are built in code.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "course/internal/validation.h"
#include "learning/scenario_run.h"

using namespace lectern;

namespace {

const char* kFile = "modules/m2.xml";

struct ChoiceSpec {
    std::string id;
    std::string go_to;
    Rating rating;
};

// A node at `line`; its choices sit on the lines after it, at column 5.
ScenarioNode Node(const std::string& id, int line, const std::vector<ChoiceSpec>& choices) {
    ScenarioNode node;
    node.id = id;
    node.loc = {kFile, line, 3};
    int offset = 1;
    for (const auto& spec : choices) {
        ScenarioChoice choice;
        choice.id = spec.id;
        choice.go_to = spec.go_to;
        choice.rating = spec.rating;
        choice.loc = {kFile, line + offset++, 5};
        node.choices.push_back(choice);
    }
    return node;
}

ScenarioNode Ending(const std::string& id, int line, Rating outcome) {
    ScenarioNode node;
    node.id = id;
    node.is_ending = true;
    node.outcome = outcome;
    node.loc = {kFile, line, 3};
    return node;
}

// n-arrive --report(best)--> n-report --follow(best)--> end-good
//          --ignore(poor)--> end-silence    n-report --back(acceptable)--> n-arrive
Scenario Checkpoint() {
    Scenario s;
    s.id = "sc-checkpoint";
    s.title = "Checkpoint";
    s.start = "n-arrive";
    s.loc = {kFile, 10, 1};
    s.nodes.push_back(
        Node("n-arrive", 12, {{"c-report", "n-report", Rating::Best}, {"c-ignore", "end-silence", Rating::Poor}}));
    s.nodes.push_back(
        Node("n-report", 20, {{"c-back", "n-arrive", Rating::Acceptable}, {"c-follow", "end-good", Rating::Best}}));
    s.nodes.push_back(Ending("end-good", 30, Rating::Best));
    s.nodes.push_back(Ending("end-silence", 35, Rating::Poor));
    return s;
}

const Diagnostic* Find(const Diagnostics& d, const std::string& code) {
    for (const auto& item : d.All())
        if (item.code == code) return &item;
    return nullptr;
}

std::vector<const Diagnostic*> FindAll(const Diagnostics& d, const std::string& code) {
    std::vector<const Diagnostic*> out;
    for (const auto& item : d.All())
        if (item.code == code) out.push_back(&item);
    return out;
}

void ExpectAt(const Diagnostics& d, const std::string& code, int line, int col) {
    for (const Diagnostic* item : FindAll(d, code))
        if (item->loc.file == kFile && item->loc.line == line && item->loc.col == col) return;
    ADD_FAILURE() << "no [" << code << "] at " << kFile << ":" << line << ":" << col << " in:\n" << d.FormatAll();
}

}  // namespace

// ---- playing -----------------------------------------------------------------------------------

TEST(ScenarioRun, StartsAtTheStartNode) {
    const Scenario s = Checkpoint();
    const ScenarioRun run(s);
    ASSERT_NE(run.Current(), nullptr);
    EXPECT_EQ(run.Current()->id, "n-arrive");
    EXPECT_FALSE(run.IsEnded());
    EXPECT_TRUE(run.CanChoose());
    EXPECT_TRUE(run.Path().empty());
}

TEST(ScenarioRun, StartDefaultsToTheFirstNode) {
    Scenario s = Checkpoint();
    s.start.clear();
    std::swap(s.nodes[0], s.nodes[1]);
    const ScenarioRun run(s);
    ASSERT_NE(run.Current(), nullptr);
    EXPECT_EQ(run.Current()->id, "n-report");
}

TEST(ScenarioRun, ChoosingFollowsTheGotoAndRecordsThePath) {
    const Scenario s = Checkpoint();
    ScenarioRun run(s);
    EXPECT_EQ(run.Choose("c-report"), ChooseError::None);
    EXPECT_EQ(run.Current()->id, "n-report");
    EXPECT_EQ(run.Choose("c-back"), ChooseError::None);
    EXPECT_EQ(run.Current()->id, "n-arrive");
    const std::vector<PathStep> expected = {{"n-arrive", "c-report"}, {"n-report", "c-back"}};
    EXPECT_EQ(run.Path(), expected);
}

TEST(ScenarioRun, ReachingAnEndingEndsTheRun) {
    const Scenario s = Checkpoint();
    ScenarioRun run(s);
    EXPECT_EQ(run.Choose("c-ignore"), ChooseError::None);
    EXPECT_TRUE(run.IsEnded());
    EXPECT_FALSE(run.CanChoose());
    EXPECT_EQ(run.Current()->id, "end-silence");
    EXPECT_EQ(run.Current()->outcome, Rating::Poor);
    EXPECT_EQ(run.Choose("c-report"), ChooseError::Ended);
    EXPECT_EQ(run.Path().size(), 1u);
}

TEST(ScenarioRun, UnknownChoiceLeavesTheRunWhereItWas) {
    const Scenario s = Checkpoint();
    ScenarioRun run(s);
    EXPECT_EQ(run.Choose("c-follow"), ChooseError::UnknownChoice);  // belongs to another node
    EXPECT_EQ(run.Choose(""), ChooseError::UnknownChoice);
    EXPECT_EQ(run.Current()->id, "n-arrive");
    EXPECT_TRUE(run.Path().empty());
}

TEST(ScenarioRun, ChoiceWhoseTargetIsMissingIsRefusedAndTheRunStaysPut) {
    Scenario s = Checkpoint();
    s.nodes[0].choices[1].go_to = "nowhere";
    ScenarioRun run(s);
    EXPECT_EQ(run.Choose("c-ignore"), ChooseError::MissingTarget);
    EXPECT_EQ(run.Current()->id, "n-arrive");
    EXPECT_TRUE(run.Path().empty());
}

TEST(ScenarioRun, StartThatNamesNothingGivesNoCurrentNodeAndNoCrash) {
    Scenario s = Checkpoint();
    s.start = "missing";
    ScenarioRun run(s);
    EXPECT_EQ(run.Current(), nullptr);
    EXPECT_FALSE(run.CanChoose());
    EXPECT_EQ(run.Choose("c-report"), ChooseError::Ended);
}

TEST(ScenarioRun, RestartReturnsToTheStartWithAnEmptyPath) {
    const Scenario s = Checkpoint();
    ScenarioRun run(s);
    run.Choose("c-report");
    run.Choose("c-follow");
    ASSERT_TRUE(run.IsEnded());
    run.Restart();
    EXPECT_EQ(run.Current()->id, "n-arrive");
    EXPECT_TRUE(run.Path().empty());
    EXPECT_FALSE(run.IsEnded());
}

TEST(ScenarioRun, ReplayRebuildsTheSamePath) {
    const Scenario s = Checkpoint();
    ScenarioRun played(s);
    for (const char* c : {"c-report", "c-back", "c-report", "c-follow"}) ASSERT_EQ(played.Choose(c), ChooseError::None);
    ScenarioRun replayed(s);
    replayed.Choose("c-ignore");  // replay starts over, whatever happened before
    EXPECT_EQ(replayed.Replay({"c-report", "c-back", "c-report", "c-follow"}), ChooseError::None);
    EXPECT_EQ(replayed.Path(), played.Path());
    EXPECT_EQ(replayed.Current()->id, "end-good");
}

TEST(ScenarioRun, ReplayStopsAtTheFirstChoiceThatDoesNotFit) {
    const Scenario s = Checkpoint();
    ScenarioRun run(s);
    EXPECT_EQ(run.Replay({"c-report", "c-ignore", "c-follow"}), ChooseError::UnknownChoice);
    EXPECT_EQ(run.Path().size(), 1u);
    EXPECT_EQ(run.Current()->id, "n-report");
}

// ---- recommended path --------------------------------------------------------------------------

TEST(ScenarioRun, RecommendedPathFollowsTheBestChoices) {
    const std::vector<PathStep> expected = {{"n-arrive", "c-report"}, {"n-report", "c-follow"}};
    EXPECT_EQ(RecommendedPath(Checkpoint()), expected);
}

TEST(ScenarioRun, RecommendedPathStopsWhenBestChoicesLoop) {
    Scenario s = Checkpoint();
    s.nodes[1].choices[0].rating = Rating::Best;  // c-back is now the first best choice
    const std::vector<PathStep> expected = {{"n-arrive", "c-report"}, {"n-report", "c-back"}};
    EXPECT_EQ(RecommendedPath(s), expected);
}

TEST(ScenarioRun, RecommendedPathStopsAtANodeWithoutABestChoice) {
    Scenario s = Checkpoint();
    s.nodes[1].choices[1].rating = Rating::Acceptable;
    const std::vector<PathStep> expected = {{"n-arrive", "c-report"}};
    EXPECT_EQ(RecommendedPath(s), expected);
}

// ---- saving the path ---------------------------------------------------------------------------

TEST(ScenarioRunJson, RoundTripRestoresPathAndPosition) {
    const Scenario s = Checkpoint();
    ScenarioRun run(s);
    run.Choose("c-report");
    run.Choose("c-back");
    run.Choose("c-ignore");
    const std::string json = ScenarioRunToJson(run);
    const Parsed<ScenarioRun> back = ScenarioRunFromJson(json, s);
    ASSERT_TRUE(back.ok()) << back.message;
    EXPECT_EQ(back.value->Path(), run.Path());
    EXPECT_EQ(back.value->Current()->id, "end-silence");
    EXPECT_TRUE(back.value->IsEnded());
    EXPECT_EQ(ScenarioRunToJson(*back.value), json);
}

TEST(ScenarioRunJson, EmptyPathRoundTripsToTheStart) {
    const Scenario s = Checkpoint();
    const Parsed<ScenarioRun> back = ScenarioRunFromJson(ScenarioRunToJson(ScenarioRun(s)), s);
    ASSERT_TRUE(back.ok()) << back.message;
    EXPECT_EQ(back.value->Current()->id, "n-arrive");
}

TEST(ScenarioRunJson, AnotherScenariosPathIsRefused) {
    const Scenario s = Checkpoint();
    Scenario other = s;
    other.id = "sc-other";
    const Parsed<ScenarioRun> p = ScenarioRunFromJson(ScenarioRunToJson(ScenarioRun(s)), other);
    EXPECT_EQ(p.error, ParseError::WrongId);
}

TEST(ScenarioRunJson, PathThatNoLongerFitsIsReportedAsCourseChanged) {
    const Scenario s = Checkpoint();
    ScenarioRun run(s);
    run.Choose("c-report");
    run.Choose("c-follow");
    Scenario changed = s;
    changed.nodes[0].choices[0].go_to = "end-good";  // c-report now ends at once
    const Parsed<ScenarioRun> p = ScenarioRunFromJson(ScenarioRunToJson(run), changed);
    EXPECT_FALSE(p.ok());
    EXPECT_EQ(p.error, ParseError::CourseChanged);
    EXPECT_NE(p.message.find("c-follow"), std::string::npos) << p.message;
}

TEST(ScenarioRunJson, GarbageIsMalformedNotAnException) {
    const Scenario s = Checkpoint();
    for (const std::string text : {"", "[", "{}", "{\"format\":1,\"scenario\":\"sc-checkpoint\"}",
                                   "{\"format\":1,\"scenario\":\"sc-checkpoint\",\"path\":[1]}",
                                   "{\"format\":9,\"scenario\":\"sc-checkpoint\",\"path\":[]}"}) {
        SCOPED_TRACE(text);
        Parsed<ScenarioRun> p;
        EXPECT_NO_THROW(p = ScenarioRunFromJson(text, s));
        EXPECT_FALSE(p.ok());
        EXPECT_EQ(p.error, ParseError::Malformed);
    }
}

// ---- authoring checks --------------------------------------------------------------------------

TEST(ScenarioValidation, WellFormedScenarioPasses) {
    Diagnostics d;
    ValidateScenario(Checkpoint(), d);
    EXPECT_EQ(d.All().size(), 0u) << d.FormatAll();
}

TEST(ScenarioValidation, GotoThatNamesNothingIsReportedAtTheChoice) {
    Scenario s = Checkpoint();
    s.nodes[1].choices[1].go_to = "end-typo";  // n-report's second choice, line 22
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-missing-target", 22, 5);
    EXPECT_NE(Find(d, "scenario-missing-target")->message.find("end-typo"), std::string::npos);
}

TEST(ScenarioValidation, NodeNobodyCanReachIsReportedAtTheNode) {
    Scenario s = Checkpoint();
    s.nodes.push_back(Node("n-orphan", 40, {{"c-x", "end-good", Rating::Best}, {"c-y", "end-good", Rating::Poor}}));
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-unreachable", 40, 3);
    EXPECT_EQ(FindAll(d, "scenario-unreachable").size(), 1u) << d.FormatAll();
}

TEST(ScenarioValidation, EndingNobodyCanReachIsReported) {
    Scenario s = Checkpoint();
    s.nodes.push_back(Ending("end-lost", 45, Rating::Acceptable));
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-unreachable", 45, 3);
}

TEST(ScenarioValidation, NodeFromWhichNoEndingCanBeReachedIsReported) {
    Scenario s = Checkpoint();
    // n-report's choices now lead only into a loop that never ends.
    s.nodes[1].choices[0].go_to = "n-loop";
    s.nodes[1].choices[1].go_to = "n-loop";
    s.nodes.push_back(Node("n-loop", 50, {{"c-again", "n-report", Rating::Best}, {"c-stay", "n-loop", Rating::Poor}}));
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-no-ending", 50, 3);
    ExpectAt(d, "scenario-no-ending", 20, 3);
    // n-arrive can still end (c-ignore), so it is not reported.
    for (const Diagnostic* item : FindAll(d, "scenario-no-ending")) EXPECT_NE(item->loc.line, 12);
}

TEST(ScenarioValidation, NodeWithNoChoicesIsReported) {
    Scenario s = Checkpoint();
    s.nodes[1].choices.clear();
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-no-choices", 20, 3);
}

TEST(ScenarioValidation, StartThatNamesNothingIsReportedAtTheScenario) {
    Scenario s = Checkpoint();
    s.start = "n-nope";
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-missing-start", 10, 1);
    EXPECT_NE(Find(d, "scenario-missing-start")->message.find("n-nope"), std::string::npos);
}

TEST(ScenarioValidation, StartThatNamesAnEndingIsReported) {
    Scenario s = Checkpoint();
    s.start = "end-good";
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-missing-start", 10, 1);
}

TEST(ScenarioValidation, DuplicateNodeIdIsReportedAtTheSecondNode) {
    Scenario s = Checkpoint();
    s.nodes.push_back(Ending("end-good", 55, Rating::Poor));
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "duplicate-id", 55, 3);
    EXPECT_EQ(FindAll(d, "duplicate-id").size(), 1u);
}

TEST(ScenarioValidation, BestPathThatStopsShortOfAnEndingIsAWarning) {
    Scenario s = Checkpoint();
    s.nodes[1].choices[1].rating = Rating::Acceptable;  // n-report has no best choice
    Diagnostics d;
    ValidateScenario(s, d);
    const Diagnostic* w = Find(d, "scenario-no-best-path");
    ASSERT_NE(w, nullptr) << d.FormatAll();
    EXPECT_EQ(w->severity, Severity::Warning);
    EXPECT_EQ(w->loc.line, 20);
    EXPECT_EQ(d.ErrorCount(), 0) << d.FormatAll();
}

TEST(ScenarioValidation, EveryProblemIsReportedInOnePass) {
    Scenario s = Checkpoint();
    s.nodes[0].choices[1].go_to = "gone";                        // missing target at 14:5
    s.nodes.push_back(Node("n-empty", 60, {}));                  // no choices, unreachable, no ending
    s.nodes.push_back(Ending("end-silence", 65, Rating::Poor));  // duplicate
    Diagnostics d;
    ValidateScenario(s, d);
    ExpectAt(d, "scenario-missing-target", 14, 5);
    ExpectAt(d, "scenario-no-choices", 60, 3);
    ExpectAt(d, "scenario-unreachable", 60, 3);
    ExpectAt(d, "scenario-no-ending", 60, 3);
    ExpectAt(d, "duplicate-id", 65, 3);
}

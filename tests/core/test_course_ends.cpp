// Every end in a course leads on to the next thing in course order: generated courses of 1 to 3
// modules, each module with or without a quiz and a scenario page, with or without a final
// assessment. Course order is worked out here from the generator's own description, not from
// the code under test.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "course/loader.h"
#include "learning/session.h"

using namespace lectern;

namespace {

struct Shape {
    int modules = 1;
    unsigned quiz_mask = 0;      // bit i: module i has a quiz
    unsigned scenario_mask = 0;  // bit i: module i's lesson has a page with a scenario
    bool assessment = false;

    bool Quiz(int i) const { return (quiz_mask >> i) & 1u; }
    bool Scenario(int i) const { return (scenario_mask >> i) & 1u; }
    std::string Name() const {
        std::string n = std::to_string(modules) + " modules, quizzes in";
        for (int i = 0; i < modules; ++i)
            if (Quiz(i)) n += " m" + std::to_string(i + 1);
        n += ", scenarios in";
        for (int i = 0; i < modules; ++i)
            if (Scenario(i)) n += " m" + std::to_string(i + 1);
        return n + (assessment ? ", with a final assessment" : ", no final assessment");
    }
};

std::string QuizXml(const std::string& id) {
    return "<quiz id=\"" + id + "\" title=\"Quiz " + id + "\"><pool><question id=\"" + id +
           "-q\" type=\"truefalse\" answer=\"true\"><prompt>Sure?</prompt></question></pool></quiz>";
}

std::shared_ptr<const Course> Build(const Shape& shape) {
    std::map<std::string, std::string> files;
    std::string course = R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title>)";
    for (int i = 0; i < shape.modules; ++i) {
        const std::string m = "m" + std::to_string(i + 1);
        course += "<include src=\"" + m + ".xml\"/>";
        std::string xml = "<module id=\"" + m + "\" title=\"Module " + m + "\"><lesson id=\"" + m + "-l\" title=\"L\">";
        xml += "<page id=\"" + m + "-p1\" title=\"P1\"><p>a</p></page>";
        if (shape.Scenario(i)) {
            xml += "<page id=\"" + m + "-ps\" title=\"PS\"><scenario id=\"" + m + "-s\" title=\"S\"><node id=\"n1\"><p>Start</p>"
                   "<choice id=\"c1\" goto=\"e1\" rating=\"best\">Go<reason>Good</reason></choice>"
                   "<choice id=\"c2\" goto=\"e1\" rating=\"poor\">Stay<reason>Bad</reason></choice></node>"
                   "<ending id=\"e1\" outcome=\"best\"><p>Done</p></ending></scenario></page>";
        }
        xml += "<page id=\"" + m + "-p2\" title=\"P2\"><p>b</p></page></lesson>";
        if (shape.Quiz(i)) xml += QuizXml(m + "-quiz");
        files[m + ".xml"] = xml + "</module>";
    }
    if (shape.assessment) {
        course += "<assessment src=\"a.xml\"/>";
        files["a.xml"] = QuizXml("final");
    }
    files["course.xml"] = course + "</course>";
    LoadResult r = LoadCourseFromMemory(files);
    EXPECT_TRUE(r.ok()) << shape.Name() << "\n" << r.diagnostics.FormatAll();
    return r.ok() ? r.course : nullptr;
}

// Course order as the generator wrote it: "page:<id>" and "quiz:<id>" entries.
std::vector<std::string> CourseOrder(const Shape& shape) {
    std::vector<std::string> order;
    for (int i = 0; i < shape.modules; ++i) {
        const std::string m = "m" + std::to_string(i + 1);
        order.push_back("page:" + m + "-p1");
        if (shape.Scenario(i)) order.push_back("page:" + m + "-ps");
        order.push_back("page:" + m + "-p2");
        if (shape.Quiz(i)) order.push_back("quiz:" + m + "-quiz");
    }
    if (shape.assessment) order.push_back("quiz:final");
    return order;
}

std::vector<Shape> AllShapes() {
    std::vector<Shape> shapes;
    for (int modules = 1; modules <= 3; ++modules)
        for (unsigned quizzes = 0; quizzes < (1u << modules); ++quizzes)
            for (unsigned scenarios = 0; scenarios < (1u << modules); ++scenarios)
                for (bool assessment : {false, true}) shapes.push_back({modules, quizzes, scenarios, assessment});
    return shapes;
}

// Every shape's course, a guest's session on it, and its course order.
void ForEachShape(const std::function<void(const Course&, Session&, const std::vector<std::string>&)>& check) {
    for (const Shape& shape : AllShapes()) {
        SCOPED_TRACE(shape.Name());
        auto course = Build(shape);
        ASSERT_TRUE(course);
        Session session(course, nullptr, std::nullopt);
        check(*course, session, CourseOrder(shape));
    }
}

std::string Describe(const Course& course, const Session::StepAfterQuiz& step) {
    if (step.quiz) return "quiz:" + step.quiz->id;
    if (step.page >= 0) return "page:" + course.PageAt(step.page).id;
    return "end";
}

}  // namespace

// A quiz's results screen continues to what follows the quiz in course order: the next module's
// first page, the final assessment after the last module's quiz, and nothing after the assessment.
TEST(CourseEnds, AQuizsResultsContinueToTheNextThingInCourseOrder) {
    int quizzes = 0, to_assessment = 0;
    ForEachShape([&](const Course& course, Session& session, const std::vector<std::string>& order) {
        for (size_t i = 0; i < order.size(); ++i) {
            if (order[i].rfind("quiz:", 0) != 0) continue;
            const Quiz* quiz = session.FindQuiz(order[i].substr(5));
            ASSERT_NE(quiz, nullptr) << order[i];
            const std::string expected = i + 1 < order.size() ? order[i + 1] : "end";
            EXPECT_EQ(Describe(course, session.NextAfterQuiz(*quiz)), expected) << "after " << order[i];
            ++quizzes;
            to_assessment += expected == "quiz:final" && order[i] != "quiz:final";
        }
    });
    EXPECT_EQ(quizzes, 312);// the table reaches every quiz of every shape
    EXPECT_EQ(to_assessment, 42);// ... and every last module quiz followed by an assessment
}

// The reader's ends: the last page of a module opens its quiz when it has one, else the next page
// (the next module's, or at the course's end the final assessment, which the reader offers there).
TEST(CourseEnds, ThePageAtAModulesEndLeadsToItsQuizOrTheNextPage) {
    ForEachShape([&](const Course& course, Session& session, const std::vector<std::string>& order) {
        for (size_t i = 0; i < order.size(); ++i) {
            if (order[i].rfind("page:", 0) != 0) continue;
            ASSERT_TRUE(session.Nav().JumpTo(order[i].substr(5))) << order[i];
            const Quiz* quiz = session.QuizAfterCurrentPage();
            const std::string next = i + 1 < order.size() ? order[i + 1] : "end";
            std::string got = quiz ? "quiz:" + quiz->id
                              : session.Nav().CanAdvance()
                                  ? "page:" + course.PageAt(session.Nav().Index() + 1).id
                                  : course.assessment ? "quiz:" + course.assessment->id : "end";
            EXPECT_EQ(got, next) << "after " << order[i];
        }
    });
}

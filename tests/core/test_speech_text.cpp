#include <gtest/gtest.h>

#include "course/loader.h"
#include "course/speech_text.h"

using namespace lectern;

TEST(SpeechText, ReadsTitleTextImageDescriptionsAndChoicesButNotFacilitatorNotes) {
    std::map<std::string, std::string> files = {
        {"course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title><include src="m.xml"/></course>)"},
        {"m.xml", R"(<module id="m" title="M"><lesson id="l" title="L"><page id="p" title="The page">
<p>First <em>para</em>.</p>
<image src="x.png" alt="A flow chart of vetting"/>
<table><tr><th>Treaty</th><th>Year</th></tr><tr><td>CAT</td><td>1984</td></tr></table>
<facilitator><p>Secret note for the room</p></facilitator>
<question id="q" type="single"><prompt>Pick one</prompt><choice id="a">Alpha</choice><choice id="b" correct="true">Beta</choice></question>
</page></lesson></module>)"},
    };
    LoadResult r = LoadCourseFromMemory(files);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    std::string text = SpeechText(r.course->PageAt(0));
    EXPECT_EQ(text.rfind("The page.", 0), 0u) << text;
    EXPECT_NE(text.find("First para."), std::string::npos) << text;
    EXPECT_NE(text.find("Image: A flow chart of vetting"), std::string::npos) << text;
    EXPECT_NE(text.find("Treaty: CAT; Year: 1984"), std::string::npos) << text;
    EXPECT_NE(text.find("Question: Pick one"), std::string::npos) << text;
    EXPECT_NE(text.find("Choice 2: Beta"), std::string::npos) << text;
    EXPECT_EQ(text.find("Secret note"), std::string::npos) << text;
}

// Read-aloud carries each passage's language so a voice can be picked per passage: a segment per
// change of language, in order, the course's language where the passage names none.
TEST(SpeechText, SegmentsCarryEachPassagesLanguage) {
    std::map<std::string, std::string> files = {
        {"course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title><include src="m.xml"/></course>)"},
        {"m.xml", R"(<module id="m" title="M"><lesson id="l" title="L"><page id="p" title="The page">
<p>English one.</p>
<p lang="ar">Arabic one.</p>
<callout kind="note" lang="fr"><p>French one.</p><p lang="de">German one.</p><p>French two.</p></callout>
<ul><li>English item.</li><li lang="zh">Chinese item.</li></ul>
<table><tr><th>A</th><th>B</th></tr><tr><td lang="he">x</td><td lang="he">y</td></tr><tr><td lang="he">x</td><td>y</td></tr></table>
<question id="q" type="single"><prompt lang="ja">Japanese prompt</prompt><choice id="a">Alpha</choice><choice id="b" correct="true">Beta</choice></question>
</page></lesson></module>)"},
    };
    LoadResult r = LoadCourseFromMemory(files);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const std::vector<SpeechSegment> segments = SpeechSegments(r.course->PageAt(0), "en");
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"en", "The page.\nEnglish one.\n"},
        {"ar", "Arabic one.\n"},
        {"fr", "French one.\n"},
        {"de", "German one.\n"},
        {"fr", "French two.\n"},
        {"en", "English item.\n"},
        {"zh", "Chinese item.\n"},
        {"he", "A: x; B: y.\n"},
        {"en", "A: x; B: y.\n"},
        {"ja", "Question: Japanese prompt.\n"},
        {"en", "Choice 1: Alpha.\nChoice 2: Beta.\n"},
    };
    ASSERT_EQ(segments.size(), expected.size());
    std::string joined;
    for (size_t i = 0; i < segments.size(); ++i) {
        EXPECT_EQ(segments[i].lang, expected[i].first) << i;
        EXPECT_EQ(segments[i].text, expected[i].second) << i;
        joined += segments[i].text;
    }
    EXPECT_EQ(joined, SpeechText(r.course->PageAt(0)));
}

// A phrase in another language inside a sentence is read in its own voice, mid-sentence, and
// the sentence goes on in the passage's: paragraphs, list items in their own language, prompts
// and choices.
TEST(SpeechText, APhraseInAnotherLanguageIsAPieceOfItsOwn) {
    std::map<std::string, std::string> files = {
        {"course.xml", R"(<course id="c" version="1" lang="en" minutes="5"><title>T</title><include src="m.xml"/></course>)"},
        {"m.xml", R"(<module id="m" title="M"><lesson id="l" title="L"><page id="p" title="The page">
<p>The word <span lang="ar">Arabic</span> means torture.</p>
<ul><li lang="fr">Un mot <em lang="de">Deutsch</em> ici</li></ul>
<question id="q" type="single"><prompt>Say <strong lang="zh">Chinese</strong>?</prompt><choice id="a">In <span lang="he">Hebrew</span></choice><choice id="b" correct="true">Beta</choice></question>
</page></lesson></module>)"},
    };
    LoadResult r = LoadCourseFromMemory(files);
    ASSERT_TRUE(r.ok()) << r.diagnostics.FormatAll();
    const std::vector<SpeechSegment> segments = SpeechSegments(r.course->PageAt(0), "en");
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"en", "The page.\nThe word "}, {"ar", "Arabic"}, {"en", " means torture.\n"},
        {"fr", "Un mot "},              {"de", "Deutsch"}, {"fr", " ici.\n"},
        {"en", "Question: Say "},       {"zh", "Chinese"}, {"en", "?\nChoice 1: In "},
        {"he", "Hebrew.\n"},            {"en", "Choice 2: Beta.\n"},
    };
    std::vector<std::pair<std::string, std::string>> got;
    std::string joined;
    for (const SpeechSegment& s : segments) {
        got.push_back({s.lang, s.text});
        joined += s.text;
    }
    EXPECT_EQ(got, expected);
    EXPECT_EQ(joined, SpeechText(r.course->PageAt(0)));
}

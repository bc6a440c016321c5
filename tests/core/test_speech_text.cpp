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

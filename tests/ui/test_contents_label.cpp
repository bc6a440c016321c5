// A quiz's row in the contents says "Quiz: {title}" only when the title does not already say it is
// a quiz (ui/contents_label.h), in English and in Arabic, for every title below.
#include <gtest/gtest.h>

#include <string>

#include "course/ui_catalog.h"
#include "ui/contents_label.h"

namespace lectern::ui {
namespace {

UiCatalog Catalog(const std::string& lang) {
    Diagnostics problems;
    UiCatalog c = LoadUiCatalog(lang, UiCatalogDirs(), problems);
    EXPECT_TRUE(problems.All().empty()) << problems.FormatAll();
    return c;
}

struct Title {
    const char* text;
    bool says_en;  // the title already says "Quiz" (an English course's word)
    bool says_ar;  // ... or "اختبار" (an Arabic course's), or the English word
};

// Titles with the word (any case, start, middle, end, Arabic's joined article, English in an
// Arabic course) and without it (no word, or only a longer word that holds its letters).
const Title kTitles[] = {
    {"Module 1 quiz", true, true},
    {"Quiz: Module 1", true, true},
    {"FINAL QUIZ", true, true},
    {"The quiz on sources", true, true},
    {"Knowledge check", false, false},
    {"Quizzes and answers", false, false},
    {"Module 1", false, false},
    {"اختبار الوحدة الأولى", false, true},
    {"الاختبار النهائي", false, true},
    {"تقييم الوحدة", false, false},
    {"Quiz 2 — المصادر", true, true},
    {"第一单元测验", false, false},
};

TEST(ContentsLabel, AQuizRowIsPrefixedOnlyWhenItsTitleDoesNotSayQuiz) {
    int rows = 0;
    for (const char* lang : {"en", "ar"}) {
        const UiCatalog catalog = Catalog(lang);
        ASSERT_EQ(std::string(lang) == "ar", !catalog.text.empty()) << "the Arabic catalog loads";
        const std::string prefixed_mark = catalog.Get("Quiz: {title}").substr(0, catalog.Get("Quiz: {title}").find("{title}"));
        for (const Title& t : kTitles) {
            SCOPED_TRACE(std::string(lang) + ": " + t.text);
            const std::string label = QuizRowLabel(catalog, t.text);
            // Arabic's word is "اختبار"; an English "Quiz" in the title counts in either course.
            const bool says = std::string(lang) == "ar" ? t.says_ar : t.says_en;
            if (says) {
                EXPECT_EQ(label, t.text) << "the title already says it; no second prefix";
            } else {
                EXPECT_EQ(label, catalog.Format("Quiz: {title}", {{"title", t.text}}));
                EXPECT_EQ(label.rfind(prefixed_mark, 0), 0u);
            }
            // Never two prefixes, whatever the title.
            EXPECT_EQ(QuizRowLabel(catalog, label), label);
            ++rows;
        }
    }
    EXPECT_EQ(rows, 2 * static_cast<int>(std::size(kTitles)));
}

TEST(ContentsLabel, TheWordIsMatchedAsAWordIgnoringCase) {
    EXPECT_TRUE(TitleSays("Module 1 QUIZ", "quiz"));
    EXPECT_TRUE(TitleSays("quiz", "Quiz"));
    EXPECT_FALSE(TitleSays("Quizzes", "Quiz"));
    EXPECT_FALSE(TitleSays("A pop-quizz", "Quiz"));
    EXPECT_FALSE(TitleSays("Anything", ""));
    EXPECT_TRUE(TitleSays("الاختبار", "اختبار"));
}

}  // namespace
}  // namespace lectern::ui

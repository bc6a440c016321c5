// Every sign-in code the kiosk library gives (kiosk/sign_in.h) reaches the screen worded from the
// catalog: in English, and in Arabic, a translation (never the English), with its data in it.
#include <gtest/gtest.h>

#include <string>

#include "course/ui_catalog.h"
#include "ui/kiosk_words.h"

namespace lectern::ui {
namespace {

TEST(KioskWords, EverySignInCodeIsWordedInTheCoursesLanguageWithItsData) {
    Diagnostics problems;
    const UiCatalog english;
    const UiCatalog arabic = LoadUiCatalog("ar", UiCatalogDirs(), problems);
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    using M = kiosk::SignInMessage;
    int worded = 0;
    for (int code = static_cast<int>(M::None); code <= static_cast<int>(M::NoGuests); ++code) {
        for (PinError pin : {PinError::Empty, PinError::TooShort, PinError::TooLong, PinError::NotDigits})
            for (StoreError store : {StoreError::DiskFull, StoreError::Busy, StoreError::NotSaving, StoreError::Io}) {
                kiosk::Decision d;
                d.message = static_cast<M>(code);
                d.name = "Алексей محمد";
                d.seconds_locked = 27;
                d.pin_error = pin;
                d.store_error = store;
                const std::string en = Words(english, d), ar = Words(arabic, d);
                SCOPED_TRACE(std::to_string(code) + ": " + en);
                if (d.message == M::None) {
                    EXPECT_EQ(en, "");
                    EXPECT_EQ(ar, "");
                    continue;
                }
                EXPECT_FALSE(en.empty());
                EXPECT_NE(ar, en) << "shown in English in an Arabic course";
                EXPECT_EQ(ar.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"), std::string::npos)
                    << "English words in the Arabic: " << ar;
                if (d.message == M::NoSuchLearner || d.message == M::AlreadyExists) {
                    EXPECT_NE(en.find(d.name), std::string::npos);
                    EXPECT_NE(ar.find(d.name), std::string::npos);
                }
                if (d.message == M::Locked) EXPECT_NE(ar.find("27"), std::string::npos);
                if (d.message == M::CannotAdd || d.message == M::PinNotSaved) EXPECT_NE(en.find(Words(english, store)), std::string::npos);
                ++worded;
            }
    }
    EXPECT_EQ(worded, 14 * 4 * 4);  // 14 codes besides None x PIN errors x store errors
}

}  // namespace
}  // namespace lectern::ui

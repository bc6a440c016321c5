// The interface mirrored when its catalog is a right-to-left language's (assets/strings/ar.po):
// the contents panel at the right of the page, Next at the left of the bottom bar and Back at
// its right, the top bar's buttons from the right with the learner's name at the left. Each is
// asked of both catalogs, by where things are and by what a click there does.
#include <gtest/gtest.h>

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <functional>
#include <string>
#include <vector>

#include "course/ui_catalog.h"
#include "draw_raster.h"
#include "harness.h"
#include "shaped_ui.h"
#include "ui/shaped_text.h"

using namespace lectern;
using lectern::test::UiHarness;

namespace {

const std::string kFixture = std::string(LECTERN_TEST_DATA) + "/fixture-course";

// The fixture course with its language set to `lang` (a copy, made once per process), as a
// course in that language comes with that language's catalog: an Arabic course lays its pages out
// from the right, where an English course shown with the Arabic catalog keeps its pages' direction.
std::string FixtureIn(const std::string& lang) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("lectern-mirrored-" + lang + "-" + std::to_string(::getpid()));
    if (!fs::exists(dir / "course.xml")) {
        fs::remove_all(dir);
        fs::copy(kFixture, dir, fs::copy_options::recursive);
        std::ifstream in(dir / "course.xml");
        std::stringstream b;
        b << in.rdbuf();
        std::string text = b.str();
        const size_t at = text.find("lang=\"en\"");
        EXPECT_NE(at, std::string::npos);
        if (at != std::string::npos) text.replace(at, 9, "lang=\"" + lang + "\"");
        std::ofstream(dir / "course.xml") << text;
    }
    return dir.string();
}

// A harness whose interface speaks `lang` (no fonts: text is drawn unshaped, in visual order).
struct Interface {
    explicit Interface(const std::string& lang, const std::string& course = kFixture) : Interface(Catalog(lang), course) {}
    Interface(UiCatalog catalog, const std::string& course) : ui(course) {
        EXPECT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
        shaped.SetLanguage(ui.load().course ? ui.load().course->lang : std::string());
        shaped.SetCatalog(std::move(catalog));
        shaped.Install();
        ui.state.screen = ui::Screen::Reader;
        ui.state.reader.sidebar_open = true;
    }
    // Clicks at a point inside `window` (fractions of its size) and returns what the UI asked.
    ui::Actions ClickIn(const char* window, float fx, float fy) {
        ImGuiWindow* w = test::ActiveWindowNamed(window);
        EXPECT_NE(w, nullptr) << window;
        if (!w) return {};
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(w->Pos.x + w->Size.x * fx, w->Pos.y + w->Size.y * fy);
        ui.Frame();
        io.MouseDown[0] = true;
        ui::Actions down = ui.Frame();
        io.MouseDown[0] = false;
        ui::Actions up = ui.Frame();
        for (const ui::Action& a : down.list) up.Push(a);
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        return up;
    }
    static UiCatalog Catalog(const std::string& lang) {
        Diagnostics problems;
        UiCatalog catalog = LoadUiCatalog(lang, UiCatalogDirs(), problems);
        EXPECT_FALSE(problems.HasErrors());
        return catalog;
    }
    UiHarness ui;
    ui::ShapedText shaped;
};

TEST(MirroredInterface, AnArabicCatalogMirrorsTheReaderAndAnEnglishOneDoesNot) {
    for (const bool rtl : {false, true}) {
        SCOPED_TRACE(rtl ? "ar" : "en");
        Interface in(rtl ? "ar" : "en");
        ASSERT_EQ(ui::InterfaceRightToLeft(), rtl);
        ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p1"));  // a page with pages before and after it
        in.ui.Frame();
        in.ui.Frame();
        ImGuiWindow* contents = test::ActiveWindowNamed("##contents");
        ImGuiWindow* page = test::ActiveWindowNamed("##page");
        ASSERT_NE(contents, nullptr);
        ASSERT_NE(page, nullptr);
        // Side by side, the contents on the side reading starts from.
        if (rtl) {
            EXPECT_GE(contents->Pos.x, page->Pos.x + page->Size.x - 1);
        } else {
            EXPECT_LE(contents->Pos.x + contents->Size.x, page->Pos.x + 1);
        }
        // The bottom bar's left end goes on (mirrored) or back (not); its right end the other way.
        const ui::Actions left = in.ClickIn("##bottombar", 0.02f, 0.5f);
        EXPECT_EQ(left.Has(ui::ActionKind::NextPage), rtl);
        EXPECT_EQ(left.Has(ui::ActionKind::PrevPage), !rtl);
        const ui::Actions right = in.ClickIn("##bottombar", 0.98f, 0.5f);
        EXPECT_EQ(right.Has(ui::ActionKind::NextPage), !rtl);
        EXPECT_EQ(right.Has(ui::ActionKind::PrevPage), rtl);
    }
}

// The thin bar above Back and Next shows how far into the course the page is: filled from the
// left, or mirrored from the right, and only there. Every page of the course, in both directions.
// It was filled from the left as well in the mirrored interface, so past the first page both
// ends of the bar showed progress.
TEST(MirroredInterface, TheCourseBarFillsFromTheReadingStartOnly) {
    int pages = 0;
    for (const bool rtl : {false, true}) {
        Interface in(rtl ? "ar" : "en");
        const int count = static_cast<int>(in.ui.load().course->reading_order.size());
        const ImVec4 accent = ui::GetTheme(ui::ThemeId::Light).accent;
        for (const auto& [id, page] : in.ui.load().course->page_index) {
            SCOPED_TRACE(std::string(rtl ? "ar" : "en") + ", page " + id);
            ASSERT_TRUE(in.ui.nav().JumpTo(id));
            in.ui.Frame();
            in.ui.Frame();
            ImGuiWindow* bar = test::ActiveWindowNamed("##bottombar");
            ASSERT_NE(bar, nullptr);
            const ImVec2 display = ImGui::GetIO().DisplaySize;
            const test::Raster r = test::Rasterise(ImGui::GetDrawData(), ImGui::GetIO().Fonts, static_cast<int>(display.x),
                                                   static_cast<int>(display.y));
            const float done = count > 1 ? static_cast<float>(page) / static_cast<float>(count - 1) : 1.0f;
            const float filled_from = rtl ? bar->Pos.x + bar->Size.x * (1.0f - done) : bar->Pos.x;
            const float filled_to = rtl ? bar->Pos.x + bar->Size.x : bar->Pos.x + bar->Size.x * done;
            const int y = static_cast<int>(bar->Pos.y) + 1;
            int wrong = 0, filled = 0;
            // The window clips a few pixels at its ends: those are left out.
            for (int x = static_cast<int>(bar->Pos.x) + 8; x < static_cast<int>(bar->Pos.x + bar->Size.x) - 8; ++x) {
                const bool is_accent = r.Is(x, y, accent);
                filled += is_accent;
                if (x < filled_from - 3 || x > filled_to + 3) wrong += is_accent;
                else if (x > filled_from + 3 && x < filled_to - 3) wrong += !is_accent;
            }
            EXPECT_EQ(wrong, 0) << "pixels of the bar's top row filled where they should not be, or not where they should";
            EXPECT_GE(filled, static_cast<int>((bar->Size.x - 16) * done * 0.9f)) << "the bar is not filled";
            ++pages;
        }
    }
    EXPECT_GE(pages, 2 * 6);
}

TEST(MirroredInterface, TheTopBarStartsFromTheRightAndSignOutIsAtTheLeft) {
    for (const bool rtl : {false, true}) {
        for (const bool right_end : {false, true}) {
            SCOPED_TRACE(std::string(rtl ? "ar" : "en") + (right_end ? ", right end" : ", left end"));
            // A fresh interface per click: what one click opens never changes the next.
            Interface in(rtl ? "ar" : "en");
            in.ui.Frame();
            in.ui.Frame();
            ImGuiWindow* main = test::ActiveWindowNamed("Lectern");
            ASSERT_NE(main, nullptr);
            ImGuiIO& io = ImGui::GetIO();
            // Half the narrower of the two end buttons in from the bar's end, on its first row.
            const ImGuiStyle& style = ImGui::GetStyle();
            const float in_by = std::min(ImGui::CalcTextSize(ui::Tr("Home")).x, ImGui::CalcTextSize(ui::Tr("Sign out")).x) * 0.5f +
                                style.FramePadding.x;
            const float x = right_end ? main->Pos.x + main->Size.x - style.WindowPadding.x - in_by
                                      : main->Pos.x + style.WindowPadding.x + in_by;
            io.MousePos = ImVec2(x, main->Pos.y + ImGui::GetFontSize() * 0.5f + style.WindowPadding.y);
            in.ui.Frame();
            io.MouseDown[0] = true;
            ui::Actions actions = in.ui.Frame();
            io.MouseDown[0] = false;
            for (const ui::Action& a : in.ui.Frame().list) actions.Push(a);
            bool home = false;
            for (const ui::Action& a : actions.list) home = home || (a.kind == ui::ActionKind::OpenScreen && a.screen == ui::Screen::Home);
            // Reading starts at the left (Home) in English, at the right in Arabic.
            const bool at_start = right_end == rtl;
            EXPECT_EQ(home, at_start);
            EXPECT_EQ(actions.Has(ui::ActionKind::SignOut), !at_start);
        }
    }
}

// Every screen, set up the same way in both catalogs.
struct ScreenCase {
    std::string name;
    std::function<void(Interface&)> setup;
};

void OpenQuiz(Interface& in, bool start, bool submit) {
    const Quiz* quiz = in.ui.session().FindQuiz("m1-quiz");
    ASSERT_NE(quiz, nullptr);
    in.ui.session().OpenQuiz(*quiz, 1700000000000);
    if (start) { ASSERT_TRUE(in.ui.session().StartAttempt(*quiz, 1700000000000)); }
    if (submit) in.ui.session().SubmitQuiz(1700000001000);
    in.ui.state.screen = ui::Screen::Quiz;
}

std::vector<ScreenCase> EveryScreen() {
    using ui::Screen;
    auto open = [](Screen screen) { return [screen](Interface& in) { in.ui.state.screen = screen; }; };
    return {
        {"home", open(Screen::Home)},
        {"reader", [](Interface& in) { ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p1")); }},
        // The page alone, on a page whose passages name no language of their own (the fixture
        // marks some lang="en", which rightly stay left to right): its own controls. (An
        // ordering question's buttons fit beside its items in English and go under them in
        // Arabic here, so that page's sides are compared in pixels, below, with the same words.)
        {"page, scenario", [](Interface& in) {
             ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p3"));
             in.ui.state.reader.sidebar_open = false;
         }},
        // Not here: the contents over the page in a narrow window and the glossary, whose top
        // bars wrap differently in the two catalogs' widths; both are compared in pixels below.
        {"admin, learners", [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.admin_unlocked = true;
             in.ui.model.learners = {"Ana", "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF"};
             in.ui.state.admin.selected = "Ana";
             in.ui.state.screen = Screen::Admin;
         }},
        {"references", open(Screen::References)},
        {"help", open(Screen::Help)},
        {"progress", open(Screen::Progress)},
        {"sign-in, names listed", [](Interface& in) {
             in.ui.model.learners = {"Ana", "\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF"};
             in.ui.state.screen = Screen::Learners;
         }},
        {"sign-in, names typed", [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.sign_in_by_typing = true;
             in.ui.state.screen = Screen::Learners;
         }},
        {"admin, PIN to set", [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.admin_pin_missing = true;
             in.ui.state.screen = Screen::Admin;
         }},
        {"admin, locked", [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.state.screen = Screen::Admin;
         }},
        {"quiz intro", [](Interface& in) { OpenQuiz(in, false, false); }},
        {"quiz question", [](Interface& in) { OpenQuiz(in, true, false); }},
        {"quiz results", [](Interface& in) { OpenQuiz(in, true, true); }},
        {"error", [](Interface& in) {
             in.ui.model.fault = "a test fault";
             in.ui.state.screen = Screen::Error;
         }},
    };
}

// Where a control sits across the window: -1 at the left edge, +1 at the right, 0 centred.
float Side(const ImRect& control, const ImRect& window) {
    // As wide as most of its window: on neither side.
    if (control.GetWidth() > window.GetWidth() * 0.6f) return 0.0f;
    const float left_gap = control.Min.x - window.Min.x, right_gap = window.Max.x - control.Max.x;
    return (left_gap - right_gap) / std::max(1.0f, window.GetWidth());
}

// The controls Tab reaches on the screen, in order (until it comes back to the first): where
// each sits across the window that holds it.
std::vector<std::pair<std::string, float>> TabWalk(Interface& in) {
    std::vector<std::pair<std::string, float>> out;
    std::vector<ImGuiID> seen;
    for (int i = 0; i < 24; ++i) {
        in.ui.Press(test::kKeyTab);
        ImGuiContext& g = *ImGui::GetCurrentContext();
        if (!g.NavWindow || !g.NavId) continue;
        if (std::find(seen.begin(), seen.end(), g.NavId) != seen.end()) break;
        seen.push_back(g.NavId);
        const ImRect rect = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
        // Across the whole window: a panel's place counts too (the contents at the reading start).
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        out.emplace_back(std::string(g.NavWindow->Name) + " " + ui::FocusedName(), Side(rect, ImRect(0, 0, display.x, display.y)));
    }
    return out;
}

// Every screen's controls, walked with Tab in English and in Arabic: each control that sits
// towards one side in English sits towards the other in Arabic (a control centred, or as wide as
// its window, says nothing either way). Each screen must have such a control.
TEST(MirroredInterface, EveryScreensControlsSitOnTheSideReadingStartsFrom) {
    int checked = 0;
    for (const ScreenCase& c : EveryScreen()) {
        SCOPED_TRACE(c.name);
        std::vector<std::pair<std::string, float>> walks[2];
        for (const bool rtl : {false, true}) {
            Interface in(rtl ? "ar" : "en", rtl ? FixtureIn("ar") : kFixture);
            c.setup(in);
            if (::testing::Test::HasFatalFailure()) return;
            in.ui.Frame();
            in.ui.Frame();
            walks[rtl] = TabWalk(in);
        }
        ASSERT_EQ(walks[0].size(), walks[1].size()) << "the two catalogs reach different controls";
        int sided = 0;
        for (size_t i = 0; i < walks[0].size(); ++i) {
            const float en = walks[0][i].second, ar = walks[1][i].second;
            if (std::fabs(en) < 0.1f) continue;
            ++sided;
            EXPECT_LT(en * ar, 0.0f) << "control " << i << " (" << walks[0][i].first << " / " << walks[1][i].first
                                     << ") sits at " << en << " in English and " << ar << " in Arabic";
            EXPECT_GT(std::fabs(ar), 0.05f) << walks[1][i].first << " is centred in Arabic";
        }
        EXPECT_GE(sided, 1) << "no control on either side: nothing checked";
        checked += sided;
    }
    EXPECT_GE(checked, 30);
}


// The same screens in pixels. With the English words in both drawings (a right-to-left catalog
// with no translations, beside the English one), direction is all that differs, so a mirrored
// screen is its English drawing flipped: band by band down the screen's own panel, every
// stretch of ink (a line or a cell of text, a button's label, a bar, a bullet, a number) sits
// where the English one's mirror image does. A panel drawn from the left in both fails here.
struct MirrorCase {
    std::string name;
    const char* window;  // the screen's own panel
    ImVec2 display;
    std::function<void(Interface&)> setup;
};

constexpr float kTall = 1800;  // tall enough that no panel scrolls: a scrollbar is at the right in both

// 200 % text: every face ImGui's default font at twice its size (built into the atlas beside it).
void DoubleTheText(Interface& in) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig config;
    config.SizePixels = in.ui.fonts.body_px * 2.0f;
    ImFont* font = io.Fonts->AddFontDefault(&config);
    io.Fonts->Build();
    platform::EmptyBidiControls(font);
    font->BuildLookupTable();
    ui::Fonts& f = in.ui.fonts;
    f.body = f.bold = f.italic = f.bold_italic = f.heading1 = f.heading2 = f.heading3 = f.ui = f.ui_bold = f.small = font;
    f.body_px = font->FontSize;
}

std::vector<MirrorCase> EveryMirroredScreen() {
    using ui::Screen;
    const ImVec2 wide(1280, kTall);
    auto page = [](const char* id) { return [id](Interface& in) { ASSERT_TRUE(in.ui.nav().JumpTo(id)); in.ui.state.reader.sidebar_open = false; }; };
    auto help = [](bool present, bool kiosk, bool large) {
        return [=](Interface& in) {
            if (large) DoubleTheText(in);
            in.ui.model.present_mode = present;
            in.ui.model.kiosk = kiosk;
            in.ui.model.admin_chord = "Ctrl+Alt+Shift+A";
            in.ui.state.screen = Screen::Help;
        };
    };
    return {
        {"home", "##home", wide, [](Interface& in) { in.ui.state.screen = Screen::Home; }},
        {"progress", "##progress", wide, [](Interface& in) {
             // Some pages read, so the bar has a filled part.
             for (const char* id : {"m0-l1-p1", "m0-l1-p2", "m1-l1-p1", "m1-l1-p2"}) {
                 ASSERT_TRUE(in.ui.nav().JumpTo(id));
                 in.ui.Frame();
             }
             in.ui.state.screen = Screen::Progress;
         }},
        // A term marked (opened from a page): the filter field does not take the keyboard, so no
        // caret blinks in it.
        {"glossary", "##glossary", wide, [](Interface& in) {
             in.ui.state.screen = Screen::Glossary;
             in.ui.state.glossary.focus = "distinction";
         }},
        {"references", "##references", wide, [](Interface& in) { in.ui.state.screen = Screen::References; }},
        // The whole window, with the banner every screen shows when progress is not saved: its
        // sentence starts from the right, under the top bar.
        {"window with the not-saving banner", "Lectern", wide, [](Interface& in) {
             in.ui.model.banner = "Progress is NOT being saved: the folder is read-only.";
             in.ui.state.screen = Screen::References;
         }},
        // A window too narrow for contents beside the page: they open over it.
        {"contents over the page", "##contents_overlay", ImVec2(320, 1400), [](Interface& in) {
             ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p1"));
             in.ui.Frame();
             in.ui.state.reader.sidebar_open = true;
         }},
        {"contents beside the page", "##contents", wide, [](Interface& in) { ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p1")); }},
        {"admin, learners", "##admin", wide, [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.admin_unlocked = true;
             in.ui.model.learners = {"Ana", "Bo Li"};
             in.ui.state.admin.selected = "Ana";
             in.ui.state.screen = Screen::Admin;
         }},
        // A page's own controls: knowledge checks (ordering's moves, Check my answer), a scenario's choices.
        {"page, checks", "##page", wide, page("m1-l2-p2")},
        {"page, scenario", "##page", wide, [](Interface& in) {
             ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p3"));
             // Its run started, as the reader's controller starts it: the situation and its choices show.
             for (const Block& b : in.ui.load().course->PageAt(in.ui.nav().Index()).blocks)
                 if (b.kind == BlockKind::Scenario && b.scenario) in.ui.session().Run(*b.scenario);
             in.ui.state.reader.sidebar_open = false;
         }},
        // The sign-in screen: names listed, and the typed-name form.
        {"sign-in, names", "##learners", wide, [](Interface& in) {
             in.ui.model.learners = {"Ana", "Bo Li"};
             in.ui.state.screen = Screen::Learners;
         }},
        {"sign-in, typed", "##learners", wide, [](Interface& in) {
             in.ui.model.sign_in_by_typing = true;
             in.ui.state.screen = Screen::Learners;
         }},
        // A matching question's drop-downs: each arrow at the far side from the reading start.
        {"page, matching", "##page", wide, page("m1-l2-p1")},
        // Not here: an empty field's caret, which the band above merges with the field's hint
        // (EveryEmptyFieldsCaretAndHintAreAtItsReadingStart checks it).
        {"admin, locked", "##admin", wide, [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.state.screen = Screen::Admin;
         }},
        {"quiz intro", "##quiz", wide, [](Interface& in) { OpenQuiz(in, false, false); }},
        {"quiz question", "##quiz", wide, [](Interface& in) { OpenQuiz(in, true, false); }},
        {"quiz results", "##quiz", wide, [](Interface& in) { OpenQuiz(in, true, true); }},
        {"error", "##fault", wide, [](Interface& in) {
             in.ui.model.fault = "a test fault";
             in.ui.state.screen = Screen::Error;
         }},
        // The help screen's key table, its cells wrapped line for line alike (at 320 pixels most
        // of them wrap; at 200 % text its keys' column widens to its widest chord, or in a narrow
        // window each key goes above what it does).
        {"help", "##help", wide, help(false, false, false)},
        {"help, narrow", "##help", ImVec2(320, kTall), help(false, false, false)},
        {"help, present mode and a kiosk", "##help", ImVec2(640, kTall), help(true, true, false)},
        {"help, 200 % text", "##help", wide, help(false, false, true)},
        {"help, 200 % text, narrow, present mode and a kiosk", "##help", ImVec2(480, kTall * 2.5f), help(true, true, true)},
        // Too narrow for the kiosk's "Ctrl+Alt+Shift+A" beside the descriptions: each key above.
        {"help, 200 % text, 320 pixels, a kiosk", "##help", ImVec2(320, kTall * 4), help(false, true, true)},
    };
}

// A band of rows with ink, and its stretches of ink as distances from the panel's reading start
// (its left edge, or its right edge when `mirrored`), in reading order. `text_px`: the size of the
// text drawn (ImGui's default font is 13 pixels).
struct Band {
    int y0 = 0, y1 = 0;
    std::vector<std::pair<int, int>> runs;
};

std::vector<Band> InkBands(const test::Raster& r, const ImRect& panel, bool mirrored, float text_px = 13) {
    // Inside the panel's border (the contents over the page have one, dark, down both sides).
    constexpr int kBorder = 4;
    const int x0 = static_cast<int>(panel.Min.x) + kBorder, x1 = static_cast<int>(panel.Max.x) - kBorder;
    const int y0 = static_cast<int>(panel.Min.y), y1 = std::min(r.height, static_cast<int>(panel.Max.y));
    auto inked = [&](int x, int y) { return r.Ink(x, y) >= 0.45f; };
    std::vector<Band> bands;
    for (int y = y0; y < y1;) {
        if (r.Count(x0, y, x1, y + 1, inked) == 0) {
            ++y;
            continue;
        }
        Band b;
        b.y0 = y;
        while (y < y1 && r.Count(x0, y, x1, y + 1, inked) > 0) ++y;
        b.y1 = y;
        // An underline (a term's, a link's) is under its words, which a right-to-left line places
        // by the bidi rules, not as a mirror image (a sentence's full stop moves to its other end).
        if (b.y1 - b.y0 < 3) continue;
        std::vector<bool> column(static_cast<size_t>(x1 - x0), false);
        for (int x = x0; x < x1; ++x) column[static_cast<size_t>(x - x0)] = r.Count(x, b.y0, x + 1, b.y1, inked) > 0;
        // Stretches of ink closer than two spaces are one (the words of a line; a right-to-left line
        // orders its words differently, its ends are the same); controls are further apart.
        const int kGap = static_cast<int>(18 * text_px / 13);
        const int mid = (b.y0 + b.y1) / 2;
        auto in_field = [&](int x) { return x >= 0 && x < r.width && r.Is(x, mid, ImVec4(1, 1, 1, 1), 0.01f); };
        for (int x = x0; x < x1;) {
            if (!column[static_cast<size_t>(x - x0)]) {
                ++x;
                continue;
            }
            int end = x, gap = 0;
            for (int k = x; k < x1 && gap <= kGap; ++k) {
                if (column[static_cast<size_t>(k - x0)]) end = k, gap = 0;
                else ++gap;
            }
            // Text typed in a field (or its hint) is laid out by Dear ImGui from the field's
            // left in either direction: its frame is white in the light theme. Left out.
            if (!(in_field(x - 2) && in_field(end + 2))) {
                if (mirrored) b.runs.emplace_back(x1 - 1 - end, x1 - 1 - x);
                else b.runs.emplace_back(x - x0, end - x0);
            }
            x = end + 1;
        }
        std::sort(b.runs.begin(), b.runs.end());
        bands.push_back(b);
    }
    return bands;
}

std::string Runs(const Band& b) {
    std::string s = "rows " + std::to_string(b.y0) + "-" + std::to_string(b.y1) + ":";
    for (const auto& [a, e] : b.runs) s += " [" + std::to_string(a) + "," + std::to_string(e) + "]";
    return s;
}

TEST(MirroredInterface, EveryScreenRightToLeftIsItsLeftToRightDrawingMirrored) {
    UiCatalog english_mirrored;
    english_mirrored.lang = "ar";
    english_mirrored.right_to_left = true;
    int compared = 0;
    for (const MirrorCase& c : EveryMirroredScreen()) {
        SCOPED_TRACE(c.name);
        std::vector<Band> bands[2];
        ImRect panel[2];
        float text_px = 13.0f;  // Dear ImGui's default font, which these cases draw in
        for (const bool rtl : {false, true}) {
            // An Arabic course (in English words) in the mirrored interface: its pages read from the right too.
            Interface in(rtl ? english_mirrored : UiCatalog{}, rtl ? FixtureIn("ar") : kFixture);
            ImGui::GetIO().DisplaySize = c.display;
            c.setup(in);
            if (::testing::Test::HasFatalFailure()) return;
            for (int i = 0; i < 3; ++i) in.ui.Frame();
            ImGuiWindow* w = test::ActiveWindowNamed(c.window);
            ASSERT_NE(w, nullptr) << c.window;
            panel[rtl] = w->Rect();
            const test::Raster r = test::Rasterise(ImGui::GetDrawData(), ImGui::GetIO().Fonts, static_cast<int>(c.display.x),
                                                   static_cast<int>(c.display.y));
            bands[rtl] = InkBands(r, panel[rtl], rtl, in.ui.fonts.body_px);
            text_px = in.ui.fonts.body_px;
        }
        // The panel on the mirrored side of the window, as wide.
        EXPECT_NEAR(panel[1].Min.x, c.display.x - panel[0].Max.x, 2.0f);
        EXPECT_NEAR(panel[1].GetWidth(), panel[0].GetWidth(), 2.0f);
        ASSERT_GE(bands[0].size(), 3u) << "hardly anything drawn";
        ASSERT_EQ(bands[0].size(), bands[1].size()) << "the two drawings have different lines";
        // Ink, not advances, is compared: a line of English words that breaks after a comma keeps
        // the comma at its end (UAX #9 resolves the paragraph before it is cut into lines), which
        // mirrored is the line's right, its reading start, where its ink starts a comma's side
        // bearing in (8 pixels at 200 % text, against 6 allowed): the allowance grows with the text.
        const int slack = static_cast<int>(6.0f * std::max(1.0f, text_px / 13.0f) + 0.5f);
        int wrong = 0;
        for (size_t i = 0; i < bands[0].size() && wrong < 6; ++i) {
            const Band &en = bands[0][i], &ar = bands[1][i];
            bool same = en.runs.size() == ar.runs.size();
            for (size_t k = 0; same && k < en.runs.size(); ++k)
                same = std::abs(en.runs[k].first - ar.runs[k].first) <= slack && std::abs(en.runs[k].second - ar.runs[k].second) <= slack;
            if (!same) ++wrong;
            EXPECT_TRUE(same) << "from the reading start, left to right " << Runs(en) << "\n  right to left " << Runs(ar);
            compared += static_cast<int>(en.runs.size());
        }
    }
    EXPECT_GE(compared, 200);
}

// Every screen with text fields, each empty field reached with Tab: its caret (a line the height
// of the text, in the text's colour) and its hint (the rest of the ink in the field) start at the
// field's reading start, its left in English and its right in the mirrored interface, where Dear
// ImGui always puts both at the left; and Arabic typed into it (not into a PIN) shows in a box
// under it.
struct FieldCase {
    std::string name;
    int fields;  // empty fields on the screen, all of which Tab must reach
    std::function<void(Interface&)> setup;
};

std::vector<FieldCase> EveryScreenWithFields() {
    using ui::Screen;
    const std::vector<std::string> names = {"Ana", "Bo Li"};
    return {
        {"page, typed answer", 1, [](Interface& in) {
             ASSERT_TRUE(in.ui.nav().JumpTo("m1-l2-p2"));
             in.ui.state.reader.sidebar_open = false;
         }},
        {"glossary filter", 1, [](Interface& in) { in.ui.state.screen = Screen::Glossary; }},
        {"sign-in, new learner", 1, [names](Interface& in) {
             in.ui.model.learners = names;
             in.ui.state.screen = Screen::Learners;
         }},
        // The name to sign in with, and a new learner's name and PIN twice.
        {"sign-in, typed name", 4, [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.sign_in_by_typing = true;
             in.ui.state.screen = Screen::Learners;
         }},
        {"sign-in on a kiosk, new learner with a PIN", 3, [names](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.learners = names;
             in.ui.state.screen = Screen::Learners;
         }},
        {"sign-in, PIN asked", 1, [names](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.learners = names;
             in.ui.state.sign_in.pin_for = "Ana";
             in.ui.state.screen = Screen::Learners;
         }},
        {"admin, PIN to set", 2, [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.admin_pin_missing = true;
             in.ui.state.screen = Screen::Admin;
         }},
        {"admin, locked", 1, [](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.state.screen = Screen::Admin;
         }},
        // The export folder, the administrator's new PIN twice, and for the selected learner a
        // new name (emptied) and a new PIN twice.
        {"admin, unlocked", 6, [names](Interface& in) {
             in.ui.model.kiosk = true;
             in.ui.model.admin_unlocked = true;
             in.ui.model.learners = names;
             in.ui.state.admin.selected = "Ana";
             in.ui.state.screen = Screen::Admin;
         }},
    };
}

TEST(MirroredInterface, EveryEmptyFieldsCaretAndHintAreAtItsReadingStart) {
    UiCatalog english_mirrored;
    english_mirrored.lang = "ar";
    english_mirrored.right_to_left = true;
    int checked = 0, typed_in = 0;
    for (const FieldCase& c : EveryScreenWithFields()) {
        for (const bool rtl : {false, true}) {
            SCOPED_TRACE(c.name + (rtl ? ", mirrored" : ", English"));
            Interface in(rtl ? english_mirrored : UiCatalog{}, rtl ? FixtureIn("ar") : kFixture);
            ImGui::GetIO().DisplaySize = ImVec2(1280, kTall);
            c.setup(in);
            if (::testing::Test::HasFatalFailure()) return;
            in.ui.Frame();
            in.ui.Frame();
            std::vector<ImGuiID> fields;
            ImGuiContext& g = *ImGui::GetCurrentContext();
            for (int i = 0; i < 40; ++i) {
                // A field focused when its screen opens is being edited before any Tab.
                if (i > 0) in.ui.Press(test::kKeyTab);
                in.ui.Frame();
                if (g.ActiveId == 0 || g.ActiveId != g.InputTextState.ID || g.InputTextState.CurLenA > 0) continue;
                if (std::find(fields.begin(), fields.end(), g.ActiveId) != fields.end()) break;  // round again
                fields.push_back(g.ActiveId);
                const ImRect field = ImGui::WindowRectRelToAbs(g.NavWindow, g.NavWindow->NavRectRel[g.NavLayer]);
                SCOPED_TRACE("field " + std::to_string(fields.size()) + " at " + std::to_string(static_cast<int>(field.Min.x)) + "-" +
                             std::to_string(static_cast<int>(field.Max.x)));
                const test::Raster r = test::Rasterise(ImGui::GetDrawData(), ImGui::GetIO().Fonts, 1280, static_cast<int>(kTall));
                const ImGuiStyle& style = ImGui::GetStyle();
                const int top = static_cast<int>(field.Min.y + style.FramePadding.y), rows = static_cast<int>(g.FontSize) - 4;
                const int x0 = static_cast<int>(field.Min.x) + 2, x1 = static_cast<int>(field.Max.x) - 2;
                // Columns inked the whole text height: only the caret (no letter of a hint is that tall).
                std::vector<int> carets;
                for (int x = x0; x < x1; ++x)
                    if (r.Count(x, top + 1, x + 1, top + 1 + rows, [&](int px, int py) { return r.Ink(px, py) >= 0.45f; }) == rows)
                        carets.push_back(x);
                ASSERT_FALSE(carets.empty()) << "no caret drawn in the field";
                const float start = rtl ? field.Max.x - style.FramePadding.x : field.Min.x + style.FramePadding.x;
                for (int x : carets) EXPECT_NEAR(x, start, 3.0f) << "a caret at x=" << x;
                // The hint: the field's other ink, grey, ending (mirrored) or starting at the caret.
                int lo = -1, hi = -1;
                for (int x = x0; x < x1; ++x) {
                    if (std::find(carets.begin(), carets.end(), x) != carets.end()) continue;
                    if (r.Count(x, top, x + 1, top + static_cast<int>(g.FontSize), [&](int px, int py) { return r.Ink(px, py) >= 0.2f; }) == 0)
                        continue;
                    lo = lo < 0 ? x : lo;
                    hi = x;
                }
                ASSERT_GE(lo, 0) << "no hint drawn in the empty field";
                if (rtl) EXPECT_NEAR(hi, start, 4.0f) << "the hint ends at x=" << hi;
                else EXPECT_NEAR(lo, start, 4.0f) << "the hint starts at x=" << lo;
                ++checked;
                // A name or answer typed in Arabic is shown shaped in a box just under the field
                // while it is edited (Dear ImGui draws it codepoint by codepoint): never a PIN.
                const ImVec4 box = ImGui::GetStyleColorVec4(ImGuiCol_PopupBg);
                const int bx0 = static_cast<int>(field.Min.x) + 4, bx1 = static_cast<int>(field.Max.x) - 4;
                const int by0 = static_cast<int>(field.Max.y) + 5, by1 = static_cast<int>(field.Max.y + field.GetHeight()) - 2;
                auto boxed = [&](const test::Raster& raster) {
                    return raster.Count(bx0, by0, bx1, by1, [&](int px, int py) { return raster.Is(px, py, box, 0.02f); });
                };
                const int area = (bx1 - bx0) * (by1 - by0);
                EXPECT_LT(boxed(r), area / 2) << "a box under the empty field";
                ImGui::GetIO().AddInputCharactersUTF8("\xD9\x85\xD8\xAD\xD9\x85\xD8\xAF");  // محمد
                in.ui.Frame();
                in.ui.Frame();
                const test::Raster typed = test::Rasterise(ImGui::GetDrawData(), ImGui::GetIO().Fonts, 1280, static_cast<int>(kTall));
                if (g.InputTextState.CurLenA == 0) {  // a PIN field, which takes digits only
                    EXPECT_LT(boxed(typed), area / 2) << "a box under a PIN field";
                    continue;
                }
                EXPECT_GT(boxed(typed), area / 2) << "no box under the field with the Arabic typed in it";
                ++typed_in;
            }
            EXPECT_EQ(static_cast<int>(fields.size()), c.fields) << "Tab reached another number of empty fields";
        }
    }
    EXPECT_GE(checked, 30);
    EXPECT_GE(typed_in, 10);
}

// The breadcrumb over a page: its module, then its lesson, from the reading start. With English
// names in an Arabic course the module is at the right and the lesson to its left, as a
// right-to-left reader meets them (the names, one left-to-right run together, had the module at
// the left). Every page of the fixture, in both directions.
TEST(MirroredInterface, TheBreadcrumbReadsModuleThenLessonFromTheReadingStart) {
    UiCatalog english_mirrored;
    english_mirrored.lang = "ar";
    english_mirrored.right_to_left = true;
    int checked = 0;
    for (const bool rtl : {false, true}) {
        Interface in(rtl ? english_mirrored : UiCatalog{}, rtl ? FixtureIn("ar") : kFixture);
        const Course& course = *in.ui.load().course;
        for (size_t i = 0; i < course.reading_order.size(); ++i) {
            const Course::PageRef ref = course.reading_order[i];
            const Module& module = course.modules[static_cast<size_t>(ref.module)];
            const Lesson& lesson = module.lessons[static_cast<size_t>(ref.lesson)];
            SCOPED_TRACE(std::string(rtl ? "mirrored, " : "English, ") + course.PageAt(static_cast<int>(i)).id);
            auto squeezed = [](std::string s) {
                s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
                return s;
            };
            const std::string m = squeezed(module.title), l = squeezed(lesson.title);
            if (m.find(l) != std::string::npos || l.find(m) != std::string::npos) continue;
            ASSERT_TRUE(in.ui.nav().JumpTo(course.PageAt(static_cast<int>(i)).id));
            in.ui.state.reader.sidebar_open = false;
            in.ui.Frame();
            in.ui.Frame();
            bool found = false;
            for (const auto& [y, line] : test::DrawnLines(test::GlyphQuads(*ImGui::GetIO().Fonts))) {
                const size_t at_m = line.find(m), at_l = line.find(l);
                if (at_m == std::string::npos || at_l == std::string::npos) continue;
                found = true;
                if (rtl) EXPECT_LT(at_l, at_m) << "the module is not at the right: " << line;
                else EXPECT_LT(at_m, at_l) << "the module is not at the left: " << line;
            }
            EXPECT_TRUE(found) << "no line holds \"" << module.title << "\" and \"" << lesson.title << "\"";
            ++checked;
        }
    }
    EXPECT_GE(checked, 8);
}

}  // namespace

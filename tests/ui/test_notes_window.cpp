// The presenter's notes window (lectern --present --notes-window): its own ImGui context and its
// own shaper (ShapedText's second private-use range, as App draws it), here with an Arabic course
// whose facilitator notes are Arabic with a Latin acronym and digits. A layout trace of the drawn
// glyph quads: the notes reach the screen as shaped glyphs (no raw Arabic codepoints, which Dear
// ImGui would draw unjoined, and no placeholder), laid out from the right of the notes column.
#include <gtest/gtest.h>

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <imgui_internal.h>

#include "course/ui_catalog.h"
#include "harness.h"
#include "shaped_atlas.h"
#include "shaped_ui.h"
#include "ui/shaped_text.h"

namespace lectern {
namespace {

namespace fs = std::filesystem;

const std::string kNote = "ملاحظة للميسّر: برنامج IMET عام 1976";

// The fixture course in Arabic, with kNote as the first lesson's facilitator note.
std::string ArabicCourse() {
    const fs::path dir = fs::temp_directory_path() / ("lectern-notes-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::copy(std::string(LECTERN_TEST_DATA) + "/fixture-course", dir, fs::copy_options::recursive);
    auto rewrite = [](const fs::path& file, const std::string& from, const std::string& to) {
        std::ifstream in(file);
        std::stringstream b;
        b << in.rdbuf();
        std::string text = b.str();
        const size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << file << " has no " << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
        std::ofstream(file) << text;
    };
    rewrite(dir / "course.xml", "lang=\"en\"", "lang=\"ar\"");
    rewrite(dir / "modules" / "01-principles.xml",
            "<p>Ask the group: how would you tell a civilian from a fighter who wears no uniform?</p>", "<p>" + kNote + "</p>");
    return dir.string();
}

using Quad = test::GlyphQuad;
using test::GlyphQuads;

TEST(NotesWindow, ArabicNotesAreDrawnShapedFromTheRightOfTheColumn) {
    test::UiHarness ui(LoadCourse(ArabicCourse()));
    ASSERT_TRUE(ui.load().ok()) << ui.load().diagnostics.FormatAll();
    ui.model.present_mode = true;
    ui.model.notes_window = true;
    ui.state.screen = ui::Screen::Reader;
    ASSERT_TRUE(ui.nav().JumpTo("m1-l1-p1"));

    // The notes window's context and shaper, as App::DrawNotesWindow makes them.
    test::ShapedAtlas notes;
    ui::ShapedText shaper(ui::ShapedText::kOtherFirst, ui::ShapedText::kOtherLast);
    notes.Want(kNote);
    Diagnostics problems;
    shaper.SetCatalog(LoadUiCatalog("ar", UiCatalogDirs(), problems));
    ASSERT_TRUE(problems.All().empty()) << problems.FormatAll();
    for (const auto& [english, arabic] : shaper.Catalog().text) notes.Want(arabic);
    std::string error;
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    ImGuiContext* context = ImGui::CreateContext(notes.atlas.get());
    ImGui::SetCurrentContext(context);
    ImGui::GetIO().DisplaySize = ImVec2(1000, 700);
    ImGui::GetIO().IniFilename = nullptr;
    float left = 0, right = 0;
    for (int frame = 0; frame < 3; ++frame) {
        // Bake what the last frame asked for (the app does the same between frames).
        test::Request(shaper.TakeRequests(), &notes.request);
        ASSERT_TRUE(platform::BuildFontAtlas(notes.atlas.get(), 1.0f, notes.request, &notes.set, &error)) << error;
        shaper.SetFaces(test::Faces(notes.set));
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        notes.atlas->GetTexDataAsRGBA32(&pixels, &w, &h);
        ImGui::NewFrame();
        shaper.Install();
        shaper.NewFrame();
        ui::Fonts fonts = test::UiFonts(notes.set);
        ui::Actions ignored;
        {
            const ui::LanguageScope interface_language("ar", false);
            ui::DrawNotesWindow(ui.model, ui.state, ignored, fonts);
        }
        const ImGuiWindow* column = nullptr;  // the notes' own column, "Notes/##notes_<hash>"
        for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows)
            if (std::string(w->Name).find("/##notes") != std::string::npos) column = w;
        ASSERT_NE(column, nullptr);
        left = column->WorkRect.Min.x;
        right = column->WorkRect.Max.x;
        ImGui::Render();
    }
    const std::vector<Quad> quads = GlyphQuads(*notes.atlas);
    int shaped = 0, raw_arabic = 0, placeholders = 0;
    std::vector<const Quad*> shaped_quads;
    for (const Quad& q : quads) {
        if (q.codepoint >= 0x0600 && q.codepoint <= 0x06FF) ++raw_arabic;
        if (q.codepoint == 0xFFFD) ++placeholders;
        if (q.codepoint >= ui::ShapedText::kOtherFirst && q.codepoint <= ui::ShapedText::kOtherLast) {
            ++shaped;
            shaped_quads.push_back(&q);
        }
    }
    ImGui::DestroyContext(context);
    ImGui::SetCurrentContext(main_context);

    // The note's 30-odd letters and the Arabic headings come out as shaped glyphs, none unjoined.
    EXPECT_GE(shaped, 20) << quads.size() << " glyphs drawn";
    EXPECT_EQ(raw_arabic, 0) << "Arabic drawn codepoint by codepoint (unshaped)";
    EXPECT_EQ(placeholders, 0);
    // From the right: every line of it, short ones too (the note, the headings), ends at the
    // column's right edge; laid out from the left, the short ones would end far from it.
    const float width = right - left;
    // Lines: glyphs that overlap in height (a mark's or a dot's small glyph within its letters').
    std::sort(shaped_quads.begin(), shaped_quads.end(), [](const Quad* a, const Quad* b) { return a->y0 < b->y0; });
    std::vector<std::pair<float, float>> line_ends;  // (the line's top, where its ink ends)
    float bottom = 0;
    for (const Quad* q : shaped_quads) {
        if (line_ends.empty() || q->y0 >= bottom - 1.0f) {
            line_ends.emplace_back(q->y0, q->x1);
            bottom = q->y1;
        }
        bottom = std::max(bottom, q->y1);
        line_ends.back().second = std::max(line_ends.back().second, q->x1);
    }
    ASSERT_GE(line_ends.size(), 3u);
    for (const auto& [top, end] : line_ends)
        EXPECT_GT(end, right - width * 0.06f) << "the line at y=" << top << " ends at " << end << "; column " << left << ".." << right;
}

}  // namespace
}  // namespace lectern

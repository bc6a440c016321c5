// Rich text: a paragraph of styled runs laid out word by word, wrapped to a width, with real
// bold and italic faces. Glossary terms, links and citations are keyboard-focusable items that
// show their definition (or target, or citation) on hover and on keyboard focus.
#pragma once

#include <string>
#include <vector>

#include "ui/shaped_text.h"
#include "ui/ui.h"

namespace lectern::ui {

struct RichStyle {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold_italic = nullptr;
    ImVec4 color;
    float line_height = 1.5f;  // times the font size
    bool interactive = true;   // terms/links/cites are items (false inside tooltips)
};

struct RichContext {
    const Course* course = nullptr;
    const Fonts* fonts = nullptr;
    const Theme* theme = nullptr;
    Actions* actions = nullptr;
};

// Body text style from the fonts (regular/bold/italic/bold-italic) in the theme's text colour.
RichStyle BodyStyle(const Fonts& fonts, const Theme& theme);
// The same with every face replaced by one font (headings, captions).
RichStyle SingleFontStyle(ImFont* font, ImVec4 color, float line_height = 1.3f);

// Lays out and draws `runs` at the cursor, wrapping at `wrap_width` (0 = available width), and
// advances the cursor past it. `id` must be unique among siblings (PushID is used inside).
void RichText(const char* id, const Inline& runs, const RichStyle& style, const RichContext& ctx,
              float wrap_width = 0.0f);

// True when RichText lays `runs` out from the right: the current language (a passage's, the
// course's) is right to left, else the text's first strong letter is (as HTML's dir="auto").
// What frames the text (a list marker, a quote's bar) goes on that side.
bool StartsFromRight(const Inline& runs);

// The narrowest width that breaks no word (the widest word) and the width of the whole text on
// one line: a table column's minimum and preferred widths, as browsers measure them.
struct RichWidths {
    float min = 0;
    float preferred = 0;
};
RichWidths MeasureRichText(const Inline& runs, const RichStyle& style);

// Measures the height RichText would take, without drawing.
float RichTextHeight(const Inline& runs, const RichStyle& style, float wrap_width);

// The text each line of RichText shows, in order (for tests): soft hyphens appear only as the
// "-" at the end of a line that breaks at one; zero-width spaces and other invisible
// characters do not appear; a space drawn as an advance between two pieces shows as " ".
std::vector<std::string> RichTextLines(const Inline& runs, const RichStyle& style, float wrap_width);

// `text` with line breaks where `font` wraps it at `max_width`: a button label that names a
// page or quiz title of any length stays inside the column (ImGui buttons draw every line).
std::string WrapLabel(ImFont* font, const std::string& text, float max_width);

// Plain text drawn wrapped with one font (a convenience for UI strings). Left-to-right text that
// needs no shaping is wrapped by Dear ImGui (at spaces, and inside a word too long for the line);
// the rest is laid out by RichText (UAX #14 opportunities, in logical order).
void WrappedText(ImFont* font, const ImVec4& color, const std::string& text, float wrap_width = 0.0f);

// The same, wrapped by RichText's one rule in either direction and at Dear ImGui's line height
// (the font's size, as WrappedText's left-to-right lines): where a right-to-left drawing must be
// the mirror image of the left-to-right one line for line (the help screen's key table).
void WrappedTextOneRule(ImFont* font, const ImVec4& color, const std::string& text, float wrap_width = 0.0f);

}  // namespace lectern::ui

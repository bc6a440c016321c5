#include "ui/blocks.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ui/backdrop.h"

namespace lectern::ui {

namespace {

const char* CalloutLabel(CalloutKind kind) {
    switch (kind) {
        case CalloutKind::Note: return UiKey("Note");
        case CalloutKind::Important: return UiKey("Important");
        case CalloutKind::Example: return UiKey("Example");
        case CalloutKind::Legal: return UiKey("The law");
    }
    return "";
}

void Gap(const Fonts& f, float lines) { ImGui::Dummy(ImVec2(1, f.body_px * lines)); }

// A right-to-left passage (its language, or the course's) mirrors what frames the text: list
// markers, quote and callout bars on the right, table columns from the right.
bool Mirrored() { return CurrentDirection() == text::Direction::RightToLeft; }

// The first text a block shows (a paragraph's, a list's first item, a callout's first block's),
// or null (an image, a question). *lang becomes the innermost language named on the way to it, if any.
const Inline* FirstText(const Block& b, std::string* lang) {
    switch (b.kind) {
        case BlockKind::Heading:
        case BlockKind::Paragraph:
        case BlockKind::Quote: return &b.text;
        case BlockKind::BulletList:
        case BlockKind::NumberedList:
            if (b.items.empty()) return nullptr;
            if (!LanguageOf(b.items.front()).empty()) *lang = LanguageOf(b.items.front());
            return &b.items.front();
        case BlockKind::Callout:
            if (b.children.empty()) return nullptr;
            if (!b.children.front().lang.empty()) *lang = b.children.front().lang;
            return FirstText(b.children.front(), lang);
        default: return nullptr;
    }
}

// The side a callout's bar and title take: the side its first passage starts, as a quote's bar
// and a list's markers do: from the right when that passage's language is right to left, or,
// in a left-to-right language, when its first letter is (an Arabic sentence in a callout
// marked lang="en" still reads from the right, and its bar goes with it).
bool CalloutFromRight(const Block& callout) {
    std::string lang;
    const Inline* first = FirstText(callout, &lang);
    if (!first) return Mirrored();
    const LanguageScope first_language(lang, false);
    return StartsFromRight(*first);
}

void DrawList(const Block& b, const BlockContext& ctx, int index) {
    const Fonts& f = *ctx.rich.fonts;
    const Theme& t = *ctx.rich.theme;
    RichStyle style = BodyStyle(f, t);
    float indent = f.body_px * 1.6f;
    for (size_t i = 0; i < b.items.size(); ++i) {
        ImVec2 start = ImGui::GetCursorScreenPos();
        // Each item in its own language (<li lang>) when it names one; its marker goes on the
        // side its text starts.
        const LanguageScope item_language(LanguageOf(b.items[i]));
        const bool mirrored = StartsFromRight(b.items[i]);
        // Right to left, "1." reads with its full stop on the left, as browsers draw it.
        const std::string number = std::to_string(i + 1);
        std::string marker = b.kind == BlockKind::NumberedList ? (mirrored ? "." + number : number + ".") : "\xE2\x80\xA2";  // bullet
        ImFont* mf = b.kind == BlockKind::NumberedList ? f.body : f.bold;
        float mw = mf->CalcTextSizeA(mf->FontSize, 1e9f, 0, marker.c_str()).x;
        float pad = (f.body->FontSize * style.line_height - f.body->FontSize) * 0.5f;
        const float marker_x = mirrored ? start.x + ctx.width - indent + f.body_px * 0.5f : start.x + indent - mw - f.body_px * 0.5f;
        ImGui::GetWindowDrawList()->AddText(mf, mf->FontSize, ImVec2(marker_x, start.y + pad),
                                            ImGui::GetColorU32(b.kind == BlockKind::NumberedList ? t.text : t.text_muted),
                                            marker.c_str());
        ImGui::SetCursorScreenPos(ImVec2(mirrored ? start.x : start.x + indent, start.y));
        ImGui::PushID(index * 1000 + static_cast<int>(i));
        ImGui::BeginGroup();
        RichText("li", b.items[i], style, ctx.rich, ctx.width - indent);
        ImGui::EndGroup();
        ImGui::PopID();
        ImGui::SetCursorScreenPos(ImVec2(start.x, ImGui::GetCursorScreenPos().y + f.body_px * 0.2f));
    }
}

void DrawQuote(const Block& b, const BlockContext& ctx) {
    const Fonts& f = *ctx.rich.fonts;
    const Theme& t = *ctx.rich.theme;
    ImVec2 start = ImGui::GetCursorScreenPos();
    float indent = f.body_px * 1.4f;
    const bool mirrored = StartsFromRight(b.text);
    // The text ends `indent` from the bar's side, and half that from the other.
    ImGui::SetCursorScreenPos(ImVec2(start.x + (mirrored ? indent * 0.5f : indent), start.y));
    ImGui::BeginGroup();
    RichStyle style = BodyStyle(f, t);
    style.regular = f.italic;
    style.italic = f.body;  // emphasis inside a quote flips back to roman
    style.bold = f.bold_italic;
    style.bold_italic = f.bold;
    RichText("quote", b.text, style, ctx.rich, ctx.width - indent * 1.5f);
    if (!b.source.empty()) WrappedText(f.small, t.text_muted, "\xE2\x80\x94 " + b.source, ctx.width - indent * 1.5f);  // em dash
    ImGui::EndGroup();
    float end_y = ImGui::GetItemRectMax().y;
    const float bar_x = mirrored ? start.x + ctx.width - f.body_px * 0.3f - 4 : start.x + f.body_px * 0.3f;
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(bar_x, start.y + 2), ImVec2(bar_x + 4, end_y),
                                              ImGui::GetColorU32(t.quote_bar), 2.0f);
}

void DrawCallout(const Block& b, const BlockContext& ctx) {
    const Fonts& f = *ctx.rich.fonts;
    const Theme& t = *ctx.rich.theme;
    int k = static_cast<int>(b.callout);
    ImVec2 start = ImGui::GetCursorScreenPos();
    float pad = f.body_px * 0.9f;
    Backdrop box(start);  // behind the content; nests in scenarios and other callouts
    box.Fill(start.x, start.x + ctx.width, ImGui::GetColorU32(t.callout_bg[k]), 4.0f);
    // The frame and title take the side the callout's first passage starts from; the blocks
    // inside keep their own.
    const bool mirrored = CalloutFromRight(b);
    if (mirrored)
        box.Fill(start.x + ctx.width - 5, start.x + ctx.width, ImGui::GetColorU32(t.callout_bar[k]), 2.0f);
    else
        box.Fill(start.x, start.x + 5, ImGui::GetColorU32(t.callout_bar[k]), 2.0f);
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad + (mirrored ? 0 : 4), start.y + pad * 0.8f));
    ImGui::BeginGroup();
    float inner_width = ctx.width - pad * 2 - 4;
    std::string label = TrText(CalloutLabel(b.callout));
    {
        // A long title wraps inside the box like the text under it.
        // (Direction only: the title keeps the shaping language around it.)
        const LanguageScope title_direction(mirrored == Mirrored() ? std::string() : mirrored ? "ar" : "en", false);
        WrappedText(f.ui_bold, t.text, b.title.empty() ? label : label + ": " + b.title, inner_width);
    }
    BlockContext inner = ctx;
    inner.width = inner_width;
    DrawBlocks(b.children, inner);
    ImGui::EndGroup();
    float end_y = ImGui::GetItemRectMax().y + pad * 0.3f;
    box.End(end_y);
    ImGui::SetCursorScreenPos(ImVec2(start.x, end_y));
    ImGui::Dummy(ImVec2(ctx.width, 1));
}

// Column widths as browsers give them in automatic table layout: each column's minimum is its
// widest word, its preferred width its longest cell on one line. Preferred widths that fit are
// widened in proportion to fill the column; otherwise columns shrink toward their minimum, those
// with most to give shrinking most, so no word is ever broken while minimums fit. When even the
// minimums do not fit, columns keep them and the table scrolls sideways (returns true).
}  // namespace

bool TableColumnWidths(const std::vector<RichWidths>& cols, float available, std::vector<float>& out) {
    float sum_min = 0, sum_pref = 0;
    for (const RichWidths& c : cols) {
        sum_min += c.min;
        sum_pref += std::max(c.preferred, c.min);
    }
    out.clear();
    for (const RichWidths& c : cols) {
        float pref = std::max(c.preferred, c.min);
        if (sum_pref <= available) out.push_back(sum_pref > 0 ? pref + (available - sum_pref) * pref / sum_pref : available / cols.size());
        else if (sum_min <= available) out.push_back(c.min + (pref - c.min) * (available - sum_min) / (sum_pref - sum_min));
        else out.push_back(c.min);
    }
    return sum_min > available;
}

namespace {

void DrawTable(const Block& b, const BlockContext& ctx, int index) {
    const Fonts& f = *ctx.rich.fonts;
    const Theme& t = *ctx.rich.theme;
    if (b.rows.empty()) return;
    int cols = static_cast<int>(b.rows[0].size());
    if (cols == 0) return;
    if (!b.title.empty()) WrappedText(f.ui_bold, t.text, b.title, ctx.width);
    // Right to left, the first column is the rightmost.
    const bool mirrored = Mirrored();
    auto visual = [&](int c) { return mirrored ? cols - 1 - c : c; };
    RichStyle body = BodyStyle(f, t);
    body.line_height = 1.35f;
    RichStyle head = body;
    head.regular = f.bold;
    head.italic = f.bold_italic;
    const ImVec2 pad(f.body_px * 0.5f, f.body_px * 0.35f);
    // Every column's minimum and preferred content widths, over all its cells.
    std::vector<RichWidths> measured(static_cast<size_t>(cols));
    for (size_t r = 0; r < b.rows.size(); ++r)
        for (size_t c = 0; c < b.rows[r].size() && c < measured.size(); ++c) {
            const LanguageScope cell_language(LanguageOf(b.rows[r][c]));
            RichWidths w = MeasureRichText(b.rows[r][c], r == 0 ? head : body);
            measured[c].min = std::max(measured[c].min, std::ceil(w.min) + 1);
            measured[c].preferred = std::max(measured[c].preferred, std::ceil(w.preferred) + 1);
        }
    // What the table adds around the columns' content, as Dear ImGui measures it when it decides
    // whether a table scrolls (BeginTableEx, EndTable: a cell padding either side of each column
    // and the outer border on one side; no inner vertical borders). With more (a pixel per
    // column), tables whose columns just fit were set to scroll and kept an empty strip where
    // no scrollbar was drawn. Columns that fit to the pixel lose it from their last padding.
    const float overhead = cols * pad.x * 2 + 1;
    std::vector<float> widths;
    bool scroll = TableColumnWidths(measured, ctx.width - overhead, widths);
    ImGuiTableFlags flags = ImGuiTableFlags_BordersH | ImGuiTableFlags_BordersOuterV | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX | ImGuiTableFlags_NoKeepColumnsVisible;
    ImVec2 outer(ctx.width, 0);
    if (scroll) {
        // A box of its own that scrolls sideways, as tall as its rows: the page scrolls, not it.
        flags |= ImGuiTableFlags_ScrollX;
        float height = ImGui::GetStyle().ScrollbarSize + 4;
        for (size_t r = 0; r < b.rows.size(); ++r) {
            float row = 0;
            for (size_t c = 0; c < b.rows[r].size() && c < widths.size(); ++c) {
                const LanguageScope cell_language(LanguageOf(b.rows[r][c]));
                row = std::max(row, RichTextHeight(b.rows[r][c], r == 0 ? head : body, widths[c]));
            }
            height += row + pad.y * 2 + 1;
        }
        outer.y = height;
    }
    ImGui::PushID(index);
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, pad);
    if (ImGui::BeginTable("table", cols, flags, outer)) {
        for (int c = 0; c < cols; ++c)
            ImGui::TableSetupColumn(nullptr, ImGuiTableColumnFlags_WidthFixed, widths[static_cast<size_t>(visual(c))]);
        for (size_t r = 0; r < b.rows.size(); ++r) {
            ImGui::TableNextRow(r == 0 ? ImGuiTableRowFlags_Headers : 0);
            if (r == 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, ImGui::GetColorU32(t.table_header_bg));
            for (int c = 0; c < cols && c < static_cast<int>(b.rows[r].size()); ++c) {
                ImGui::TableSetColumnIndex(visual(c));
                ImGui::PushID(static_cast<int>(r * 100 + static_cast<size_t>(c)));
                const LanguageScope cell_language(LanguageOf(b.rows[r][static_cast<size_t>(c)]));
                RichText("cell", b.rows[r][static_cast<size_t>(c)], r == 0 ? head : body, ctx.rich,
                         ImGui::GetContentRegionAvail().x);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    ImGui::PopStyleVar();
    ImGui::PopID();
}

void DrawImage(const Block& b, const BlockContext& ctx, int index) {
    const Fonts& f = *ctx.rich.fonts;
    const Theme& t = *ctx.rich.theme;
    Texture tex;
    if (ctx.model && ctx.model->load_image && !b.resolved_path.empty()) tex = ctx.model->load_image(b.resolved_path);
    if (tex.id && tex.width > 0) {
        // Diagrams are drawn at 144 dpi: show them at half their pixels, scaled with the text.
        float scale = f.body_px / 18.0f * 0.5f;
        float w = std::min(ctx.width, tex.width * scale);
        float h = w * tex.height / tex.width;
        float x = ImGui::GetCursorPosX() + (ctx.width - w) * 0.5f;
        ImGui::SetCursorPosX(x);
        ImGui::Image(tex.id, ImVec2(w, h));
        if (ImGui::IsItemHovered() && !b.alt.empty()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(f.body_px * 24);
            ImGui::TextUnformatted(b.alt.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    } else {
        // The image could not be shown: the description stands in for it.
        ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRect(start, ImVec2(start.x + ctx.width, start.y + f.body_px * 3),
                                            ImGui::GetColorU32(t.panel_border), 4.0f);
        ImGui::SetCursorScreenPos(ImVec2(start.x + 10, start.y + 8));
        WrappedText(f.italic, t.text_muted, TrFText("[Image: {description}]", {{"description", b.alt}}), ctx.width - 20);
        ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(ImGui::GetCursorScreenPos().y, start.y + f.body_px * 3)));
    }
    if (!b.caption.empty()) WrappedText(f.small, t.text_muted, b.caption, ctx.width);
    if (!b.alt.empty() && tex.id) {
        ImGui::PushID(index);
        ImGui::PushFont(f.small);
        const std::string label = WrapLabel(f.small, TrText("Text description of this image"), ctx.width - ImGui::GetTreeNodeToLabelSpacing());
        if (ImGui::TreeNode("alt", "%s", Shaped(label))) {
            ImGui::PopFont();
            WrappedText(f.body, t.text, b.alt, ctx.width - ImGui::GetStyle().IndentSpacing);
            ImGui::TreePop();
        } else {
            ImGui::PopFont();
        }
        ImGui::PopID();
    }
}

}  // namespace

void SectionLabel(const char* label, const Fonts& fonts, const ImVec4& color, float width) {
    WrappedText(fonts.small, color, label, width);
}

void DrawBlocks(const Blocks& blocks, const BlockContext& ctx) {
    const Fonts& f = *ctx.rich.fonts;
    const Theme& t = *ctx.rich.theme;
    int index = 0;
    for (const Block& b : blocks) {
        ImGui::PushID(index);
        // A passage in its own language (lang="ar") is drawn in it: its direction, its mirroring,
        // its shapes; what it holds (a callout's blocks) too, unless they name their own.
        const LanguageScope passage_language(b.lang);
        switch (b.kind) {
            case BlockKind::Heading: {
                Gap(f, b.level == 2 ? 0.6f : 0.3f);
                ImFont* font = b.level == 2 ? f.heading2 : f.heading3;
                RichText("h", b.text, SingleFontStyle(font, t.text, 1.25f), ctx.rich, ctx.width);
                break;
            }
            case BlockKind::Paragraph: RichText("p", b.text, BodyStyle(f, t), ctx.rich, ctx.width); break;
            case BlockKind::BulletList:
            case BlockKind::NumberedList: DrawList(b, ctx, index); break;
            case BlockKind::Quote: DrawQuote(b, ctx); break;
            case BlockKind::Callout: DrawCallout(b, ctx); break;
            case BlockKind::Table: DrawTable(b, ctx, index); break;
            case BlockKind::Image: DrawImage(b, ctx, index); break;
            case BlockKind::Question:
                if (ctx.draw_question) ctx.draw_question(b);
                break;
            case BlockKind::Scenario:
                if (ctx.draw_scenario) ctx.draw_scenario(b);
                break;
            case BlockKind::Facilitator:
                if (ctx.show_facilitator) {
                    SectionLabel(TrText("FACILITATOR NOTE (not shown to learners)").c_str(), f, t.accent, ctx.width);
                    DrawBlocks(b.children, ctx);
                }
                break;
        }
        ImGui::PopID();
        if (b.kind != BlockKind::Facilitator || ctx.show_facilitator) Gap(f, 0.55f);
        ++index;
    }
}

}  // namespace lectern::ui

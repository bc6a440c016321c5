// Draws a page's blocks in a reading column. Interactive blocks (knowledge checks, scenarios)
// are drawn by hooks the reader passes in, so this file stays about typography.
#pragma once

#include <functional>
#include <vector>

#include "ui/rich_text.h"

namespace lectern::ui {

struct BlockContext {
    BlockContext(const RichContext& r, const ViewModel* m, float w) : rich(r), model(m), width(w) {}
    RichContext rich;
    const ViewModel* model = nullptr;
    float width = 600;                 // column width
    bool show_facilitator = false;     // presenter view only
    std::function<void(const Block&)> draw_question;  // may be empty
    std::function<void(const Block&)> draw_scenario;  // may be empty
};

void DrawBlocks(const Blocks& blocks, const BlockContext& ctx);

// A table's column content widths from each column's minimum and preferred widths, filling
// `available` (see blocks.cpp). True when even the minimums do not fit: the table scrolls.
bool TableColumnWidths(const std::vector<RichWidths>& cols, float available, std::vector<float>& out);

// A small, muted label above the text (e.g. "NOTE", "LEGAL").
// A small label in capitals; wraps at `width` (0: at the window's edge).
void SectionLabel(const char* label, const Fonts& fonts, const ImVec4& color, float width = 0.0f);

}  // namespace lectern::ui

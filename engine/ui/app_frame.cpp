// The frame around every screen: one window filling the viewport, the top bar, keyboard
// shortcuts that work everywhere, and the dispatch to the current screen.
#include <cfloat>
#include <cstdio>
#include <stdexcept>

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "ui/input.h"
#include "ui/screens.h"

namespace lectern::ui {

float ReadingWidth(const Fonts& fonts, float available) {
    float measure = fonts.body_px * 36.0f;  // ~70 characters of DejaVu Serif
    return std::max(std::min(measure, available - fonts.body_px * 2.0f), std::min(available, fonts.body_px * 12.0f));
}

bool PrimaryButton(const char* label, const Theme& theme, const ImVec2& size) {
    ImGui::PushStyleColor(ImGuiCol_Button, theme.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, theme.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, theme.accent);
    ImGui::PushStyleColor(ImGuiCol_Text, theme.accent_text);
    bool pressed = ImGui::Button(Shaped(label), size);
    ImGui::PopStyleColor(4);
    return pressed;
}

std::string ButtonLabel(const std::string& text, float width) {
    return WrapLabel(ImGui::GetFont(), text, width - ImGui::GetStyle().FramePadding.x * 2);
}

void SameLineIfItFits(const char* label, float right, float spacing, float extra) {
    const float w = ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2 + extra;
    ImGui::SameLine(0, spacing);
    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
}

bool KeyPressed(ImGuiKey key) {
    if (ImGui::GetIO().WantTextInput) return false;
    return ImGui::IsKeyPressed(KeyIndex(key));
}

void ScrollKeys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) return;
    const float page = ImGui::GetWindowHeight() * 0.85f;
    const float line = ImGui::GetFontSize() * 3.0f;
    const float y = ImGui::GetScrollY();
    // Space and the arrows press or move between controls while a focus ring shows (RemapKeyboard).
    const bool reading = !io.NavVisible;
    // A definition shown for a focused term would stay up over the text the page scrolls to:
    // a page-sized move closes it (focus stays on the term; Tab goes on from there).
    if (KeyboardTooltipShown() && (KeyPressed(ImGuiKey_PageDown) || KeyPressed(ImGuiKey_PageUp) || KeyPressed(ImGuiKey_Home) ||
                                   KeyPressed(ImGuiKey_End)))
        CloseKeyboardTooltip();
    if (KeyPressed(ImGuiKey_PageDown) || (reading && KeyPressed(ImGuiKey_Space) && !io.KeyShift)) ImGui::SetScrollY(y + page);
    if (KeyPressed(ImGuiKey_PageUp) || (reading && KeyPressed(ImGuiKey_Space) && io.KeyShift)) ImGui::SetScrollY(y - page);
    if (reading && KeyPressed(ImGuiKey_DownArrow)) ImGui::SetScrollY(y + line);
    if (reading && KeyPressed(ImGuiKey_UpArrow)) ImGui::SetScrollY(y - line);
    if (KeyPressed(ImGuiKey_Home)) ImGui::SetScrollY(0);
    // End stays at the end while what is below grows on its way into view (a table or a
    // question sized when first drawn), until the window is scrolled by anything else: a single
    // SetScrollY stops at the height known before the jump.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID at_end = ImGui::GetID("##scrolled-to-end"), end_y = ImGui::GetID("##scrolled-to-end-y");
    if (KeyPressed(ImGuiKey_End)) {
        storage->SetBool(at_end, true);
        storage->SetFloat(end_y, -1.0f);
    }
    if (storage->GetBool(at_end)) {
        const float last = storage->GetFloat(end_y, -1.0f);
        if (last >= 0.0f && y != last) {
            storage->SetBool(at_end, false);  // scrolled since: by a key, the wheel or focus
        } else {
            ImGui::SetScrollY(ImGui::GetScrollMaxY());
            storage->SetFloat(end_y, ImGui::GetScrollMaxY());
        }
    }
}

bool CharPressed(char c) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt) return false;
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i)
        if (io.InputQueueCharacters[i] == static_cast<ImWchar>(c)) return true;
    return false;
}

bool ReadingFromRight() { return CurrentDirection() == text::Direction::RightToLeft; }

void AtReadingStart(float item_width, float column_width) {
    if (ReadingFromRight()) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, column_width - item_width));
}

void IndentFromReadingStart(float indent) {
    if (!ReadingFromRight()) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
}

void ButtonAtReadingStart(const char* label, float column_width) { AtReadingStart(ButtonWidth(label), column_width); }

void TextAtReadingStart(const char* text, float column_width) {
    AtReadingStart(ImGui::CalcTextSize(text).x, column_width);
    ImGui::TextUnformatted(text);
}

namespace {

// A text field's hint, drawn after the field while `value` is empty, at the field's reading start.
void FieldHintAtReadingStart(const char* hint, const char* value) {
    if (*value) return;
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float w = ImGui::CalcTextSize(hint).x;
    // Too long for the field, it is cut off at its far end: the left when reading from the right.
    const float x = ReadingFromRight() ? max.x - style.FramePadding.x - w : min.x + style.FramePadding.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(min, max, true);
    dl->AddText(ImVec2(x, min.y + style.FramePadding.y), ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
    dl->PopClipRect();
}

// Around a text field: when reading from the right and it is empty, Dear ImGui's caret (always at
// its left) is hidden by EmptyFieldBegin, and EmptyFieldEnd draws the hint at the field's reading
// start (FieldHintAtReadingStart) and, while it is being edited, the caret at its right.
bool EmptyFieldBegin(const char* value) {
    if (*value || !ReadingFromRight()) return false;
    // Dear ImGui draws an empty field's caret at its left: hidden (an empty field draws nothing
    // else in the text colour), and drawn at the right by EmptyFieldEnd.
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 0));
    return true;
}

void EmptyFieldEnd(bool hidden, const char* hint, const char* value) {
    if (!hidden) {
        FieldHintAtReadingStart(hint, value);
        return;
    }
    ImGui::PopStyleColor();
    FieldHintAtReadingStart(hint, value);
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (*value || !ImGui::IsItemActive() || g.InputTextState.ID != ImGui::GetItemID()) return;
    const float anim = g.InputTextState.CursorAnim;
    if (g.IO.ConfigInputTextCursorBlink && anim > 0.0f && ImFmod(anim, 1.20f) > 0.80f) return;
    // Where Dear ImGui draws it at the left (its own column after the padding), mirrored.
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    const float x = IM_FLOOR(max.x - style.FramePadding.x) - 1.0f, top = min.y + style.FramePadding.y;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, top + 0.5f), ImVec2(x, top + g.FontSize - 1.5f), ImGui::GetColorU32(ImGuiCol_Text));
}

}  // namespace

bool FieldWithHint(const char* id, const char* hint, char* buf, size_t size, ImGuiInputTextFlags flags) {
    const bool hidden = EmptyFieldBegin(buf);
    const bool result = ImGui::InputText(id, buf, size, flags);
    EmptyFieldEnd(hidden, hint, buf);
    if (!(flags & ImGuiInputTextFlags_Password)) ShapedFieldOverlay(buf);
    return result;
}

bool FieldWithHint(const char* id, const char* hint, std::string* text, ImGuiInputTextFlags flags) {
    const bool hidden = EmptyFieldBegin(text->c_str());
    const bool result = ImGui::InputText(id, text, flags);
    EmptyFieldEnd(hidden, hint, text->c_str());
    if (!(flags & ImGuiInputTextFlags_Password)) ShapedFieldOverlay(*text);
    return result;
}

bool StepIntField(const char* id, int* value, int step, float width, ImGuiInputTextFlags flags) {
    ImGuiStyle& style = ImGui::GetStyle();
    const float button = ImGui::GetFrameHeight(), inner = style.ItemInnerSpacing.x;
    const bool mirrored = ReadingFromRight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    ImGui::PushID(id);
    // Dear ImGui's InputInt with steps, mirrored from the right: the field at the right, then −
    // and + leftwards. Drawn field first either way, so Tab reaches the field first.
    if (mirrored) ImGui::SetCursorScreenPos(ImVec2(at.x + (button + inner) * 2, at.y));
    ImGui::SetNextItemWidth(std::max(1.0f, width - (button + inner) * 2));
    const bool entered = ImGui::InputInt("##value", value, 0, 0, flags);
    const ImVec2 padding = style.FramePadding;
    style.FramePadding.x = style.FramePadding.y;
    for (const int k : {-1, 1}) {
        if (mirrored) ImGui::SetCursorScreenPos(ImVec2(at.x + (k < 0 ? button + inner : 0.0f), at.y));
        else ImGui::SameLine(0, inner);
        if (ImGui::ButtonEx(k < 0 ? "-" : "+", ImVec2(button, button), ImGuiButtonFlags_Repeat | ImGuiButtonFlags_DontClosePopups))
            *value += k * step;
    }
    style.FramePadding = padding;
    ImGui::PopID();
    ImGui::EndGroup();
    return entered;
}

bool ComboAtReadingStart(const char* id, const char* preview) {
    if (!ReadingFromRight()) return ImGui::BeginCombo(id, preview);
    // Dear ImGui draws the arrow at the right and the preview from the left in either direction:
    // mirrored, the arrow's square is at the left and the preview ends at the right.
    const ImGuiStyle& style = ImGui::GetStyle();
    ImDrawList* dl = ImGui::GetWindowDrawList();  // the popup's is current once it is open
    const float arrow = ImGui::GetFrameHeight();
    const ImVec2 min = ImGui::GetCursorScreenPos(), max(min.x + ImGui::CalcItemWidth(), min.y + arrow);
    const bool open = ImGui::BeginCombo(id, "", ImGuiComboFlags_NoArrowButton);
    const bool hovered = !open && ImGui::IsItemHovered();
    if (max.x - min.x > arrow) {
        const ImVec2 arrow_max(min.x + arrow, max.y);
        dl->AddRectFilled(min, arrow_max, ImGui::GetColorU32(open || hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button),
                          style.FrameRounding, ImDrawFlags_RoundCornersLeft);
        ImGui::RenderArrow(dl, ImVec2(min.x + style.FramePadding.y, min.y + style.FramePadding.y), ImGui::GetColorU32(ImGuiCol_Text),
                           ImGuiDir_Down, 1.0f);
        if (style.FrameBorderSize > 0) {
            dl->AddRect(ImVec2(min.x + 1, min.y + 1), ImVec2(max.x + 1, max.y + 1), ImGui::GetColorU32(ImGuiCol_BorderShadow),
                        style.FrameRounding, 0, style.FrameBorderSize);
            dl->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding, 0, style.FrameBorderSize);
        }
        const float w = ImGui::CalcTextSize(preview).x;
        dl->PushClipRect(ImVec2(arrow_max.x, min.y), ImVec2(max.x - style.FramePadding.x, max.y), true);
        dl->AddText(ImVec2(max.x - style.FramePadding.x - w, min.y + style.FramePadding.y), ImGui::GetColorU32(ImGuiCol_Text), preview);
        dl->PopClipRect();
    }
    return open;
}

namespace {

// A row's title that needs shaping (Arabic, Hebrew, Devanagari...), drawn in its lines: broken in
// logical order where it may break on its shaped advances, each line shaped on its own
// (ShapedText::Wrap). Wrapping the shaped string instead would cut it between glyphs of words
// in display order: the lines of an Arabic title came out in the wrong order, words cut.
bool ShapedReadingRow(ShapedText& shaper, const char* id, const std::string& logical, ImFont* font, bool selected, float lead,
                      float width, float wrap, ImVec2* text_pos) {
    const std::vector<ShapedText::WrappedLine>& lines = shaper.Wrap(font, logical, wrap);
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float height = font->FontSize * static_cast<float>(std::max<size_t>(lines.size(), 1));
    const bool pressed = ImGui::Selectable(id, selected, 0, ImVec2(width, height + style.FramePadding.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    const bool mirrored = ReadingFromRight();
    // Mirrored: `lead` (an arrow's room) at the right, each line ending there; *text_pos is the
    // right end of the first line.
    *text_pos = ImVec2(mirrored ? pos.x + width - lead : pos.x + lead, pos.y + style.FramePadding.y * 0.5f);
    float y = text_pos->y;
    for (const ShapedText::WrappedLine& line : lines) {
        dl->AddText(font, font->FontSize, ImVec2(mirrored ? text_pos->x - line.width : text_pos->x, y), col, line.text.c_str());
        y += font->FontSize;
    }
    return pressed;
}

}  // namespace

bool ReadingRow(const char* id, const std::string& logical, ImFont* font, bool selected, float lead, float width, ImVec2* text_pos) {
    const ImGuiStyle& style = ImGui::GetStyle();
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    const float wrap = std::max(width - lead - style.FramePadding.x, font->FontSize * 4);
    ShapedText* shaper = ShapedText::Current();
    if (shaper && shaper->Shapes(font) && shaper->Wants(logical))
        return ShapedReadingRow(*shaper, id, logical, font, selected, lead, width, wrap, text_pos);
    // Text ImGui draws as it is (Latin, Greek, Cyrillic, Han): its own word wrap.
    const char* text = logical.c_str();
    const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, text);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    bool pressed = ImGui::Selectable(id, selected, 0, ImVec2(width, size.y + style.FramePadding.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    if (!ReadingFromRight()) {
        *text_pos = ImVec2(pos.x + lead, pos.y + style.FramePadding.y * 0.5f);
        dl->AddText(font, font->FontSize, *text_pos, col, text, nullptr, wrap);
        return pressed;
    }
    // Mirrored: `lead` (an arrow's room) at the right, each line ending there. *text_pos is the
    // right end of the first line.
    *text_pos = ImVec2(pos.x + width - lead, pos.y + style.FramePadding.y * 0.5f);
    const char* p = text;
    const char* end = p + logical.size();
    float y = text_pos->y;
    while (p < end) {
        const char* cut = font->CalcWordWrapPositionA(1.0f, p, end, wrap);
        if (cut == p) cut = p + 1;
        const char* line_end = cut;
        while (line_end > p && (line_end[-1] == ' ' || line_end[-1] == '\n')) --line_end;
        const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, p, line_end).x;
        dl->AddText(font, font->FontSize, ImVec2(text_pos->x - w, y), col, p, line_end);
        y += font->FontSize;
        p = cut;
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
    }
    return pressed;
}

float ButtonWidth(const char* label) { return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2; }

bool BackButton(float column_width) {
    const char* back = Tr("\xE2\x86\x90 Back");
    ButtonAtReadingStart(back, column_width);
    return ImGui::Button(back);
}

ControlRow::ControlRow(float column_width)
    : m_start_x(ImGui::GetCursorPosX()), m_width(column_width), m_mirrored(ReadingFromRight()) {}

void ControlRow::Next(float width) {
    // A control that does not fit starts a row of its own under the others (SameLineIfItFits).
    const bool fits = m_first || m_used + width <= m_width;
    if (!fits) m_used = 0;
    if (!m_first && fits) ImGui::SameLine();
    // Mirrored, each control ends where the one before it began, less the spacing.
    if (m_mirrored) ImGui::SetCursorPosX(std::max(m_start_x, m_start_x + m_width - m_used - width));
    else if (!fits) ImGui::SetCursorPosX(m_start_x);
    m_used += width + ImGui::GetStyle().ItemSpacing.x;
    m_first = false;
}

void CenterColumn(float width) {
    float avail = ImGui::GetContentRegionAvail().x;
    if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
}

namespace {

void OpenScreen(Frame& f, Screen s) {
    Action a(ActionKind::OpenScreen);
    a.screen = s;
    f.actions.Push(a);
}

// The top bar's buttons in reading order: from the left, or from the right when the interface
// is mirrored (a right-to-left catalog). Each goes on this row if it fits, else starts a new row
// (the bar wraps at large text sizes instead of pushing buttons off the window).
struct BarRow {
    bool first = true;
    bool mirrored = false;
    float left = 0, right = 0;  // the row's content edges (window coordinates)
    float next_right = 0;       // mirrored: where the next button ends

    // Places the next item of width `w`.
    void Place(float w) {
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        if (!mirrored) {
            if (first) return;
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
            return;
        }
        if (first) {
            next_right = right;
        } else if (next_right - w >= left) {
            ImGui::SameLine();
        } else {
            next_right = right;  // no SameLine: the next row
        }
        ImGui::SetCursorPosX(next_right - w);
        next_right -= w + spacing;
    }
    bool Button(const char* label) {
        Place(ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2);
        first = false;
        bool pressed = ImGui::Button(label);
        NameIfFocused(label);
        return pressed;
    }
};

// The reader's Contents button is here, in the bar over every screen.
void TopBar(Frame& f, ReaderState& reader) {
    const Fonts& fonts = f.fonts;
    const Theme& t = f.theme;
    ImGuiStyle& style = ImGui::GetStyle();
    // Drawn in the main window (not a fixed-height child) so it can grow to two rows; its
    // background goes behind it on a second draw channel.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 start = ImGui::GetCursorScreenPos();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    float pad_x = style.WindowPadding.x, pad_y = style.WindowPadding.y * 0.6f;
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad_x, start.y + pad_y));
    ImGui::PushFont(fonts.ui);
    ImGui::BeginGroup();
    ImGui::PushClipRect(ImVec2(start.x, start.y), ImVec2(start.x + ImGui::GetWindowWidth(), start.y + 10000), false);
    BarRow bar;
    bar.mirrored = InterfaceRightToLeft();
    bar.left = ImGui::GetCursorPosX();
    bar.right = ImGui::GetWindowContentRegionMax().x - pad_x;
    const Course* course = f.model.course;
    bool signed_in = course && f.model.session;
    if (signed_in) {
        if (bar.Button(Tr("Home"))) OpenScreen(f, Screen::Home);
        if (f.state.screen == Screen::Reader) {
            if (bar.Button(reader.sidebar_open ? Tr("Hide contents") : Tr("Contents"))) reader.sidebar_open = !reader.sidebar_open;
        } else if (bar.Button(Tr("Read"))) {
            OpenScreen(f, Screen::Reader);
        }
        if (bar.Button(Tr("Glossary"))) OpenScreen(f, Screen::Glossary);
        if (bar.Button(Tr("References"))) OpenScreen(f, Screen::References);
        if (bar.Button(Tr("Progress"))) OpenScreen(f, Screen::Progress);
    }
    if (bar.Button(Tr("Help"))) OpenScreen(f, Screen::Help);
    if (bar.Button(Tr("Display"))) ImGui::OpenPopup("display");
    if (ImGui::BeginPopup("display")) {
        ImGui::TextUnformatted(Tr("Text size"));
        if (ImGui::Button("A-")) f.actions.Push(Action(ActionKind::SetTextScale, 0, {}, f.state.text_scale - 0.25f));
        ImGui::SameLine();
        ImGui::Text("%d%%", static_cast<int>(f.state.text_scale * 100 + 0.5f));
        ImGui::SameLine();
        if (ImGui::Button("A+")) f.actions.Push(Action(ActionKind::SetTextScale, 0, {}, f.state.text_scale + 0.25f));
        if (f.model.speech_available) {
            ImGui::Separator();
            int rate = f.state.speech_rate;
            ImGui::SetNextItemWidth(f.fonts.body_px * 10);
            if (ImGui::SliderInt(Tr("Reading speed (words/min)"), &rate, 80, 400))
                f.actions.Push(Action(ActionKind::SetSpeechRate, 0, {}, static_cast<float>(rate)));
        }
        ImGui::Separator();
        ImGui::TextUnformatted(Tr("Theme"));
        for (ThemeId id : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::Yellow}) {
            if (ImGui::Selectable(Tr(GetTheme(id).name), f.state.theme == id)) f.state.theme = id;
        }
        ImGui::EndPopup();
    }
    if (signed_in) {
        // Who is signed in, at the far end of the bar, with the way out: no one works in
        // another's name. At the right; at the left when the interface is mirrored.
        std::string who = f.model.present_mode            ? std::string(Tr("Presenter view"))
                          : f.model.learner_name.empty() ? std::string(Tr("Guest (not saved)"))
                                                         : Shaped(f.model.learner_name);
        float who_w = ImGui::CalcTextSize(who.c_str()).x;
        float out_w = ImGui::CalcTextSize(Tr("Sign out")).x + style.FramePadding.x * 2;
        float w = who_w + style.ItemSpacing.x + out_w;
        if (bar.mirrored) {
            if (bar.next_right - w >= bar.left) ImGui::SameLine();
            ImGui::SetCursorPosX(bar.left);
            // Read from the right: the name, then the way out to its left.
            if (ImGui::Button(Tr("Sign out"))) f.actions.Push(Action(ActionKind::SignOut));
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", who.c_str());
        } else {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + w > bar.right) ImGui::NewLine();
            ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), bar.right - w));
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", who.c_str());
            ImGui::SameLine();
            if (ImGui::Button(Tr("Sign out"))) f.actions.Push(Action(ActionKind::SignOut));
        }
    }
    ImGui::PopClipRect();
    ImGui::EndGroup();
    ImGui::PopFont();
    float end_y = ImGui::GetItemRectMax().y + pad_y;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(start, ImVec2(start.x + ImGui::GetWindowWidth(), end_y), ImGui::GetColorU32(t.panel));
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start.x, end_y));
    ImGui::Dummy(ImVec2(1, 0));
}

void Banner(Frame& f) {
    if (f.model.banner.empty()) return;
    // Drawn as the interface's other sentences are (WrappedText: shaped, and from the right in a
    // right-to-left language), and its band sized to what was drawn: Dear ImGui's own text has no
    // Arabic glyphs and would measure it wrongly.
    const ImGuiStyle& style = ImGui::GetStyle();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(start.x + style.WindowPadding.x, start.y + style.WindowPadding.y * 0.6f));
    ImGui::BeginGroup();
    WrappedText(f.fonts.ui_bold, f.theme.text, f.model.banner, width - style.WindowPadding.x * 2);
    ImGui::EndGroup();
    const float end_y = ImGui::GetItemRectMax().y + style.WindowPadding.y * 0.6f;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(start, ImVec2(start.x + width, end_y), ImGui::GetColorU32(f.theme.warn_bg));
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start.x, end_y));
    ImGui::Dummy(ImVec2(1, 0));
}

void GlobalKeys(Frame& f, ReaderState& reader) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && !io.WantTextInput) {
        // GLFW key codes of printable keys are their ASCII codes; '=' is the unshifted '+'.
        if (ImGui::IsKeyPressed('=') || ImGui::IsKeyPressed(334 /* keypad + */))
            f.actions.Push(Action(ActionKind::SetTextScale, 0, {}, f.state.text_scale + 0.25f));
        if (ImGui::IsKeyPressed('-') || ImGui::IsKeyPressed(333 /* keypad - */))
            f.actions.Push(Action(ActionKind::SetTextScale, 0, {}, f.state.text_scale - 0.25f));
        if (ImGui::IsKeyPressed('0')) f.actions.Push(Action(ActionKind::SetTextScale, 0, {}, 1.0f));
    }
    if (ImGui::IsKeyPressed(290 /* F1 */) || CharPressed('?')) OpenScreen(f, Screen::Help);
    if (ImGui::IsKeyPressed(296 /* F7 */)) f.state.theme = NextTheme(f.state.theme);
    if (!f.model.course || !f.model.session) return;
    if (CharPressed('p')) OpenScreen(f, Screen::Progress);
    if (CharPressed('g')) OpenScreen(f, Screen::Glossary);
    if (CharPressed('r')) OpenScreen(f, Screen::References);
    if (CharPressed('h')) OpenScreen(f, Screen::Home);
    if (f.state.screen == Screen::Reader && CharPressed('c')) reader.sidebar_open = !reader.sidebar_open;
    // Escape closes the innermost thing open: a pop-up or dialog (which handle it themselves),
    // a definition shown for the focused term, then goes back where the learner came from.
    bool popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    // The glossary's filter has the keyboard from the start (typing filters); Escape there still
    // means back. A typed answer elsewhere keeps Escape for itself.
    bool escape = KeyPressed(ImGuiKey_Escape) || (f.state.screen == Screen::Glossary && ImGui::IsKeyPressed(KeyIndex(ImGuiKey_Escape)));
    if (escape && !popup_open) {
        if (KeyboardTooltipShown())
            CloseKeyboardTooltip();
        else if (f.state.screen == Screen::Reader && reader.contents_overlay_shown)
            CloseContentsOverlay(f.state, reader);
        else if (f.state.screen == Screen::Glossary || f.state.screen == Screen::References || f.state.screen == Screen::Help ||
                 f.state.screen == Screen::Progress || f.state.screen == Screen::Reader)
            f.actions.Push(Action(ActionKind::Back));
    }
}

}  // namespace

void DrawApp(const ViewModel& model, UiState& state, Actions& actions, const Fonts& fonts) {
    const Theme& theme = GetTheme(state.theme);
    Frame f{model, state, actions, fonts, theme, RichContext{model.course, &fonts, &theme, &actions}};
    // A kiosk whose course failed to load still has its administrator screen (the only way out).
    if (!model.course && state.screen != Screen::Help && state.screen != Screen::Admin) state.screen = Screen::Error;
    if (model.course && !model.session && state.screen != Screen::Help && state.screen != Screen::Admin) {
        state.screen = Screen::Learners;
        state.history.clear();  // the next learner's Escape never leads into this one's screens
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar |
                             ImGuiWindowFlags_NoScrollWithMouse;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
    ImGui::Begin("Lectern", nullptr, flags);
    ImGui::PopStyleVar(2);
    BeginKeyboardFrame();
    // Each sign-in draws under ids of its own: the next learner finds no scroll position, open
    // contents tree or keyboard focus left by the last one.
    ImGui::PushID(state.view_generation);
    // The interface's language (its catalog's, English when it has none) sets the frame's
    // direction: a right-to-left one mirrors it. Text keeps the course's shaping language; the
    // reading column pushes the course's (a page's, a passage's) language for its direction.
    const ShapedText* shaper = ShapedText::Current();
    const LanguageScope interface_language(shaper && !shaper->Catalog().lang.empty() ? shaper->Catalog().lang : "en", false);
    TopBar(f, state.reader);
    Banner(f);
    GlobalKeys(f, state.reader);
    if (model.fault_key >= 0 && ImGui::IsKeyPressed(model.fault_key, false))
        throw std::runtime_error("a fault injected for testing (LECTERN_FAULT)");  // inside a window, an ID pushed
    switch (state.screen) {
        case Screen::Home: DrawHomeScreen(f); break;
        case Screen::Reader: DrawReaderScreen(f, state.reader); break;
        case Screen::Glossary: DrawGlossaryScreen(f, state.glossary); break;
        case Screen::References: DrawReferencesScreen(f, state.glossary); break;
        case Screen::Help: DrawHelpScreen(f); break;
        case Screen::Error: DrawErrorScreen(f); break;
        case Screen::Quiz: DrawQuizScreen(f, state.quiz); break;
        case Screen::Progress: DrawProgressScreen(f); break;
        case Screen::Learners: DrawLearnersScreen(f, state.sign_in); break;
        case Screen::Admin: DrawAdminScreen(f, state.admin); break;
    }
    if (model.idle_seconds_left >= 0) DrawIdleWarning(f);
    if (model.watch_problems && model.watch_problems->ErrorCount() > 0) DrawWatchOverlay(f);
    ImGui::PopID();
    EndKeyboardFrame();
    ImGui::End();
}

}  // namespace lectern::ui

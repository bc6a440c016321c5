// Four learner themes (Xerte's set: light, dark, high contrast, black on yellow). Every text
// colour is chosen against every background it is drawn on; tests/ui/test_theme.cpp holds each
// pair to WCAG 2.1 AA (4.5:1), and high contrast to 7:1.
#include <cmath>
#include <cstring>

#include "ui/shaped_text.h"
#include "ui/ui.h"

namespace lectern::ui {

namespace {

ImVec4 Hex(unsigned rgb) {
    return ImVec4(((rgb >> 16) & 0xFF) / 255.0f, ((rgb >> 8) & 0xFF) / 255.0f, (rgb & 0xFF) / 255.0f, 1.0f);
}

Theme MakeLight() {
    Theme t;
    t.id = ThemeId::Light;
    t.name = UiKey("Light");
    t.background = Hex(0xFAF8F3);
    t.panel = Hex(0xF0EDE5);
    t.panel_border = Hex(0xCFC8B8);
    t.text = Hex(0x1E1E1E);
    t.text_muted = Hex(0x55524A);
    t.accent = Hex(0x1F4E8C);
    t.accent_text = Hex(0xFFFFFF);
    t.link = Hex(0x1A4F9C);
    t.term = Hex(0x6B2C91);
    t.focus = Hex(0xC25E00);
    t.button = Hex(0xE4E0D6);
    t.button_hover = Hex(0xD8D2C4);
    t.button_active = Hex(0xCBC3B1);
    t.selection = Hex(0xD6E2F3);
    t.callout_bg[0] = Hex(0xE8F0FA), t.callout_bar[0] = Hex(0x2F6DB5);
    t.callout_bg[1] = Hex(0xFCEFE3), t.callout_bar[1] = Hex(0xC2571A);
    t.callout_bg[2] = Hex(0xE9F5EC), t.callout_bar[2] = Hex(0x2E7D46);
    t.callout_bg[3] = Hex(0xF1ECF7), t.callout_bar[3] = Hex(0x5B3A8C);
    t.quote_bar = Hex(0xB3AC9C);
    t.table_header_bg = Hex(0xE9E4D8);
    t.table_row_alt = Hex(0xF3F0E8);
    t.good = Hex(0x1B6B32);
    t.good_bg = Hex(0xE3F2E6);
    t.bad = Hex(0xA3261B);
    t.bad_bg = Hex(0xFBE7E5);
    t.warn_bg = Hex(0xFFF1C2);
    return t;
}

Theme MakeDark() {
    Theme t;
    t.id = ThemeId::Dark;
    t.name = UiKey("Dark");
    t.background = Hex(0x16181C);
    t.panel = Hex(0x1F2228);
    t.panel_border = Hex(0x474D57);
    t.text = Hex(0xE6E6E3);
    t.text_muted = Hex(0xA9ADB5);
    t.accent = Hex(0x7FB0FF);
    t.accent_text = Hex(0x0B1220);
    t.link = Hex(0x8CB8FF);
    t.term = Hex(0xD3A6FF);
    t.focus = Hex(0xFFB454);
    t.button = Hex(0x2A2F37);
    t.button_hover = Hex(0x353B45);
    t.button_active = Hex(0x414955);
    t.selection = Hex(0x2B3F5C);
    t.callout_bg[0] = Hex(0x1C2838), t.callout_bar[0] = Hex(0x5B9BE6);
    t.callout_bg[1] = Hex(0x33261A), t.callout_bar[1] = Hex(0xE39A4F);
    t.callout_bg[2] = Hex(0x1B2E22), t.callout_bar[2] = Hex(0x5CBF7A);
    t.callout_bg[3] = Hex(0x2A2236), t.callout_bar[3] = Hex(0xA68BE0);
    t.quote_bar = Hex(0x5A606B);
    t.table_header_bg = Hex(0x282C33);
    t.table_row_alt = Hex(0x1C1F24);
    t.good = Hex(0x7DD69A);
    t.good_bg = Hex(0x1B3323);
    t.bad = Hex(0xFF9A90);
    t.bad_bg = Hex(0x3A1D1B);
    t.warn_bg = Hex(0x3A3217);
    return t;
}

Theme MakeHighContrast() {
    Theme t;
    t.id = ThemeId::HighContrast;
    t.name = UiKey("High contrast");
    t.background = Hex(0x000000);
    t.panel = Hex(0x000000);
    t.panel_border = Hex(0xFFFFFF);
    t.text = Hex(0xFFFFFF);
    t.text_muted = Hex(0xD9D9D9);
    t.accent = Hex(0xFFD700);
    t.accent_text = Hex(0x000000);
    t.link = Hex(0x8AD8FF);
    t.term = Hex(0xFFC2FF);
    t.focus = Hex(0xFFD700);
    t.button = Hex(0x1A1A1A);
    t.button_hover = Hex(0x333333);
    t.button_active = Hex(0x404040);
    t.selection = Hex(0x3D3D00);
    for (int i = 0; i < 4; ++i) t.callout_bg[i] = Hex(0x000000);
    t.callout_bar[0] = Hex(0x8AD8FF);
    t.callout_bar[1] = Hex(0xFFB000);
    t.callout_bar[2] = Hex(0x7CFC00);
    t.callout_bar[3] = Hex(0xFFC2FF);
    t.quote_bar = Hex(0xFFFFFF);
    t.table_header_bg = Hex(0x262626);
    t.table_row_alt = Hex(0x0F0F0F);
    t.good = Hex(0x7CFC00);
    t.good_bg = Hex(0x002600);
    t.bad = Hex(0xFF9E9E);
    t.bad_bg = Hex(0x260000);
    t.warn_bg = Hex(0x262000);
    return t;
}

Theme MakeYellow() {
    Theme t;
    t.id = ThemeId::Yellow;
    t.name = UiKey("Black on yellow");
    t.background = Hex(0xFFF98A);
    t.panel = Hex(0xFFF26B);
    t.panel_border = Hex(0x000000);
    t.text = Hex(0x000000);
    t.text_muted = Hex(0x2B2B2B);
    t.accent = Hex(0x000000);
    t.accent_text = Hex(0xFFF98A);
    t.link = Hex(0x00007A);
    t.term = Hex(0x5A0066);
    t.focus = Hex(0x0000CC);
    t.button = Hex(0xF2E55C);
    t.button_hover = Hex(0xE6D74A);
    t.button_active = Hex(0xD9C93A);
    t.selection = Hex(0xE0D34E);
    for (int i = 0; i < 4; ++i) t.callout_bg[i] = Hex(0xFFF26B);
    t.callout_bar[0] = Hex(0x00007A);
    t.callout_bar[1] = Hex(0x8B0000);
    t.callout_bar[2] = Hex(0x004D00);
    t.callout_bar[3] = Hex(0x5A0066);
    t.quote_bar = Hex(0x000000);
    t.table_header_bg = Hex(0xF2E55C);
    t.table_row_alt = Hex(0xFFF47A);
    t.good = Hex(0x004D00);
    t.good_bg = Hex(0xE8F7A0);
    t.bad = Hex(0x8B0000);
    t.bad_bg = Hex(0xFFE08A);
    t.warn_bg = Hex(0xFFE866);
    return t;
}

double Channel(float c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double Luminance(const ImVec4& c) {
    return 0.2126 * Channel(c.x) + 0.7152 * Channel(c.y) + 0.0722 * Channel(c.z);
}

}  // namespace

const Theme& GetTheme(ThemeId id) {
    static const Theme themes[] = {MakeLight(), MakeDark(), MakeHighContrast(), MakeYellow()};
    return themes[static_cast<int>(id)];
}

ThemeId NextTheme(ThemeId id) { return static_cast<ThemeId>((static_cast<int>(id) + 1) % 4); }

const char* ThemeKey(ThemeId id) {
    switch (id) {
        case ThemeId::Light: return "light";
        case ThemeId::Dark: return "dark";
        case ThemeId::HighContrast: return "contrast";
        case ThemeId::Yellow: return "yellow";
    }
    return "light";
}

bool ThemeFromKey(const std::string& key, ThemeId* out) {
    for (ThemeId id : {ThemeId::Light, ThemeId::Dark, ThemeId::HighContrast, ThemeId::Yellow}) {
        if (key == ThemeKey(id)) {
            *out = id;
            return true;
        }
    }
    return false;
}

double ContrastRatio(const ImVec4& a, const ImVec4& b) {
    double la = Luminance(a), lb = Luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

std::vector<ColorPair> TextPairs(const Theme& t) {
    std::vector<ColorPair> pairs = {
        {"text on background", t.text, t.background},
        {"muted text on background", t.text_muted, t.background},
        {"text on panel", t.text, t.panel},
        {"muted text on panel", t.text_muted, t.panel},
        {"link on background", t.link, t.background},
        {"term on background", t.term, t.background},
        {"accent on background", t.accent, t.background},
        {"accent text on accent", t.accent_text, t.accent},
        {"text on button", t.text, t.button},
        {"text on hovered button", t.text, t.button_hover},
        {"text on pressed button", t.text, t.button_active},
        {"text on selection", t.text, t.selection},
        {"text on table header", t.text, t.table_header_bg},
        {"text on alternate row", t.text, t.table_row_alt},
        {"link on alternate row", t.link, t.table_row_alt},
        {"good on good background", t.good, t.good_bg},
        {"bad on bad background", t.bad, t.bad_bg},
        {"good on background", t.good, t.background},
        {"bad on background", t.bad, t.background},
        {"text on warning", t.text, t.warn_bg},
    };
    const char* names[4] = {"text on note", "text on important", "text on example", "text on legal"};
    const char* link_names[4] = {"link on note", "link on important", "link on example", "link on legal"};
    for (int i = 0; i < 4; ++i) {
        pairs.push_back({names[i], t.text, t.callout_bg[i]});
        pairs.push_back({link_names[i], t.link, t.callout_bg[i]});
        pairs.push_back({"term on callout", t.term, t.callout_bg[i]});
    }
    return pairs;
}

void ApplyTheme(const Theme& t, float scale) {
    ImGuiStyle style;  // start from defaults so sizes never compound across rebuilds
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(12, 12);
    style.FramePadding = ImVec2(10, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.ScrollbarSize = 16;
    style.GrabMinSize = 14;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.WindowRounding = 0;
    style.ChildRounding = 4;
    style.PopupRounding = 4;
    style.TabRounding = 4;
    style.WindowBorderSize = 0;
    style.FrameBorderSize = t.id == ThemeId::HighContrast || t.id == ThemeId::Yellow ? 1.0f : 0.0f;
    style.ScaleAllSizes(scale);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = t.text;
    c[ImGuiCol_TextDisabled] = t.text_muted;
    c[ImGuiCol_WindowBg] = t.background;
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = t.panel;
    c[ImGuiCol_Border] = t.panel_border;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = t.id == ThemeId::Light ? ImVec4(1, 1, 1, 1) : t.panel;
    c[ImGuiCol_FrameBgHovered] = t.button_hover;
    c[ImGuiCol_FrameBgActive] = t.button_active;
    c[ImGuiCol_TitleBg] = t.panel;
    c[ImGuiCol_TitleBgActive] = t.panel;
    c[ImGuiCol_MenuBarBg] = t.panel;
    c[ImGuiCol_ScrollbarBg] = t.panel;
    c[ImGuiCol_ScrollbarGrab] = t.button_active;
    c[ImGuiCol_ScrollbarGrabHovered] = t.text_muted;
    c[ImGuiCol_ScrollbarGrabActive] = t.text;
    c[ImGuiCol_CheckMark] = t.accent;
    c[ImGuiCol_SliderGrab] = t.accent;
    c[ImGuiCol_SliderGrabActive] = t.accent;
    c[ImGuiCol_Button] = t.button;
    c[ImGuiCol_ButtonHovered] = t.button_hover;
    c[ImGuiCol_ButtonActive] = t.button_active;
    c[ImGuiCol_Header] = t.selection;
    c[ImGuiCol_HeaderHovered] = t.button_hover;
    c[ImGuiCol_HeaderActive] = t.button_active;
    c[ImGuiCol_Separator] = t.panel_border;
    c[ImGuiCol_TableHeaderBg] = t.table_header_bg;
    c[ImGuiCol_TableBorderStrong] = t.panel_border;
    c[ImGuiCol_TableBorderLight] = t.panel_border;
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = t.table_row_alt;
    c[ImGuiCol_TextSelectedBg] = t.selection;
    c[ImGuiCol_NavHighlight] = t.focus;
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.45f);
    ImGui::GetStyle() = style;
}

}  // namespace lectern::ui

// A box drawn behind content whose height is known only once the content has been drawn
// (callouts, scenarios, feedback, the top bar).
//
// It uses no draw-list channels. Dear ImGui allows one ChannelsSplit per draw list at a time,
// so boxes that split their draw list could not nest: a callout inside a scenario aborted the
// player. Here the box's shapes are drawn first, at a provisional height, and End() moves the
// vertices of their lower half down to the measured bottom. Drawn first, they lie under
// everything drawn after them; moved whole, rounded corners and anti-aliased edges stay exact.
// Boxes nest to any depth and inside tables (which split with their own splitter).
#pragma once

#include <imgui.h>

namespace lectern::ui {

class Backdrop {
public:
    // `top_left`: where the box starts, in screen space; shapes go into the current window.
    explicit Backdrop(ImVec2 top_left);
    Backdrop(const Backdrop&) = delete;
    Backdrop& operator=(const Backdrop&) = delete;

    // A filled rectangle from x0 to x1 (screen space) reaching down to the bottom given to End().
    void Fill(float x0, float x1, ImU32 color, float rounding = 0.0f);
    // Its outline.
    void Outline(float x0, float x1, ImU32 color, float rounding = 0.0f);
    // Stretches every shape down to `bottom` (at least to the provisional height).
    void End(float bottom);

    // Higher than twice the largest rounding plus the anti-aliasing fringe, so that the top
    // corners' vertices all lie above the middle and the bottom corners' below.
    static constexpr float kProvisionalHeight = 64.0f;

private:
    ImDrawList* m_dl;
    ImVec2 m_top;
    int m_first_vertex;
    int m_end_vertex;  // one past the box's last vertex
    bool m_ended = false;
};

}  // namespace lectern::ui

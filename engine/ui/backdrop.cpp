#include "ui/backdrop.h"

#include <algorithm>

namespace lectern::ui {

Backdrop::Backdrop(ImVec2 top_left)
    : m_dl(ImGui::GetWindowDrawList()), m_top(top_left), m_first_vertex(m_dl->VtxBuffer.Size),
      m_end_vertex(m_first_vertex) {}

void Backdrop::Fill(float x0, float x1, ImU32 color, float rounding) {
    m_dl->AddRectFilled(ImVec2(x0, m_top.y), ImVec2(x1, m_top.y + kProvisionalHeight), color, rounding);
    m_end_vertex = m_dl->VtxBuffer.Size;
}

void Backdrop::Outline(float x0, float x1, ImU32 color, float rounding) {
    m_dl->AddRect(ImVec2(x0, m_top.y), ImVec2(x1, m_top.y + kProvisionalHeight), color, rounding);
    m_end_vertex = m_dl->VtxBuffer.Size;
}

void Backdrop::End(float bottom) {
    if (m_ended) return;
    m_ended = true;
    float delta = std::max(bottom, m_top.y + kProvisionalHeight) - (m_top.y + kProvisionalHeight);
    float middle = m_top.y + kProvisionalHeight * 0.5f;
    // Vertices are only appended while the content is drawn (channel merges and new draw
    // commands move indices, not vertices), so the box's are still where Fill and Outline put them.
    for (int i = m_first_vertex; i < m_end_vertex && i < m_dl->VtxBuffer.Size; ++i) {
        ImDrawVert& v = m_dl->VtxBuffer[i];
        if (v.pos.y > middle) v.pos.y += delta;
    }
}

}  // namespace lectern::ui

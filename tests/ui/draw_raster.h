// Dear ImGui's draw data rasterised on the CPU, for pixel tests with no GL: each triangle is
// filled at pixel centres with its interpolated colour times the font atlas's alpha (solid fills
// sample the atlas's white pixel), over a white page. What a GL backend would show, to within
// antialiasing, so a test can ask where ink and colours landed.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace lectern::test {

struct Raster {
    int width = 0, height = 0;
    std::vector<float> rgb;  // 0..1, three per pixel
    Raster(int w, int h) : width(w), height(h), rgb(static_cast<size_t>(w * h * 3), 1.0f) {}

    // Darkness (1 - luminance) at a pixel: text and bars on the light theme's page.
    float Ink(int x, int y) const {
        const size_t i = static_cast<size_t>((y * width + x) * 3);
        return 1.0f - (0.2126f * rgb[i] + 0.7152f * rgb[i + 1] + 0.0722f * rgb[i + 2]);
    }
    // True when the pixel is within `tolerance` of `color` in every channel.
    bool Is(int x, int y, const ImVec4& color, float tolerance = 0.08f) const {
        const size_t i = static_cast<size_t>((y * width + x) * 3);
        return std::fabs(rgb[i] - color.x) <= tolerance && std::fabs(rgb[i + 1] - color.y) <= tolerance &&
               std::fabs(rgb[i + 2] - color.z) <= tolerance;
    }
    // Pixels in [x0, x1) x [y0, y1) that satisfy `pred(x, y)`.
    template <class Pred>
    int Count(int x0, int y0, int x1, int y1, Pred pred) const {
        int n = 0;
        for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(width, x1); ++x) n += pred(x, y) ? 1 : 0;
        return n;
    }
    // The leftmost and rightmost columns with ink above `threshold` in the band [y0, y1), or
    // {-1, -1} when none.
    std::pair<int, int> InkColumns(int x0, int y0, int x1, int y1, float threshold = 0.5f) const {
        int lo = -1, hi = -1;
        for (int y = std::max(0, y0); y < std::min(height, y1); ++y)
            for (int x = std::max(0, x0); x < std::min(width, x1); ++x)
                if (Ink(x, y) >= threshold) {
                    lo = lo < 0 ? x : std::min(lo, x);
                    hi = std::max(hi, x);
                }
        return {lo, hi};
    }
};

// Rasterises `data` with `atlas`'s alpha texture (built, pixels not released).
inline Raster Rasterise(const ImDrawData* data, ImFontAtlas* atlas, int width, int height) {
    Raster r(width, height);
    unsigned char* tex = nullptr;
    int tw = 0, th = 0;
    atlas->GetTexDataAsAlpha8(&tex, &tw, &th);
    auto sample = [&](float u, float v) {
        const int x = std::clamp(static_cast<int>(u * tw), 0, tw - 1), y = std::clamp(static_cast<int>(v * th), 0, th - 1);
        return tex[y * tw + x] / 255.0f;
    };
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) continue;
            const int cx0 = std::max(0, static_cast<int>(cmd.ClipRect.x)), cy0 = std::max(0, static_cast<int>(cmd.ClipRect.y));
            const int cx1 = std::min(width, static_cast<int>(std::ceil(cmd.ClipRect.z)));
            const int cy1 = std::min(height, static_cast<int>(std::ceil(cmd.ClipRect.w)));
            for (unsigned e = 0; e + 2 < cmd.ElemCount; e += 3) {
                const ImDrawVert* v[3];
                for (int k = 0; k < 3; ++k) v[k] = &list->VtxBuffer[static_cast<int>(cmd.VtxOffset + list->IdxBuffer[static_cast<int>(cmd.IdxOffset + e) + k])];
                const float area = (v[1]->pos.x - v[0]->pos.x) * (v[2]->pos.y - v[0]->pos.y) -
                                   (v[2]->pos.x - v[0]->pos.x) * (v[1]->pos.y - v[0]->pos.y);
                if (std::fabs(area) < 1e-6f) continue;
                const int x0 = std::max(cx0, static_cast<int>(std::floor(std::min({v[0]->pos.x, v[1]->pos.x, v[2]->pos.x}))));
                const int x1 = std::min(cx1, static_cast<int>(std::ceil(std::max({v[0]->pos.x, v[1]->pos.x, v[2]->pos.x}))));
                const int y0 = std::max(cy0, static_cast<int>(std::floor(std::min({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y}))));
                const int y1 = std::min(cy1, static_cast<int>(std::ceil(std::max({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y}))));
                for (int y = y0; y < y1; ++y)
                    for (int x = x0; x < x1; ++x) {
                        const float px = x + 0.5f, py = y + 0.5f;
                        const float w0 = ((v[1]->pos.x - px) * (v[2]->pos.y - py) - (v[2]->pos.x - px) * (v[1]->pos.y - py)) / area;
                        const float w1 = ((v[2]->pos.x - px) * (v[0]->pos.y - py) - (v[0]->pos.x - px) * (v[2]->pos.y - py)) / area;
                        const float w2 = 1.0f - w0 - w1;
                        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
                        const float u = w0 * v[0]->uv.x + w1 * v[1]->uv.x + w2 * v[2]->uv.x;
                        const float t = w0 * v[0]->uv.y + w1 * v[1]->uv.y + w2 * v[2]->uv.y;
                        float c[4];
                        for (int ch = 0; ch < 4; ++ch) {
                            auto channel = [&](const ImDrawVert* d) { return ((d->col >> (8 * ch)) & 0xFF) / 255.0f; };
                            c[ch] = w0 * channel(v[0]) + w1 * channel(v[1]) + w2 * channel(v[2]);
                        }
                        const float a = c[3] * sample(u, t);
                        float* dst = &r.rgb[static_cast<size_t>((y * width + x) * 3)];
                        for (int ch = 0; ch < 3; ++ch) dst[ch] = dst[ch] * (1 - a) + c[ch] * a;
                    }
            }
        }
    }
    return r;
}

}  // namespace lectern::test

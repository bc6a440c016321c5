// Course images decoded for display: no larger than they can ever be shown, and with as little
// memory held at once as the format allows. stb_image decodes a PNG into two full-size buffers
// (the inflated rows, then the pixels: about 100 MB at once for a 4096 x 4096 RGB PNG) before
// anything can be made smaller; the common PNGs (8-bit RGB or RGBA, not interlaced) are
// unfiltered here in the inflated buffer itself and resized straight from it, so only one
// full-size buffer ever exists. Everything else goes to stb_image as before. No GL here.
#pragma once

#include <cstdlib>
#include <memory>
#include <string>

namespace lectern::platform {

struct DecodedImage {
    enum class Decoder { None, PngInPlace, Stb };
    std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, std::free};
    int width = 0, height = 0;            // as kept, at most max_side a side
    int channels = 0;                     // 3 (RGB) or 4 (RGBA; grey is widened to RGBA)
    int full_width = 0, full_height = 0;  // as authored, for layout
    Decoder decoder = Decoder::None;      // which way it was decoded (tests check the fast one is taken)
    bool ok() const { return pixels != nullptr; }
};

// Decodes the PNG or JPEG at `path` (UTF-8), resized to fit max_side x max_side when larger.
// On failure, `pixels` is null and `error` says why in stb_image's words.
DecodedImage DecodeImage(const std::string& path, int max_side, std::string* error);

}  // namespace lectern::platform

#include "platform/image_decode.h"

#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "os/files.h"

namespace lectern::platform {
namespace {

// The compressed file is read whole; larger PNGs (far beyond anything a course needs) go to stb.
constexpr size_t kMaxPngFileBytes = 128u * 1024 * 1024;

uint32_t BigEndian(const unsigned char* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

void ScaledSize(int width, int height, int max_side, int* w, int* h) {
    const double k = static_cast<double>(max_side) / std::max(width, height);
    *w = std::max(1, static_cast<int>(width * k));
    *h = std::max(1, static_cast<int>(height * k));
}

// The rows of an 8-bit PNG, unfiltered where they lie (each row keeps its filter byte in front):
// a row needs only itself and the row above, already unfiltered. False on an unknown filter.
bool UnfilterInPlace(unsigned char* raw, int width, int height, int n) {
    const size_t stride = static_cast<size_t>(width) * n + 1;
    const size_t bytes = stride - 1;
    for (int y = 0; y < height; ++y) {
        unsigned char* row = raw + y * stride;
        unsigned char* cur = row + 1;
        const unsigned char* up = y > 0 ? row - stride + 1 : nullptr;
        switch (row[0]) {
            case 0: break;
            case 1:
                for (size_t i = n; i < bytes; ++i) cur[i] = static_cast<unsigned char>(cur[i] + cur[i - n]);
                break;
            case 2:
                if (up)
                    for (size_t i = 0; i < bytes; ++i) cur[i] = static_cast<unsigned char>(cur[i] + up[i]);
                break;
            case 3:
                for (size_t i = 0; i < bytes; ++i) {
                    const int left = i >= static_cast<size_t>(n) ? cur[i - n] : 0;
                    const int above = up ? up[i] : 0;
                    cur[i] = static_cast<unsigned char>(cur[i] + ((left + above) >> 1));
                }
                break;
            case 4:
                for (size_t i = 0; i < bytes; ++i) {
                    const int a = i >= static_cast<size_t>(n) ? cur[i - n] : 0;
                    const int b = up ? up[i] : 0;
                    const int c = up && i >= static_cast<size_t>(n) ? up[i - n] : 0;
                    const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                    const int pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                    cur[i] = static_cast<unsigned char>(cur[i] + pred);
                }
                break;
            default: return false;
        }
    }
    return true;
}

// An 8-bit RGB or RGBA PNG, not interlaced, with no transparency chunk: the PNGs diagrams and
// screenshots are saved as. False (nothing decided) for anything else or anything odd: stb_image
// then decodes it and gives the reason when it cannot.
bool DecodePngInPlace(const std::string& path, int max_side, DecodedImage* out) {
    os::ReadResult file = os::ReadSmallFile(path, kMaxPngFileBytes, false);
    if (file.status != os::ReadResult::Status::Ok) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(file.content.data());
    const size_t size = file.content.size();
    static const unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (size < 8 + 25 || std::memcmp(p, kSignature, 8) != 0) return false;
    int width = 0, height = 0, n = 0;
    std::string idat;
    bool ended = false;
    for (size_t at = 8; at + 12 <= size && !ended;) {
        const uint32_t len = BigEndian(p + at);
        if (len > size - at - 12) return false;
        const std::string type(reinterpret_cast<const char*>(p + at + 4), 4);
        const unsigned char* data = p + at + 8;
        if (at == 8) {
            // IHDR: width, height, bit depth, colour type, compression, filter, interlace.
            if (type != "IHDR" || len != 13) return false;
            width = static_cast<int>(std::min<uint32_t>(BigEndian(data), 1u << 24));
            height = static_cast<int>(std::min<uint32_t>(BigEndian(data + 4), 1u << 24));
            if (width <= 0 || height <= 0 || data[8] != 8 || data[10] != 0 || data[11] != 0 || data[12] != 0) return false;
            if (data[9] == 2) n = 3;
            else if (data[9] == 6) n = 4;
            else return false;
        } else if (type == "IDAT") {
            idat.append(reinterpret_cast<const char*>(data), len);
        } else if (type == "IEND") {
            ended = true;
        } else if (type == "tRNS" || type == "CgBI" || (type[0] & 0x20) == 0) {
            return false;  // transparency, Apple's variant or a critical chunk stb knows better
        }
        at += 12 + static_cast<size_t>(len);
    }
    if (!ended || idat.empty() || n == 0) return false;
    file.content = std::string();  // the compressed file is not needed any more

    const size_t stride = static_cast<size_t>(width) * n + 1;
    const size_t raw_len = stride * static_cast<size_t>(height);
    if (raw_len > static_cast<size_t>(INT32_MAX)) return false;
    std::unique_ptr<unsigned char, void (*)(void*)> raw(static_cast<unsigned char*>(std::malloc(raw_len)), std::free);
    if (!raw) return false;
    const int got = stbi_zlib_decode_buffer(reinterpret_cast<char*>(raw.get()), static_cast<int>(raw_len), idat.data(),
                                            static_cast<int>(idat.size()));
    if (got != static_cast<int>(raw_len)) return false;
    idat = std::string();
    if (!UnfilterInPlace(raw.get(), width, height, n)) return false;

    out->full_width = width;
    out->full_height = height;
    out->channels = n;
    if (std::max(width, height) > max_side) {
        int w = 0, h = 0;
        ScaledSize(width, height, max_side, &w, &h);
        std::unique_ptr<unsigned char, void (*)(void*)> small(static_cast<unsigned char*>(std::malloc(static_cast<size_t>(w) * h * n)), std::free);
        if (!small || !stbir_resize_uint8(raw.get() + 1, width, height, static_cast<int>(stride), small.get(), w, h, 0, n)) return false;
        out->pixels = std::move(small);
        out->width = w;
        out->height = h;
    } else {
        // The filter bytes out, rows moved down to their place (never over one not yet moved).
        unsigned char* base = raw.get();
        for (int y = 0; y < height; ++y) std::memmove(base + static_cast<size_t>(y) * (stride - 1), base + y * stride + 1, stride - 1);
        out->pixels = std::move(raw);
        out->width = width;
        out->height = height;
    }
    out->decoder = DecodedImage::Decoder::PngInPlace;
    return true;
}

}  // namespace

DecodedImage DecodeImage(const std::string& path, int max_side, std::string* error) {
    DecodedImage out;
    if (DecodePngInPlace(path, max_side, &out)) return out;
    out = DecodedImage();
    int width = 0, height = 0, channels = 0;
    if (!stbi_info(path.c_str(), &width, &height, &channels)) {
        const char* reason = stbi_failure_reason();
        if (error) *error = std::string("cannot read image (") + (reason ? reason : "unknown format") + ")";
        return out;
    }
    // In its own channels (RGB stays three bytes a pixel: a quarter less memory while it is
    // decoded at full size); grey images are widened to RGBA, which GL draws as they are.
    const int n = channels < 3 ? 4 : channels;
    stbi_uc* decoded = stbi_load(path.c_str(), &width, &height, &channels, n);
    if (!decoded) {
        const char* reason = stbi_failure_reason();
        if (error) *error = std::string("cannot decode image (") + (reason ? reason : "unknown error") + ")";
        return out;
    }
    out.pixels = std::unique_ptr<unsigned char, void (*)(void*)>(decoded, stbi_image_free);
    out.full_width = out.width = width;
    out.full_height = out.height = height;
    out.channels = n;
    out.decoder = DecodedImage::Decoder::Stb;
    if (std::max(width, height) > max_side) {
        int w = 0, h = 0;
        ScaledSize(width, height, max_side, &w, &h);
        std::unique_ptr<unsigned char, void (*)(void*)> small(static_cast<unsigned char*>(std::malloc(static_cast<size_t>(w) * h * n)), std::free);
        // A failed resize keeps the full-size pixels: drawn the same, only larger in memory.
        if (small && stbir_resize_uint8(decoded, width, height, 0, small.get(), w, h, 0, n)) {
            out.pixels = std::move(small);
            out.width = w;
            out.height = h;
        }
    }
    return out;
}

}  // namespace lectern::platform

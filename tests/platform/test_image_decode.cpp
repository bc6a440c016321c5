// DecodeImage (platform/image_decode.h): the in-place PNG decoder, which keeps one full-size
// buffer instead of stb_image's two, gives exactly the pixels stb_image (then stb_image_resize)
// gives, for every PNG row filter, both channel counts and sizes that are and are not resized;
// other PNGs still go to stb_image; broken files never crash it and never decode differently.
#include <gtest/gtest.h>
#include <stb/stb_image.h>
#include <stb/stb_image_resize.h>
#include <stb/stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "platform/image_decode.h"

namespace lectern::platform {
namespace {

namespace fs = std::filesystem;

fs::path Scratch() {
    fs::path dir = fs::temp_directory_path() / ("lectern-image-decode-" + std::to_string(getpid()));
    fs::create_directories(dir);
    return dir;
}

// Noise, so every filter changes every byte; `filter` -1 lets stb pick each row's best.
std::string WritePng(const fs::path& path, int w, int h, int comp, int filter, uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<unsigned char> px(static_cast<size_t>(w) * h * comp);
    for (unsigned char& c : px) c = static_cast<unsigned char>(rng());
    stbi_write_force_png_filter = filter;
    const int ok = stbi_write_png(path.c_str(), w, h, comp, px.data(), w * comp);
    stbi_write_force_png_filter = -1;
    EXPECT_TRUE(ok);
    std::ifstream f(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// What the player did before: stb_image at full size, then stb_image_resize to fit max_side.
struct Pixels {
    bool ok = false;
    int w = 0, h = 0, n = 0;
    std::vector<unsigned char> data;
};

Pixels Reference(const fs::path& path, int max_side) {
    Pixels r;
    int w = 0, h = 0, c = 0;
    if (!stbi_info(path.c_str(), &w, &h, &c)) return r;
    const int n = c < 3 ? 4 : c;
    stbi_uc* full = stbi_load(path.c_str(), &w, &h, &c, n);
    if (!full) return r;
    r.ok = true;
    r.n = n;
    if (std::max(w, h) > max_side) {
        const double k = static_cast<double>(max_side) / std::max(w, h);
        r.w = std::max(1, static_cast<int>(w * k));
        r.h = std::max(1, static_cast<int>(h * k));
        r.data.resize(static_cast<size_t>(r.w) * r.h * n);
        EXPECT_TRUE(stbir_resize_uint8(full, w, h, 0, r.data.data(), r.w, r.h, 0, n));
    } else {
        r.w = w;
        r.h = h;
        r.data.assign(full, full + static_cast<size_t>(w) * h * n);
    }
    stbi_image_free(full);
    return r;
}

Pixels Decoded(const DecodedImage& d) {
    Pixels r;
    r.ok = d.ok();
    if (!r.ok) return r;
    r.w = d.width;
    r.h = d.height;
    r.n = d.channels;
    r.data.assign(d.pixels.get(), d.pixels.get() + static_cast<size_t>(d.width) * d.height * d.channels);
    return r;
}

TEST(ImageDecode, EveryFilterBothChannelCountsAndResizedOrNotGiveStbsPixelsWithOneFullSizeBuffer) {
    const fs::path dir = Scratch();
    int cases = 0;
    for (int comp : {3, 4})
        for (int filter : {0, 1, 2, 3, 4, -1})
            for (auto [w, h] : {std::pair{1, 1}, {7, 5}, {33, 17}, {5, 64}})
                for (int max_side : {4096, 16, 3}) {
                    const std::string what = std::to_string(w) + "x" + std::to_string(h) + ", " + std::to_string(comp) +
                                             " channels, filter " + std::to_string(filter) + ", max side " + std::to_string(max_side);
                    const fs::path png = dir / "case.png";
                    WritePng(png, w, h, comp, filter, static_cast<uint32_t>(++cases));
                    std::string error;
                    DecodedImage d = DecodeImage(png.string(), max_side, &error);
                    ASSERT_TRUE(d.ok()) << what << ": " << error;
                    EXPECT_EQ(d.decoder, DecodedImage::Decoder::PngInPlace) << what;
                    EXPECT_EQ(d.full_width, w) << what;
                    EXPECT_EQ(d.full_height, h) << what;
                    EXPECT_LE(std::max(d.width, d.height), max_side) << what;
                    Pixels want = Reference(png, max_side), got = Decoded(d);
                    EXPECT_EQ(got.w, want.w) << what;
                    EXPECT_EQ(got.h, want.h) << what;
                    EXPECT_EQ(got.n, want.n) << what;
                    EXPECT_TRUE(got.data == want.data) << what << ": pixels differ from stb_image's";
                }
    fs::remove_all(dir);
    EXPECT_EQ(cases, 2 * 6 * 4 * 3);
}

TEST(ImageDecode, GreyPngsAndJpegsStillGoToStbImageWidenedToRgba) {
    const fs::path dir = Scratch();
    struct Case {
        const char* name;
        int comp;
    };
    for (Case c : {Case{"grey.png", 1}, Case{"grey-alpha.png", 2}, Case{"photo.jpg", 3}}) {
        const fs::path path = dir / c.name;
        if (std::string(c.name).find(".jpg") != std::string::npos) {
            std::vector<unsigned char> px(40 * 30 * 3, 128);
            ASSERT_TRUE(stbi_write_jpg(path.c_str(), 40, 30, 3, px.data(), 90));
        } else {
            WritePng(path, 40, 30, c.comp, -1, 7);
        }
        for (int max_side : {4096, 16}) {
            std::string error;
            DecodedImage d = DecodeImage(path.string(), max_side, &error);
            ASSERT_TRUE(d.ok()) << c.name << ": " << error;
            EXPECT_EQ(d.decoder, DecodedImage::Decoder::Stb) << c.name;
            EXPECT_EQ(d.channels, c.comp < 3 ? 4 : 3) << c.name;
            Pixels want = Reference(path, max_side), got = Decoded(d);
            EXPECT_EQ(got.w, want.w) << c.name;
            EXPECT_TRUE(got.data == want.data) << c.name << " at max side " << max_side;
        }
    }
    fs::remove_all(dir);
}

// Every prefix of a PNG, and the PNG with each byte changed: no crash (the sanitizer build reads
// every access), and wherever stb_image decodes the same bytes, the same pixels.
TEST(ImageDecode, TruncatedOrCorruptPngsFailOrDecodeAsStbImageDoes) {
    const fs::path dir = Scratch();
    const std::string good = WritePng(dir / "good.png", 23, 11, 3, 4, 99);
    const fs::path bad = dir / "bad.png";
    int decoded = 0, refused = 0;
    auto check = [&](const std::string& bytes, const std::string& what) {
        std::ofstream(bad, std::ios::binary | std::ios::trunc) << bytes;
        std::string error;
        DecodedImage d = DecodeImage(bad.string(), 4096, &error);
        Pixels want = Reference(bad, 4096), got = Decoded(d);
        EXPECT_EQ(got.ok, want.ok) << what << ": " << (got.ok ? "decoded where stb_image refuses" : "refused where stb_image decodes");
        if (got.ok && want.ok) {
            EXPECT_TRUE(got.data == want.data) << what;
        }
        if (!got.ok) {
            EXPECT_FALSE(error.empty()) << what << ": refused with no reason";
        }
        (got.ok ? decoded : refused)++;
    };
    for (size_t len = 0; len < good.size(); ++len) check(good.substr(0, len), "the first " + std::to_string(len) + " bytes");
    for (size_t at = 0; at < good.size(); ++at) {
        std::string b = good;
        b[at] = static_cast<char>(b[at] ^ 0x5a);
        check(b, "byte " + std::to_string(at) + " changed");
    }
    fs::remove_all(dir);
    EXPECT_GT(refused, static_cast<int>(good.size()));  // every prefix at least
    EXPECT_GT(decoded, 0);
}

}  // namespace
}  // namespace lectern::platform

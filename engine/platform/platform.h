// The platform layer: one window, the GL context, fonts, textures, screenshots, the frame loop.
// Small and linear (Dear ImGui's example_glfw_opengl3/main.cpp): Init, then BeginFrame/EndFrame
// in a loop, then Shutdown. Knows nothing about courses (never includes a course, learning or progress header).
#pragma once

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "process_clock.h"  // MsSinceProcessStart(), for --first-frame-exit
#include "platform/voice_choice.h"

namespace lectern::platform {

// Every start-up option in one documented struct (hello_imgui's RunnerParams).
struct WindowOptions {
    std::string title = "Lectern";
    int width = 1280;   // logical size, before content scale
    int height = 800;
    // The size is a default: a visible window opens smaller where the monitor's work area (the
    // screen less taskbars and panels) has no room for it with its title bar and borders.
    bool fit_screen = true;
    bool fullscreen = false;  // on the primary monitor, no decorations (kiosk)
    bool hidden = false;      // no visible window (headless screenshots still need a display)
    bool vsync = true;
    bool ignore_close = false;  // kiosk: the close button and Alt+F4 do not end the program
    bool stay_restored = false;  // kiosk: a minimised window (a window manager's menu) comes straight back, focused
    // The text scale the first BuildFonts will ask for. Init bakes the fonts for it on a thread
    // while the window and GL context are created (fonts are a third of start-up otherwise); a
    // BuildFonts with another scale still works, it just builds again.
    float text_scale = 1.0f;
};

// Characters the atlas must hold beyond the Latin every face has: those of the course, the
// learners' names and what is typed. Only these are baked, so a course in Chinese costs the
// glyphs it uses, not all of CJK.
// A font file as baked into one atlas face, at its size in that face.
struct FaceFile {
    std::string path;
    int index = 0;
    float px = 0;  // ImGui's size: ascender to descender (imgui_freetype's REAL_DIM request)
    bool fake_bold = false, fake_italic = false;
};
// A glyph of shaped text (ui/shaped_text.h): glyph `glyph_id` of `file`, baked into the face
// numbered `face` (FontSet::faces order) under the private-use `codepoint`, at the offset and
// advance the shaper gave it.
struct ShapedGlyphRequest {
    int face = 0;
    uint32_t codepoint = 0;
    FaceFile file;
    unsigned glyph_id = 0;
    float x_offset = 0, y_offset = 0, advance = 0;
};
struct GlyphRequest {
    std::vector<uint32_t> codepoints;  // any order; duplicates and base characters are ignored
    std::string lang;                  // BCP 47 ("zh-CN", "ja"): picks among fonts (Han shapes)
    std::vector<ShapedGlyphRequest> shaped;
};

// The characters beyond ASCII that drawing `utf8_text` needs baked: its own, and for Arabic the
// joined presentation forms the rich text draws (Platform::RequestGlyphs asks for these).
std::vector<uint32_t> GlyphsToBake(std::string_view utf8_text);

// Faces baked into the atlas. Sizes in pixels at the current scale.
struct FontSet {
    ImFont* body = nullptr;         // serif or sans regular, body size
    ImFont* bold = nullptr;
    ImFont* italic = nullptr;
    ImFont* bold_italic = nullptr;
    ImFont* heading1 = nullptr;     // page title (bold, ~1.6x)
    ImFont* heading2 = nullptr;     // section heading (bold, ~1.3x)
    ImFont* heading3 = nullptr;     // subsection heading (bold, ~1.12x)
    ImFont* ui = nullptr;           // sans regular for buttons, menus
    ImFont* ui_bold = nullptr;
    ImFont* small = nullptr;        // captions, footers (~0.85x)
    float body_px = 18.0f;
    int atlas_width = 0;   // the atlas texture, one byte a texel (what the fonts cost in memory)
    int atlas_height = 0;
    int glyphs = 0;        // glyphs baked, all faces together
    // Every face with the files baked into it, its own first: what the shaper must use so its
    // glyphs match the atlas's. Order: ui, ui_bold, body, bold, italic, bold_italic, heading1-3,
    // small (ShapedGlyphRequest::face indexes it).
    struct Face {
        ImFont* font = nullptr;
        std::vector<FaceFile> files;
    };
    std::vector<Face> faces;
};

// The files that draw `codepoints` for the atlas face `face` (FontSet::faces order) in `lang`,
// sized as the atlas sizes its own fallbacks (the face's em size): what a passage in another
// language than the course's needs for its Han characters (Japanese shapes in a Chinese course).
// Empty when the face has no file or no installed font covers them.
std::vector<FaceFile> LanguageFallbacks(const FontSet& set, int face, const std::vector<uint32_t>& codepoints,
                                        const std::string& lang);


struct Texture {
    ImTextureID id = nullptr;
    int width = 0;
    int height = 0;
    bool ok() const { return id != nullptr; }
};

class Platform {
public:
    Platform();
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    // Creates the window, the GL 3.3 core context, the ImGui context and its GLFW/GL3 backends.
    // On failure returns false and says why in *error (no display, no GL, ...).
    bool Init(const WindowOptions& options, std::string* error);
    void Shutdown();

    // (Re)builds the font atlas for text_scale (1.0 to 2.0) times the monitor's content scale,
    // with real bold/italic faces located by fontconfig and rasterised by imgui_freetype.
    // Call before the first frame and between frames (never inside one). Returns false, with
    // the reason, when no usable font was found: every face is then ImGui's built-in font
    // (ASCII, one size) and the program still works. Makes io.FontDefault the `ui` face.
    bool BuildFonts(float text_scale, std::string* error);
    const FontSet& Fonts() const;
    // Asks for the characters of `utf8_text` to be in the atlas (course text at load, learner
    // names, typed answers). When some are new, GlyphsPending() turns true: call BuildFonts
    // again between frames and the atlas grows by them (and their fallback fonts).
    void RequestGlyphs(std::string_view utf8_text);
    void RequestGlyph(uint32_t codepoint);
    // Glyphs of shaped text (ui/shaped_text.h) the atlas must hold: pending like new characters.
    void RequestShapedGlyphs(const std::vector<ShapedGlyphRequest>& glyphs);
    // The language of the course text (BCP 47), used to choose fallback fonts.
    void SetFontLanguage(const std::string& lang);
    bool GlyphsPending() const;
    const GlyphRequest& RequestedGlyphs() const;
    float ContentScale() const;
    // True when the window moved to a monitor with another content scale since the last
    // BuildFonts: call BuildFonts again (between frames) to keep text sharp.
    bool FontsNeedRebuild() const;

    // Waits for input when nothing changes (glfwWaitEventsTimeout), so an idle window uses no CPU.
    // Returns false when the window should close. Starts a new ImGui frame.
    bool BeginFrame();
    // Called inside BeginFrame after the backend has written this frame's input to io and before
    // ImGui::NewFrame: the place to adjust key handling (the UI's RemapKeyboard).
    void SetInputHook(std::function<void(ImGuiIO&)> hook);
    // Delivers no queued input in the next frame (the events wait, in order): call when focus is
    // on its way to another control, so keys and characters typed meanwhile reach it, not the
    // gap between (a Tab into a text field takes ImGui two frames). At most two frames in a row.
    void HoldInput();
    // Key releases delivered to frames so far (InputQueue::KeyReleases).
    std::uint64_t KeyReleases() const;
    // Renders the ImGui draw data and swaps.
    void EndFrame();
    // Ends a frame that an exception left half drawn: closes what was left open (windows, child
    // windows, groups, pushed fonts, colours and IDs) and ends ImGui's frame without drawing it,
    // so the next BeginFrame starts clean. The screen keeps the last whole frame.
    void AbandonFrame();
    // Ask for more frames without input (animations, a countdown, a texture that just loaded).
    // Safe to call from any thread: it wakes a waiting BeginFrame (glfwPostEmptyEvent).
    void RequestFrames(int count = 2);
    // Wake up at least this often while waiting (seconds); 0 = only on input.
    void SetWakeInterval(double seconds);
    // Wake once, within this many seconds, in the next wait only (a deadline of one component,
    // such as a typed answer settling, without taking over the interval others set).
    void WakeOnceWithin(double seconds);
    bool CloseRequested() const;  // the user tried to close (even when ignore_close is set)
    void ClearCloseRequest();
    void SetTitle(const std::string& title);
    bool Focused() const;

    // PNG or JPEG to a GL texture, cached by path; a failed load returns !ok() (and is cached too,
    // with its reason in *error). Refuses images over 8192 px a side or 64 MB decoded. Keeps each
    // at most 1,600 px a side (its width and height stay the authored ones, for layout) and all
    // together within a memory budget, dropping the images drawn longest ago (never those drawn
    // this frame); a dropped image is loaded again when it is drawn again.
    Texture LoadTexture(const std::string& path, std::string* error = nullptr);

    // A second window (present mode's notes on the presenter's own screen). Opened on a monitor
    // other than the main window's when there is one (filling its work area), else as a normal
    // window beside it. It has its own ImGui context and its own font atlas (the main atlas's
    // pixels are released after upload), and shares the main GL context's textures. It takes no
    // input of its own: keys typed into it go to the main window's UI, the wheel scrolls it.
    // `text_scale` as for BuildFonts. Call after the main window's BuildFonts.
    int MonitorCount() const;
    bool OpenSecondWindow(const std::string& title, float text_scale, std::string* error);
    bool HasSecondWindow() const;
    // Closes the second window (call between frames); OpenSecondWindow may open it again.
    void CloseSecondWindow();
    // Rebuilds the second window's fonts for a new text scale (between frames).
    bool BuildSecondFonts(float text_scale, std::string* error);
    // Draws one frame of the second window: `draw` runs inside a frame of its own ImGui context
    // (apply the theme there: style is per context). Call after EndFrame. When the user closed
    // the second window it is destroyed here and false is returned.
    bool DrawSecondWindow(const std::function<void(const FontSet&)>& draw);
    bool SaveSecondScreenshot(const std::string& png_path, std::string* error);

    // Reads back the last rendered frame (call after EndFrame) and writes it as PNG. It redraws
    // that frame's draw data into the back buffer and reads it there, because the back buffer is
    // undefined after a swap and the front buffer is not readable on every driver.
    bool SaveScreenshot(const std::string& png_path, std::string* error);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

// Speech on its own thread: Speak never blocks the caller. One per process. On Linux through
// espeak-ng (speech.cpp; a process-wide singleton), which without a sound device still runs,
// silently, in real time, so the controls behave the same; on Windows through SAPI
// (speech_windows.cpp).
class Speech {
public:
    Speech();
    ~Speech();
    // True unless the engine failed to start (it starts on the worker thread, so this may turn
    // false shortly after construction).
    bool Available() const;
    // When not Available, why, in English, for the reader to show beside its disabled read-aloud
    // button (Windows: "Windows speech (SAPI) did not answer: ..."). Empty on Linux, where a
    // missing espeak-ng hides the button as before.
    std::string UnavailableReason() const;
    // `lang` (BCP 47) picks the voice (platform/voice_choice.h); with no voice for it, nothing is read.
    void Speak(const std::string& text, int words_per_minute = 175, const std::string& lang = "");
    // A page in pieces by language (a passage's `lang`), each read in its own language's voice one
    // after the other; a piece no voice speaks is left out (Plan says which).
    void Speak(const std::vector<SpeechPart>& parts, int words_per_minute = 175);
    // How `parts` would be read (platform/voice_choice.h's PlanSpeech with the engine's voices);
    // empty until the engine has listed its voices, and when it failed.
    std::optional<SpeechPlan> Plan(const std::vector<SpeechPart>& parts) const;
    // The voice a text in `lang` would be read with, or why none; empty until the engine has started
    // and listed its voices (shortly after the first Speech is made), and when it failed.
    std::optional<VoiceChoice> VoiceFor(const std::string& lang) const;
    void Pause();
    void Resume();
    void Stop();
    bool Speaking() const;  // an utterance is playing or paused
    bool Paused() const;
    // Called on a worker thread when speech ends by itself (so the UI can redraw its buttons):
    // wire it to Platform::RequestFrames. Set it before the first Speak.
    void SetOnChange(std::function<void()> on_change);
    // Called on the worker thread as each part of a page starts, with its voice and length (the
    // trace, and tests that check which voice reads what without a sound device).
    void SetOnPart(std::function<void(const std::string& voice, size_t chars)> on_part);

private:
    struct Impl;
    std::unique_ptr<Impl> m;
};

}  // namespace lectern::platform

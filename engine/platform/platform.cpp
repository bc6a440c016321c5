// The window, the frame loop, textures and screenshots. Init and Shutdown follow Dear ImGui's
// example_glfw_opengl3/main.cpp step by step (Shutdown in reverse order).
#include "platform/platform.h"

#include "os/files.h"
#include "os/system.h"

#include "platform/fonts.h"
#include "platform/image_decode.h"
#include "platform/input_queue.h"
#include "platform/window_placement.h"

#include <glad/gl.h>  // before GLFW (GLFW_INCLUDE_NONE is defined by the target)
#include <GLFW/glfw3.h>
#include <imgui_internal.h>  // ErrorCheckEndFrameRecover (AbandonFrame)
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#include <fribidi.h>
#include <utf8proc.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cfloat>
#include <cmath>
#include <algorithm>
#include <cstdlib>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <cstring>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace lectern::platform {

namespace {

// GLFW's error callback has no user pointer; the last message is kept here so Init can say why
// it failed. Written and read on the main thread only.
std::string g_glfw_error;

void OnGlfwError(int code, const char* description) {
    g_glfw_error = description ? description : "unknown GLFW error";
    (void)code;
}

// ImGui needs a few frames after an event to settle (hover state, navigation highlight,
// a window appearing and then being sized to its content).
constexpr int kSettleFrames = 3;

// The longest a frame may seem to ImGui (ApplyInput), under its key repeat delay (0.275 s).
constexpr float kMaxFrameSeconds = 0.1f;
// io.KeyRepeatDelay: far beyond any hold (ApplyRepeats keeps held keys at a quarter of it), and
// small enough for a float to tell DeltaTime apart at that size.
constexpr float kRepeatDelay = 1000.0f;

float ClampTextScale(float text_scale) {
    if (!(text_scale >= 1.0f)) return 1.0f;  // also NaN
    return text_scale > 2.0f ? 2.0f : text_scale;
}

bool WriteWindowPng(GLFWwindow* window, ImDrawData* draw_data, const std::string& png_path, std::string* error);

// Uploads the current ImGui context's font atlas as one 8-bit channel (GL_R8, swizzled to white
// with the coverage as alpha), instead of the GL3 backend's RGBA32: a quarter of the bytes to
// convert, upload and keep, which is a few milliseconds of start-up under Mesa's software
// renderer. The first call also lets the backend create its shaders and buffers, while handing
// it a one-pixel atlas so it converts nothing. *texture is ours (deleted and replaced here).
void UploadFontAtlas(bool device_objects_ready, unsigned int* texture) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!device_objects_ready) {
        const int width = atlas->TexWidth, height = atlas->TexHeight;
        unsigned int* const rgba = atlas->TexPixelsRGBA32;
        static unsigned int one_pixel = 0xFFFFFFFFu;
        atlas->TexPixelsRGBA32 = &one_pixel;
        atlas->TexWidth = atlas->TexHeight = 1;
        ImGui_ImplOpenGL3_CreateDeviceObjects();
        atlas->TexPixelsRGBA32 = rgba;
        atlas->TexWidth = width;
        atlas->TexHeight = height;
        ImGui_ImplOpenGL3_DestroyFontsTexture();  // the one-pixel texture
    }
    if (*texture != 0) glDeleteTextures(1, texture);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
    GLint last_texture = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
    glGenTextures(1, texture);
    glBindTexture(GL_TEXTURE_2D, *texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
    atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(*texture)));
}

// Refuse images that would take seconds to decode or exhaust memory on a classroom machine.
constexpr int kMaxImageSide = 8192;
// Images are kept at most this many pixels a side: the reading column at 200 % text is about
// 1,300 px wide, so a larger image would only cost memory (a 4096 x 4096 PNG is 85 MB as a
// mipmapped texture, 21 MB at 2048).
constexpr int kMaxDisplaySide = 1600;
// All decoded images together; the least recently drawn go first (the current page's images are
// never dropped while it shows them). A course of thirty 4096 x 4096 PNGs once took 2.8 GB.
constexpr size_t kTextureBudget = 64u * 1024 * 1024;

// GPU memory of an image as it is kept: at most kMaxDisplaySide a side, four bytes a pixel (what
// GL drivers store, RGB too), a third more for the mipmaps.
size_t ShownBytes(int width, int height) {
    const double k = std::min(1.0, static_cast<double>(kMaxDisplaySide) / std::max(width, height));
    return static_cast<size_t>(std::max(1.0, width * k) * std::max(1.0, height * k) * 4 * 4 / 3);
}
constexpr long long kMaxImageBytes = 64LL * 1024 * 1024;

// A new, still hidden window of the default size made to fit `area` with its frame (title bar,
// borders: known only now that it exists), in screen pixels. One that had to shrink nearly fills
// the area, and is centred on it: the system's default place (Windows cascades new windows down
// and to the right) would push part of it off the screen.
void FitToWorkArea(GLFWwindow* window, const ScreenRect& area, bool shrunk) {
    if (area.w <= 0 || area.h <= 0) return;
    WindowFrame frame;
    glfwGetWindowFrameSize(window, &frame.left, &frame.top, &frame.right, &frame.bottom);
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    const WindowSize fitted = FitWindowSize({w, h}, 1.0f, area, frame);
    if (fitted.w != w || fitted.h != h) {
        glfwSetWindowSize(window, fitted.w, fitted.h);
        shrunk = true;
    }
    if (!shrunk) return;
    const int outer_w = fitted.w + frame.left + frame.right, outer_h = fitted.h + frame.top + frame.bottom;
    glfwSetWindowPos(window, area.x + std::max(0, (area.w - outer_w) / 2) + frame.left,
                     area.y + std::max(0, (area.h - outer_h) / 2) + frame.top);
}

}  // namespace

struct Platform::Impl {
    std::function<void(ImGuiIO&)> input_hook;  // see SetInputHook
    GLFWwindow* window = nullptr;
    WindowOptions options;
    bool imgui_context = false;     // we created the ImGui context
    bool glfw_backend = false;      // ImGui_ImplGlfw initialised
    bool gl_backend = false;        // ImGui_ImplOpenGL3 initialised
    bool gl_objects_ready = false;  // the GL3 backend created its shaders/buffers (first NewFrame)
    unsigned int font_texture = 0;  // the atlas, uploaded by UploadFontAtlas
    bool frame_rendered = false;    // there is draw data to screenshot

    // Keys, buttons and characters from both windows, handed to ImGui a frame at a time.
    InputQueue input;
    std::atomic<int> frames_left{kSettleFrames};
    double wake_interval = 0.0;
    double wake_once = 0.0;  // WakeOnceWithin: for the next wait only
    bool close_requested = false;
    bool restore_pending = false;   // stay_restored: the window was minimised; restore it next frame
    bool focused = true;

    float content_scale = 1.0f;
    float fonts_built_for_scale = 0.0f;
    FontSet fonts;
    // The atlas belongs to us, not to the ImGui context, so that it can be baked on a thread
    // during Init; the context only points at it.
    ImFontAtlas atlas;
    GlyphRequest glyphs;                     // RequestGlyphs: what the atlas must hold
    std::unordered_set<uint32_t> requested;  // the same, for a quick "is it new?"
    bool glyphs_pending = false;             // requested since the last BuildFonts
    struct FontJob {
        std::thread thread;
        bool started = false;      // fontconfig was used: release it at Shutdown
        float pixel_scale = 0.0f;  // what the job baked for; 0 = no result waiting
        FontSet fonts;
        std::string error;
        bool ok = false;
    } font_job;

    // Windowed position and size to return to when leaving fullscreen.

    struct CachedTexture {
        Texture texture;
        std::string error;
        size_t bytes = 0;       // GPU memory it holds (with mipmaps)
        uint64_t last_used = 0;  // the frame it was last asked for
    };
    std::unordered_map<std::string, CachedTexture> textures;
    size_t texture_bytes = 0;  // all of them together, held to kTextureBudget
    uint64_t frame_number = 0;
    void EvictTextures(size_t incoming);

    // Present mode's second window (OpenSecondWindow).
    struct Second {
        GLFWwindow* window = nullptr;
        ImGuiContext* context = nullptr;
        std::unique_ptr<ImFontAtlas> atlas;
        unsigned int font_texture = 0;
        bool device_objects = false;
        FontSet fonts;
        float scroll = 0.0f;     // wheel turned over it since its last frame
        bool rendered = false;   // there is draw data to screenshot
        double last_time = 0.0;
    } second;
    void CloseSecond();

    static Impl* From(GLFWwindow* window) {
        return static_cast<Impl*>(glfwGetWindowUserPointer(window));
    }
    void Wake() { frames_left = kSettleFrames; }
    // Held keys repeat on the system's repeat events only (InputQueue::Repeat says why).
    void QueueKey(int key, int action) {
        if (action == GLFW_PRESS || action == GLFW_RELEASE) input.Key(key, action == GLFW_PRESS);
        if (action == GLFW_REPEAT) input.Repeat(key);
        Wake();
    }
    void QueueChar(unsigned int c) {
        input.Char(c);
        Wake();
    }
    void RequestGlyph(uint32_t cp) {
        if (cp > 0x10FFFF || InBaseRanges(cp) || !requested.insert(cp).second) return;
        glyphs.codepoints.push_back(cp);
        glyphs_pending = true;
    }
    // This frame's share of the queue into io, after the backend's NewFrame (which sets the
    // mouse buttons from their state now, so a click released before the frame would be lost).
    bool repeats_due = false;  // NextFrame ran this frame: its repeats are still to be shown to ImGui
    // Dear ImGui 1.86 repeats a key by its own clock (io.KeysDownDuration against io.KeyRepeatDelay);
    // that clock is stopped here, short of the delay, and moved past it for one frame when the
    // system repeated the key. Just before ImGui::NewFrame, after the input hook has chosen the
    // key map (the directional navigation inputs repeat from the keys mapped to them).
    void ApplyRepeats(ImGuiIO& io) {
        const bool due = repeats_due;
        repeats_due = false;
        // NewFrame adds DeltaTime to each held key's time: these values put it just past the
        // delay (a repeat) or keep it well short of it. Navigation repeats at 0.72 of the delay.
        const float past = kRepeatDelay - 0.5f * io.DeltaTime, hold = 0.25f * kRepeatDelay;
        for (int k = 0; k < InputQueue::kKeys; ++k) {
            if (!io.KeysDown[k] || io.KeysDownDuration[k] < 0.0f) continue;
            io.KeysDownDuration[k] = due && input.KeyRepeated(k) ? past : std::min(io.KeysDownDuration[k], hold);
        }
        struct NavKey { ImGuiKey key; ImGuiNavInput nav; };
        const NavKey arrows[] = {{ImGuiKey_LeftArrow, ImGuiNavInput_KeyLeft_}, {ImGuiKey_RightArrow, ImGuiNavInput_KeyRight_},
                                 {ImGuiKey_UpArrow, ImGuiNavInput_KeyUp_}, {ImGuiKey_DownArrow, ImGuiNavInput_KeyDown_}};
        for (const NavKey& a : arrows) {
            float& t = io.NavInputsDownDuration[a.nav];
            if (t < 0.0f) continue;
            t = due && input.KeyRepeated(io.KeyMap[a.key]) ? 0.72f * kRepeatDelay - 0.5f * io.DeltaTime : std::min(t, hold);
        }
    }
    int hold_input = 0;   // HoldInput: frames to deliver nothing
    int held_frames = 0;  // frames held in a row
    void ApplyInput(ImGuiIO& io) {
        // ImGui times held buttons and its animations with DeltaTime: one slow frame (a busy
        // machine, a progress write) must not look like a long hold. (Keys repeat only on the
        // system's repeats: ApplyRepeats.)
        io.DeltaTime = std::min(io.DeltaTime, kMaxFrameSeconds);
        if (hold_input > 0 && held_frames < 2) {
            ++held_frames;
            hold_input = 0;
            // The state stays as it was (the backend's NewFrame reset the mouse buttons).
            for (int b = 0; b < InputQueue::kButtons; ++b) io.MouseDown[b] = input.MouseDown(b);
            if (input.Pending()) Wake();
            return;
        }
        hold_input = 0;
        held_frames = 0;
        input.NextFrame();
        repeats_due = true;
        for (int k = 0; k < InputQueue::kKeys; ++k) io.KeysDown[k] = input.KeyDown(k);
        io.KeyCtrl = input.Ctrl();
        io.KeyShift = input.Shift();
        io.KeyAlt = input.Alt();
        io.KeySuper = input.Super();
        for (int b = 0; b < InputQueue::kButtons; ++b) io.MouseDown[b] = input.MouseDown(b);
        for (unsigned int c : input.Chars()) {
            io.AddInputCharacter(c);
            // A typed character the atlas lacks is baked before the next frame (a text field
            // consumes io's queue, so this is the one place that sees every character).
            RequestGlyph(c);
        }
        if (input.Pending()) Wake();  // the rest next frame, without waiting for more input
    }
};

Platform::Platform() : m(std::make_unique<Impl>()) {}

Platform::~Platform() { Shutdown(); }

bool Platform::Init(const WindowOptions& options, std::string* error) {
#ifdef __GLIBC__
    // Decoded images (tens of MB each, for a moment) and their textures (llvmpipe keeps them in
    // process memory) must go back to the system when freed. glibc raises its mmap threshold
    // after each such free, so later ones came from the heap and stayed: a fixed threshold
    // keeps every large block mapped on its own.
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#endif
    auto fail = [&](const std::string& message) {
        if (error) *error = message;
        Shutdown();
        return false;
    };
    if (m->window) return fail("the platform is already initialised");
    m->options = options;

    // 1. GLFW.
    glfwSetErrorCallback(OnGlfwError);
    if (!glfwInit()) {
        const char* display = std::getenv("DISPLAY");
        const char* wayland = std::getenv("WAYLAND_DISPLAY");
        if ((!display || !*display) && (!wayland || !*wayland)) {
            return fail(
                "cannot open a window: no display (DISPLAY is not set); run under "
                "xvfb-run or use --screenshot under tools/run");
        }
        return fail("cannot open a window: " + g_glfw_error);
    }

    // Fonts need no GL context: bake them now, on a thread, for the primary monitor's scale
    // (the window opens there), while this thread creates the window and context.
    float monitor_scale = 1.0f, monitor_scale_y = 1.0f;
    if (GLFWmonitor* primary = glfwGetPrimaryMonitor()) {
        glfwGetMonitorContentScale(primary, &monitor_scale, &monitor_scale_y);
    }
    if (!(monitor_scale > 0.0f)) monitor_scale = 1.0f;
    m->font_job.pixel_scale = ClampTextScale(options.text_scale) * monitor_scale;
    m->font_job.started = true;
    m->font_job.thread = std::thread([job = &m->font_job, atlas = &m->atlas] {
        job->ok = BuildFontAtlas(atlas, job->pixel_scale, GlyphRequest{}, &job->fonts, &job->error);
    });

    // 2. Window with a GL 3.3 core context (forward-compatible, as macOS-style drivers demand).
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    // The window's size follows the monitor's content scale, so 1280x800 "logical" stays
    // readable on a HiDPI screen; fonts are baked at the same scale (BuildFonts).
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWmonitor* monitor = nullptr;
    int width = options.width;
    int height = options.height;
    // A visible window of the default size is fitted to the primary monitor's work area, where it
    // opens: 1280x800 is taller than a 1366x768 laptop's screen, and at 150 % it is 1920x1200.
    // Created hidden, so that it is fitted with its frame (known once it exists) before it shows.
    const bool fit = options.fit_screen && !options.hidden && !options.fullscreen;
    ScreenRect work_area;
    bool shrunk = false;
    if (GLFWmonitor* primary = fit ? glfwGetPrimaryMonitor() : nullptr) {
        glfwGetMonitorWorkarea(primary, &work_area.x, &work_area.y, &work_area.w, &work_area.h);
        const WindowSize fitted = FitWindowSize({width, height}, monitor_scale, work_area, WindowFrame{});
        shrunk = fitted.w != width || fitted.h != height;
        width = fitted.w;
        height = fitted.h;
    }
    glfwWindowHint(GLFW_VISIBLE, options.hidden || fit ? GLFW_FALSE : GLFW_TRUE);
    if (options.fullscreen) {
        monitor = glfwGetPrimaryMonitor();
        if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
            // "Windowed fullscreen": the monitor's current mode, so no mode switch and no
            // flicker when a kiosk starts; no decorations to drag or close.
            glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
            glfwWindowHint(GLFW_RED_BITS, mode->redBits);
            glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
            glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
            glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
            width = mode->width;
            height = mode->height;
        } else {
            monitor = nullptr;  // no monitor information: fall back to a window
        }
    }
    m->window = glfwCreateWindow(width, height, options.title.c_str(), monitor, nullptr);
    if (!m->window) {
        return fail("cannot create a window with OpenGL 3.3 core: " + g_glfw_error + " (" + os::MissingOpenGlHint() +
                    ")");
    }
    if (fit) {
        FitToWorkArea(m->window, work_area, shrunk);
        glfwShowWindow(m->window);
    }
    glfwMakeContextCurrent(m->window);
    glfwSwapInterval(options.vsync ? 1 : 0);

    // 3. GL loader.
    if (gladLoadGL(glfwGetProcAddress) == 0) return fail("cannot load OpenGL 3.3 functions");

    // 4. Our callbacks, installed before the ImGui backend so that the backend chains to them
    // (1.86 saves the previously installed callbacks and calls them, and restores them on
    // shutdown). Every input event asks for a few frames; nothing else wakes the loop.
    glfwSetWindowUserPointer(m->window, m.get());
    glfwSetWindowCloseCallback(m->window, [](GLFWwindow* w) {
        Impl* impl = Impl::From(w);
        impl->close_requested = true;
        if (impl->options.ignore_close) glfwSetWindowShouldClose(w, GLFW_FALSE);
        impl->Wake();
    });
    glfwSetWindowFocusCallback(m->window, [](GLFWwindow* w, int focused) {
        Impl* impl = Impl::From(w);
        impl->focused = focused != 0;
        impl->Wake();
    });
    glfwSetWindowContentScaleCallback(m->window, [](GLFWwindow* w, float x, float) {
        Impl* impl = Impl::From(w);
        impl->content_scale = x;
        impl->Wake();
    });
    glfwSetScrollCallback(m->window, [](GLFWwindow* w, double, double) { Impl::From(w)->Wake(); });
    glfwSetCursorPosCallback(m->window,
                             [](GLFWwindow* w, double, double) { Impl::From(w)->Wake(); });
    glfwSetCursorEnterCallback(m->window, [](GLFWwindow* w, int) { Impl::From(w)->Wake(); });
    glfwSetWindowSizeCallback(m->window, [](GLFWwindow* w, int, int) { Impl::From(w)->Wake(); });
    glfwSetWindowRefreshCallback(m->window, [](GLFWwindow* w) { Impl::From(w)->Wake(); });
    glfwSetWindowIconifyCallback(m->window, [](GLFWwindow* w, int iconified) {
        Impl* impl = Impl::From(w);
        if (iconified && impl->options.stay_restored) impl->restore_pending = true;  // done in BeginFrame, outside the callback
        impl->Wake();
    });

    float scale_y = 1.0f;
    glfwGetWindowContentScale(m->window, &m->content_scale, &scale_y);
    if (!(m->content_scale > 0.0f)) m->content_scale = 1.0f;

    // 5. Dear ImGui context.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext(&m->atlas);  // touches nothing in the atlas the thread is building
    m->imgui_context = true;
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // Held keys repeat when the system repeats them (ApplyRepeats): ImGui's own repeat clock
    // is set where it never fires by itself. Its rate is as long, so one system repeat is one
    // ImGui repeat.
    io.KeyRepeatDelay = kRepeatDelay;
    io.KeyRepeatRate = kRepeatDelay;
    // Nothing written next to the learner's files: window layout is not persisted.
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    // A steady caret: blinking would need a frame every half second (no idle at 0% CPU), and
    // some readers find it distracting.
    io.ConfigInputTextCursorBlink = false;
    // Widget sizes follow the monitor; text sizes follow the fonts (BuildFonts).
    ImGui::GetStyle().ScaleAllSizes(m->content_scale);

    // 6. Backends.
    if (!ImGui_ImplGlfw_InitForOpenGL(m->window, true)) return fail("ImGui GLFW backend failed");
    m->glfw_backend = true;
    // Keys, characters and mouse buttons go to our queue instead of the backend's callbacks
    // (which write io directly, and lose a press released before the next frame). The backend
    // keeps focus, cursor-enter and scroll. These replace its callbacks; it restores ours at
    // shutdown.
    glfwSetKeyCallback(m->window, [](GLFWwindow* w, int key, int, int action, int) { Impl::From(w)->QueueKey(key, action); });
    glfwSetCharCallback(m->window, [](GLFWwindow* w, unsigned int c) { Impl::From(w)->QueueChar(c); });
    glfwSetMouseButtonCallback(m->window, [](GLFWwindow* w, int button, int action, int) {
        Impl* impl = Impl::From(w);
        if (action == GLFW_PRESS || action == GLFW_RELEASE) impl->input.MouseButton(button, action == GLFW_PRESS);
        impl->Wake();
    });
    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) return fail("ImGui OpenGL3 backend failed");
    m->gl_backend = true;
    return true;
}

void Platform::Impl::CloseSecond() {
    if (!second.window) return;
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(second.window);
    ImGui::SetCurrentContext(second.context);
    ImGui_ImplOpenGL3_Shutdown();
    if (second.font_texture != 0) glDeleteTextures(1, &second.font_texture);
    ImGui::DestroyContext(second.context);
    ImGui::SetCurrentContext(main_context);
    glfwDestroyWindow(second.window);
    glfwMakeContextCurrent(window);
    second = Second{};
    // A key held in the closed window (N, which closes it, among them) gets its release nowhere.
    input.ReleaseAll();
    Wake();
}

void Platform::Shutdown() {
    m->CloseSecond();
    if (m->font_job.thread.joinable()) m->font_job.thread.join();
    if (m->font_job.started) ReleaseFontLookup();
    m->font_job.started = false;
    m->font_job.pixel_scale = 0.0f;
    if (m->window) glfwMakeContextCurrent(m->window);
    for (auto& entry : m->textures) {
        GLuint id = static_cast<GLuint>(reinterpret_cast<intptr_t>(entry.second.texture.id));
        if (id != 0) glDeleteTextures(1, &id);
    }
    m->textures.clear();
    m->texture_bytes = 0;
    if (m->font_texture != 0) glDeleteTextures(1, &m->font_texture);
    m->font_texture = 0;
    if (m->gl_backend) ImGui_ImplOpenGL3_Shutdown();
    if (m->glfw_backend) ImGui_ImplGlfw_Shutdown();
    if (m->imgui_context) ImGui::DestroyContext();
    m->gl_backend = m->glfw_backend = m->imgui_context = false;
    if (m->window) {
        glfwDestroyWindow(m->window);
        m->window = nullptr;
        glfwTerminate();
    } else {
        glfwTerminate();  // harmless when GLFW was never initialised
    }
    m->fonts = FontSet{};
    m->gl_objects_ready = false;
    m->frame_rendered = false;
}

bool Platform::BuildFonts(float text_scale, std::string* error) {
    if (!m->window) {
        if (error) *error = "BuildFonts before Init";
        return false;
    }
    const float pixel_scale = ClampTextScale(text_scale) * m->content_scale;
    bool ok = false;
    if (m->font_job.thread.joinable()) m->font_job.thread.join();
    // Init's thread baked the base ranges only: use it unless the course asked for more.
    if (m->font_job.pixel_scale == pixel_scale && m->glyphs.codepoints.empty() && m->glyphs.shaped.empty()) {
        ok = m->font_job.ok;
        m->fonts = m->font_job.fonts;
        if (!ok && error) *error = m->font_job.error;
    } else {
        ok = BuildFontAtlas(&m->atlas, pixel_scale, m->glyphs, &m->fonts, error);
    }
    m->glyphs_pending = false;
    m->font_job.pixel_scale = 0.0f;  // used once: later calls rebuild
    // Widgets outside PushFont use the interface face.
    ImGui::GetIO().FontDefault = m->fonts.ui;

    // Upload (UploadFontAtlas): the first time, the backend's shaders and buffers are created
    // too, so its first NewFrame has nothing left to create; after that only our font texture
    // is replaced.
    UploadFontAtlas(m->gl_objects_ready, &m->font_texture);
    m->gl_objects_ready = true;
    // The atlas lives on the GPU now. Its CPU pixels (one byte a texel, a few MB) are not read
    // again: a rebuild starts from Clear().
    m->atlas.ClearTexData();
    m->fonts_built_for_scale = m->content_scale;
    m->Wake();
    return ok;
}

const FontSet& Platform::Fonts() const { return m->fonts; }

void Platform::RequestGlyph(uint32_t cp) { m->RequestGlyph(cp); }

void Platform::RequestShapedGlyphs(const std::vector<ShapedGlyphRequest>& glyphs) {
    if (glyphs.empty()) return;
    m->glyphs.shaped.insert(m->glyphs.shaped.end(), glyphs.begin(), glyphs.end());
    m->glyphs_pending = true;
}

std::vector<uint32_t> GlyphsToBake(std::string_view text) {
    std::vector<uint32_t> out;
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
    std::vector<FriBidiChar> arabic;  // the text, when it has Arabic letters to join
    bool has_arabic = false;
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) {
            n = 1;  // an invalid byte: skip it (it draws as the placeholder)
        } else {
            if (cp >= 0x80) out.push_back(static_cast<uint32_t>(cp));
            has_arabic = has_arabic || (cp >= 0x0600 && cp <= 0x06FF);
            arabic.push_back(static_cast<FriBidiChar>(cp));
        }
        p += n;
        left -= n;
    }
    if (!has_arabic) return out;
    // The rich text draws Arabic joined, as FriBidi's presentation forms (U+FB50-U+FEFF): bake
    // the forms this text will take.
    std::vector<FriBidiCharType> types(arabic.size());
    std::vector<FriBidiLevel> levels(arabic.size());
    std::vector<FriBidiArabicProp> props(arabic.size());
    const auto len = static_cast<FriBidiStrIndex>(arabic.size());
    fribidi_get_bidi_types(arabic.data(), len, types.data());
    FriBidiParType base = FRIBIDI_PAR_ON;
    if (!fribidi_get_par_embedding_levels_ex(types.data(), nullptr, len, &base, levels.data())) return out;
    fribidi_get_joining_types(arabic.data(), len, props.data());
    fribidi_join_arabic(types.data(), len, levels.data(), props.data());
    fribidi_shape(FRIBIDI_FLAGS_DEFAULT | FRIBIDI_FLAGS_ARABIC, levels.data(), len, props.data(), arabic.data());
    for (FriBidiChar cp : arabic)
        if (cp >= 0x80) out.push_back(cp);
    return out;
}

void Platform::RequestGlyphs(std::string_view text) {
    for (uint32_t cp : GlyphsToBake(text)) RequestGlyph(cp);
}

void Platform::SetFontLanguage(const std::string& lang) {
    if (lang == m->glyphs.lang) return;
    m->glyphs.lang = lang;
    m->glyphs_pending = !m->glyphs.codepoints.empty();
}

bool Platform::GlyphsPending() const { return m->glyphs_pending; }

const GlyphRequest& Platform::RequestedGlyphs() const { return m->glyphs; }

float Platform::ContentScale() const { return m->content_scale; }

bool Platform::FontsNeedRebuild() const {
    return m->fonts_built_for_scale > 0.0f && m->fonts_built_for_scale != m->content_scale;
}

bool Platform::BeginFrame() {
    ++m->frame_number;
    // Draw while something may still be changing; otherwise sleep until input arrives (or the
    // wake interval passes), so an idle kiosk uses no CPU.
    if (m->frames_left > 0 || m->input.Pending()) {
        glfwPollEvents();
        --m->frames_left;
    } else if (m->wake_interval > 0.0 || m->wake_once > 0.0) {
        double wait = m->wake_interval > 0.0 ? m->wake_interval : m->wake_once;
        if (m->wake_once > 0.0) wait = std::min(wait, m->wake_once);
        glfwWaitEventsTimeout(wait);
    } else {
        glfwWaitEvents();
    }
    m->wake_once = 0.0;
    if (glfwWindowShouldClose(m->window)) return false;
    if (m->restore_pending) {
        // A kiosk is never left minimised with the desktop (and its menus) behind it in reach.
        m->restore_pending = false;
        glfwRestoreWindow(m->window);
        glfwFocusWindow(m->window);
        m->frames_left = std::max(m->frames_left.load(), 2);
    }

    // An app that never calls BuildFonts gets Init's fonts, once the thread has finished them.
    if (m->font_job.thread.joinable()) m->font_job.thread.join();
    ImGui_ImplOpenGL3_NewFrame();
    m->gl_objects_ready = true;
    ImGui_ImplGlfw_NewFrame();
    m->ApplyInput(ImGui::GetIO());
    if (m->input_hook) m->input_hook(ImGui::GetIO());
    m->ApplyRepeats(ImGui::GetIO());
    ImGui::NewFrame();
    return true;
}

void Platform::HoldInput() { m->hold_input = 1; }

std::uint64_t Platform::KeyReleases() const { return m->input.KeyReleases(); }

void Platform::SetInputHook(std::function<void(ImGuiIO&)> hook) { m->input_hook = std::move(hook); }

void Platform::EndFrame() {
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(m->window, &width, &height);
    glViewport(0, 0, width, height);
    // The theme's window colour, so any margin outside the screens matches the theme.
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(m->window);
    m->frame_rendered = true;
}

void Platform::AbandonFrame() {
    // The public API has no way to unwind a frame; imgui_internal's recovery is written for this.
    ImGui::ErrorCheckEndFrameRecover(nullptr);
    ImGui::EndFrame();
}

void Platform::SetTitle(const std::string& title) {
    if (m->window) glfwSetWindowTitle(m->window, title.c_str());
}

void Platform::RequestFrames(int count) {
    int current = m->frames_left.load();
    while (current < count && !m->frames_left.compare_exchange_weak(current, count)) {
    }
    glfwPostEmptyEvent();  // thread-safe; wakes glfwWaitEvents
}

void Platform::SetWakeInterval(double seconds) { m->wake_interval = seconds > 0.0 ? seconds : 0.0; }

void Platform::WakeOnceWithin(double seconds) {
    if (seconds <= 0.0) seconds = 0.001;
    m->wake_once = m->wake_once > 0.0 ? std::min(m->wake_once, seconds) : seconds;
}

bool Platform::CloseRequested() const { return m->close_requested; }

void Platform::ClearCloseRequest() {
    m->close_requested = false;
    if (m->window) glfwSetWindowShouldClose(m->window, GLFW_FALSE);
}

bool Platform::Focused() const { return m->focused; }

Texture Platform::LoadTexture(const std::string& path, std::string* error) {
    auto cached = m->textures.find(path);
    if (cached != m->textures.end()) {
        cached->second.last_used = m->frame_number;
        if (error) *error = cached->second.error;
        return cached->second.texture;
    }

    Impl::CachedTexture entry;  // failures are cached too: no retry per frame
    entry.last_used = m->frame_number;
    // Check the header before decoding: a 30 kB PNG can claim 60000x60000 pixels.
    int width = 0, height = 0, channels = 0;
    if (!stbi_info(path.c_str(), &width, &height, &channels)) {
        const char* reason = stbi_failure_reason();
        entry.error = path + ": cannot read image (" + (reason ? reason : "unknown format") + ")";
    } else if (width <= 0 || height <= 0 || width > kMaxImageSide || height > kMaxImageSide ||
               static_cast<long long>(width) * height * 4 > kMaxImageBytes) {
        entry.error = path + ": image too large (" + std::to_string(width) + "x" +
                      std::to_string(height) + "; at most " + std::to_string(kMaxImageSide) +
                      " px a side and 64 MB decoded)";
    } else if (m->EvictTextures(ShownBytes(width, height) + static_cast<size_t>(width) * height * std::max(channels, 3)),
               false) {
        // Room is made before decoding, for the full-size pixels too (the largest block of all,
        // for a moment): the budget holds while an image is decoded.
    } else if (DecodedImage image = DecodeImage(path, kMaxDisplaySide, &entry.error); image.ok()) {
        // Kept no larger than it can be shown; its size for layout stays the authored one.
        const int n = image.channels;
        const size_t bytes = ShownBytes(image.full_width, image.full_height);
        GLuint id = 0;
        glGenTextures(1, &id);
        GLint last_texture = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
        glBindTexture(GL_TEXTURE_2D, id);
        // Mipmaps: course images are usually drawn smaller than their pixel size, and plain
        // bilinear minification would shimmer and alias.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        glTexImage2D(GL_TEXTURE_2D, 0, n == 3 ? GL_RGB8 : GL_RGBA8, image.width, image.height, 0, n == 3 ? GL_RGB : GL_RGBA,
                     GL_UNSIGNED_BYTE, image.pixels.get());
        glGenerateMipmap(GL_TEXTURE_2D);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
        image.pixels.reset();  // GL has its own copy now
        if (glGetError() != GL_NO_ERROR) {
            glDeleteTextures(1, &id);
            entry.error = path + ": the GPU refused the texture";
        } else {
            entry.texture.id = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(id));
            entry.texture.width = image.full_width;
            entry.texture.height = image.full_height;
            entry.bytes = bytes;
            m->texture_bytes += bytes;
        }
    } else {
        entry.error = path + ": " + entry.error;
    }
    if (error) *error = entry.error;
    if (entry.texture.ok()) m->Wake();
    m->textures[path] = entry;
    return entry.texture;
}

void Platform::Impl::EvictTextures(size_t incoming) {
    while (texture_bytes + incoming > kTextureBudget) {
        auto oldest = textures.end();
        for (auto it = textures.begin(); it != textures.end(); ++it)
            if (it->second.bytes > 0 && it->second.last_used < frame_number &&
                (oldest == textures.end() || it->second.last_used < oldest->second.last_used))
                oldest = it;
        if (oldest == textures.end()) return;  // all drawn this frame: they stay
        GLuint id = static_cast<GLuint>(reinterpret_cast<intptr_t>(oldest->second.texture.id));
        glDeleteTextures(1, &id);
        texture_bytes -= oldest->second.bytes;
        textures.erase(oldest);  // loaded again if its page is shown again
    }
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

bool Platform::SaveScreenshot(const std::string& png_path, std::string* error) {
    ImDrawData* draw_data = m->window && m->frame_rendered ? ImGui::GetDrawData() : nullptr;
    if (!draw_data || !draw_data->Valid) {
        if (error) *error = "no frame to capture: call after EndFrame";
        return false;
    }
    return WriteWindowPng(m->window, draw_data, png_path, error);
}

bool Platform::SaveSecondScreenshot(const std::string& png_path, std::string* error) {
    if (!m->second.window || !m->second.rendered) {
        if (error) *error = "no second window frame to capture";
        return false;
    }
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(m->second.window);
    ImGui::SetCurrentContext(m->second.context);
    bool ok = WriteWindowPng(m->second.window, ImGui::GetDrawData(), png_path, error);
    ImGui::SetCurrentContext(main_context);
    glfwMakeContextCurrent(m->window);
    return ok;
}

int Platform::MonitorCount() const {
    int count = 0;
    glfwGetMonitors(&count);
    return count;
}

bool Platform::HasSecondWindow() const { return m->second.window != nullptr; }

void Platform::CloseSecondWindow() { m->CloseSecond(); }

bool Platform::OpenSecondWindow(const std::string& title, float text_scale, std::string* error) {
    if (!m->window) {
        if (error) *error = "OpenSecondWindow before Init";
        return false;
    }
    if (m->second.window) return true;
    // The monitor the main window is not on (by its centre), if any.
    int wx = 0, wy = 0, ww = 0, wh = 0;
    glfwGetWindowPos(m->window, &wx, &wy);
    glfwGetWindowSize(m->window, &ww, &wh);
    int cx = wx + ww / 2, cy = wy + wh / 2;
    int count = 0;
    GLFWmonitor** monitors = glfwGetMonitors(&count);
    GLFWmonitor* other = nullptr;
    for (int i = 0; i < count && !other; ++i) {
        int mx = 0, my = 0, mw = 0, mh = 0;
        glfwGetMonitorWorkarea(monitors[i], &mx, &my, &mw, &mh);
        bool holds_main = cx >= mx && cx < mx + mw && cy >= my && cy < my + mh;
        if (!holds_main) other = monitors[i];
    }
    int x = wx + ww + 16, y = wy, w = 560, h = wh > 0 ? wh : 800;
    if (other) {
        glfwGetMonitorWorkarea(other, &x, &y, &w, &h);
    } else if (count > 0) {
        // One monitor: beside the room's window would be off the screen when that window fills
        // it, and with no window manager nothing would move it back. Keep it wholly on screen.
        GLFWmonitor* here = monitors[0];
        for (int i = 0; i < count; ++i) {
            int mx = 0, my = 0, mw = 0, mh = 0;
            glfwGetMonitorWorkarea(monitors[i], &mx, &my, &mw, &mh);
            if (cx >= mx && cx < mx + mw && cy >= my && cy < my + mh) here = monitors[i];
        }
        ScreenRect area;
        glfwGetMonitorWorkarea(here, &area.x, &area.y, &area.w, &area.h);
        ScreenRect placed = FitOnMonitor({x, y, w, h}, area);
        x = placed.x, y = placed.y, w = placed.w, h = placed.h;
    }
    glfwDefaultWindowHints();
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);  // the keyboard stays with the room's window
    GLFWwindow* window = glfwCreateWindow(w, h, title.c_str(), nullptr, m->window);
    if (!window) {
        if (error) *error = "cannot create the notes window: " + g_glfw_error;
        return false;
    }
    glfwSetWindowPos(window, x, y);
    if (other) glfwMaximizeWindow(window);
    glfwShowWindow(window);
    glfwSetWindowUserPointer(window, m.get());
    // Keys typed here join the main window's queue and drive its UI: the presenter turns pages
    // from whichever window has the keyboard.
    glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int) { Impl::From(w)->QueueKey(key, action); });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int c) { Impl::From(w)->QueueChar(c); });
    glfwSetScrollCallback(window, [](GLFWwindow* w, double, double dy) {
        Impl* impl = Impl::From(w);
        impl->second.scroll += static_cast<float>(dy);
        impl->Wake();
    });
    glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { Impl::From(w)->Wake(); });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { Impl::From(w)->Wake(); });
    glfwSetWindowCloseCallback(window, [](GLFWwindow* w) { Impl::From(w)->Wake(); });

    ImGuiContext* main_context = ImGui::GetCurrentContext();
    m->second.window = window;
    m->second.atlas = std::make_unique<ImFontAtlas>();
    m->second.context = ImGui::CreateContext(m->second.atlas.get());
    ImGui::SetCurrentContext(m->second.context);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(0);  // one vsync wait a frame is the main window's
    bool ok = ImGui_ImplOpenGL3_Init("#version 330 core");
    ImGui::SetCurrentContext(main_context);
    glfwMakeContextCurrent(m->window);
    if (!ok) {
        m->CloseSecond();
        if (error) *error = "ImGui OpenGL3 backend failed for the notes window";
        return false;
    }
    return BuildSecondFonts(text_scale, error);
}

bool Platform::BuildSecondFonts(float text_scale, std::string* error) {
    if (!m->second.window) return false;
    float scale = 1.0f, scale_y = 1.0f;
    glfwGetWindowContentScale(m->second.window, &scale, &scale_y);
    if (!(scale > 0.0f)) scale = 1.0f;
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    ImGui::SetCurrentContext(m->second.context);
    glfwMakeContextCurrent(m->second.window);
    bool ok = BuildFontAtlas(m->second.atlas.get(), ClampTextScale(text_scale) * scale, m->glyphs,
                             &m->second.fonts, error);
    ImGui::GetIO().FontDefault = m->second.fonts.ui;
    UploadFontAtlas(m->second.device_objects, &m->second.font_texture);
    m->second.device_objects = true;
    m->second.atlas->ClearTexData();
    ImGui::SetCurrentContext(main_context);
    glfwMakeContextCurrent(m->window);
    m->Wake();
    return ok;
}

bool Platform::DrawSecondWindow(const std::function<void(const FontSet&)>& draw) {
    if (!m->second.window) return false;
    if (glfwWindowShouldClose(m->second.window)) {
        m->CloseSecond();
        return false;
    }
    ImGuiContext* main_context = ImGui::GetCurrentContext();
    glfwMakeContextCurrent(m->second.window);
    ImGui::SetCurrentContext(m->second.context);
    ImGuiIO& io = ImGui::GetIO();
    int w = 0, h = 0, fw = 0, fh = 0;
    glfwGetWindowSize(m->second.window, &w, &h);
    glfwGetFramebufferSize(m->second.window, &fw, &fh);
    io.DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
    if (w > 0 && h > 0) io.DisplayFramebufferScale = ImVec2(static_cast<float>(fw) / w, static_cast<float>(fh) / h);
    double now = glfwGetTime();
    io.DeltaTime = m->second.last_time > 0.0 && now > m->second.last_time ? static_cast<float>(now - m->second.last_time) : 1.0f / 60.0f;
    m->second.last_time = now;
    double mx = -1, my = -1;
    if (glfwGetWindowAttrib(m->second.window, GLFW_HOVERED)) glfwGetCursorPos(m->second.window, &mx, &my);
    io.MousePos = mx >= 0 ? ImVec2(static_cast<float>(mx), static_cast<float>(my)) : ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseWheel = m->second.scroll;
    m->second.scroll = 0.0f;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    draw(m->second.fonts);
    ImGui::Render();
    glViewport(0, 0, fw, fh);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(m->second.window);
    m->second.rendered = true;
    ImGui::SetCurrentContext(main_context);
    glfwMakeContextCurrent(m->window);
    return true;
}

namespace {

// Redraws `draw_data` into the back buffer of the current GL context's window, exactly as the
// frame was drawn, and reads it there.
bool WriteWindowPng(GLFWwindow* window, ImDrawData* draw_data, const std::string& png_path, std::string* error) {
    auto fail = [&](const std::string& message) {
        if (error) *error = message;
        return false;
    };
    if (!draw_data || !draw_data->Valid) return fail("no frame to capture");
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    if (width <= 0 || height <= 0) return fail("the window has no pixels (minimised?)");

    // Redraw the last frame into the back buffer, exactly as EndFrame did, and read it there.
    glViewport(0, 0, width, height);
    const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(draw_data);

    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 4);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    if (glGetError() != GL_NO_ERROR) return fail("glReadPixels failed");

    // GL's origin is bottom-left, PNG's top-left; and the framebuffer's alpha is not meant to
    // be seen (ImGui's blending leaves it below 255 in places), so the PNG is RGB.
    const size_t in_row = static_cast<size_t>(width) * 4, row = static_cast<size_t>(width) * 3;
    std::vector<unsigned char> flipped(row * static_cast<size_t>(height));
    for (int y = 0; y < height; ++y) {
        const unsigned char* in = &pixels[(height - 1 - y) * in_row];
        unsigned char* out = &flipped[y * row];
        for (int x = 0; x < width; ++x, in += 4, out += 3) {
            out[0] = in[0];
            out[1] = in[1];
            out[2] = in[2];
        }
    }
    // No row filter, instead of stb's default of trying all five on every row: a screen of text
    // on flat colour compresses as well unfiltered (the file came out 22% smaller here) and
    // encoding takes ~22 ms instead of ~85 for 1280x800, which was a third of a --screenshot run.
    stbi_write_force_png_filter = 0;

    std::string png;
    int encoded = stbi_write_png_to_func(
        [](void* context, void* data, int size) { static_cast<std::string*>(context)->append(static_cast<const char*>(data), size); },
        &png, width, height, 3, flipped.data(), static_cast<int>(row));
    if (!encoded) return fail("cannot encode PNG for " + png_path);
    // Atomically, never through a symlink planted at the name, never over a FIFO or device.
    os::WriteOptions options;
    options.mode = 0644;
    options.keep_existing_mode = true;
    if (os::WriteResult w = os::WriteFileAtomically(png_path, png, options); !w) return fail(os::Describe(w.error()));
    return true;
}

}  // namespace

}  // namespace lectern::platform

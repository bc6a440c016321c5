// The floor for Lectern's start-up and idle costs: a bare GLFW + Dear ImGui window with the same
// context flags, loader and backends as engine/platform, ImGui's default font and one line of
// text. tests/perf/measure_startup.sh compares lectern against it.
//
//   baseline_window                     opens the window; waits for events like lectern does
//   baseline_window --first-frame-exit  prints "first-frame-ms N" (process start to the first
//                                       frame swapped) and exits, as `lectern --first-frame-exit`
#include <glad/gl.h>  // before GLFW (GLFW_INCLUDE_NONE)
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstring>

#include "platform/process_clock.h"

int main(int argc, char** argv) {
    bool first_frame_exit = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--first-frame-exit") == 0) {
            first_frame_exit = true;
        } else {
            std::fprintf(stderr, "usage: baseline_window [--first-frame-exit]\n");
            return 2;
        }
    }

    glfwSetErrorCallback([](int, const char* description) {
        std::fprintf(stderr, "baseline_window: %s\n", description);
    });
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "Lectern baseline", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    if (gladLoadGL(glfwGetProcAddress) == 0) return 1;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    // Same idle policy as the platform layer: a few frames after start-up or any event, then
    // wait. (The ImGui backend's callbacks do not tell us about events, so any wake-up counts.)
    int frames_left = 3;
    while (!glfwWindowShouldClose(window)) {
        if (frames_left > 0) {
            glfwPollEvents();
            --frames_left;
        } else {
            glfwWaitEvents();
            frames_left = 3;
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("baseline", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::Text("Lectern start-up baseline: GLFW + Dear ImGui %s", IMGUI_VERSION);
        ImGui::End();
        ImGui::Render();

        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);

        if (first_frame_exit) {
            std::printf("first-frame-ms %.1f\n", lectern::platform::MsSinceProcessStart());
            break;
        }
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}

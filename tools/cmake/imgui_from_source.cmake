# Dear ImGui built from Debian's source package (tools/fetch-debian-source unpacks it; tools/setup
# runs that) with our own configuration header, instead of Debian's libimgui-dev. Why: Debian's
# build uses 16-bit ImWchar, so nothing above U+FFFF (emoji, rare Han characters) can reach the
# font atlas; and its assertions abort, which takes a kiosk learner's session down on a UI slip.
# Reusable by any toolchain (the Windows cross build calls it with its own GLFW):
#
#   lectern_add_imgui(<target> SOURCE_DIR <unpacked imgui source>
#                     [BACKENDS glfw opengl3 ...]      # backends/imgui_impl_<name>.cpp
#                     [FREETYPE <freetype target>]     # adds misc/freetype/imgui_freetype.cpp
#                     [LINK <targets the backends need>...])
#
# Gives a static library whose users include <imgui.h>, <imgui_internal.h>, <imgui_stdlib.h>,
# <imgui_freetype.h> and <backends/imgui_impl_*.h>, all compiled with
# tools/cmake/imgui/lectern_imconfig.h (IMGUI_USER_CONFIG is a PUBLIC definition, so every user sees
# the same ImWchar). The stb headers imgui_draw.cpp uses come from the same source package.
set(LECTERN_IMGUI_CONFIG_DIR ${CMAKE_CURRENT_LIST_DIR}/imgui)

function(lectern_add_imgui target)
  cmake_parse_arguments(ARG "" "SOURCE_DIR;FREETYPE" "BACKENDS;LINK" ${ARGN})
  set(dir ${ARG_SOURCE_DIR})
  if(NOT EXISTS "${dir}/imgui.h" OR NOT EXISTS "${dir}/imgui_draw.cpp")
    message(FATAL_ERROR "Dear ImGui's source is not in '${dir}'. Run tools/setup, which fetches "
                        "Debian's imgui source package there (tools/fetch-debian-source), or set "
                        "LECTERN_IMGUI_SOURCE_DIR to an unpacked copy of it.")
  endif()
  file(STRINGS "${dir}/imgui.h" version_line REGEX "^#define IMGUI_VERSION +\"")
  if(NOT version_line MATCHES "\"1\\.86\"")
    # Lectern's UI is written against 1.86's API (io.KeysDown, no AddKeyEvent, ...).
    message(FATAL_ERROR "${dir}/imgui.h is not Dear ImGui 1.86: ${version_line}")
  endif()

  set(sources ${dir}/imgui.cpp ${dir}/imgui_draw.cpp ${dir}/imgui_tables.cpp ${dir}/imgui_widgets.cpp
              ${dir}/misc/cpp/imgui_stdlib.cpp
              ${LECTERN_IMGUI_CONFIG_DIR}/lectern_imgui_assert.cpp)
  foreach(backend ${ARG_BACKENDS})
    list(APPEND sources ${dir}/backends/imgui_impl_${backend}.cpp)
  endforeach()
  if(ARG_FREETYPE)
    list(APPEND sources ${dir}/misc/freetype/imgui_freetype.cpp)
  endif()

  add_library(${target} STATIC ${sources})
  # SYSTEM: their headers' warnings are not ours to fix; -w: nor are their sources'.
  target_include_directories(${target} SYSTEM PUBLIC ${dir} ${dir}/misc/cpp ${dir}/misc/freetype
                             ${LECTERN_IMGUI_CONFIG_DIR})
  target_compile_options(${target} PRIVATE -w)
  target_compile_definitions(${target} PUBLIC IMGUI_USER_CONFIG="lectern_imconfig.h")
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  if(ARG_FREETYPE)
    target_link_libraries(${target} PUBLIC ${ARG_FREETYPE})
  endif()
  target_link_libraries(${target} PUBLIC ${ARG_LINK})
endfunction()

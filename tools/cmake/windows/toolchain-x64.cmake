# Cross-compiling Lectern for 64-bit Windows with Debian's MinGW-w64 (GCC 12). The -posix
# compilers have std::thread and std::mutex. Libraries come from LECTERN_WINDOWS_PREFIX, which
# tools/build-windows fills from Debian's source packages; nothing from the Linux system is used.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

if(NOT LECTERN_WINDOWS_PREFIX)
  set(LECTERN_WINDOWS_PREFIX "$ENV{LECTERN_WINDOWS_PREFIX}")
endif()
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${LECTERN_WINDOWS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config sees only the cross prefix, and --static adds each library's private dependencies
# (static archives carry no list of what they need).
set(ENV{PKG_CONFIG_LIBDIR} "${LECTERN_WINDOWS_PREFIX}/lib/pkgconfig:${LECTERN_WINDOWS_PREFIX}/share/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(PKG_CONFIG_ARGN --static)

# Static libraries on Windows must not be declared dllimport by their headers.
set(CMAKE_C_FLAGS_INIT "-DSODIUM_STATIC -DUTF8PROC_STATIC -DFRIBIDI_LIB_STATIC -DXML_STATIC")
set(CMAKE_CXX_FLAGS_INIT "-DSODIUM_STATIC -DUTF8PROC_STATIC -DFRIBIDI_LIB_STATIC -DXML_STATIC")
# One .exe with no DLL beside it that Windows does not ship.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")

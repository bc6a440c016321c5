#!/usr/bin/env bash
# Builds Lectern's libraries for 64-bit Windows from Debian's source packages, once, into
# $CACHE/prefix (static archives, headers, pkg-config files). Called by tools/build-windows.
# (Dear ImGui is not here: Lectern's own CMake builds it from its Debian source, on every system,
# with tools/cmake/imgui_from_source.cmake.)
#
# Sources come from `apt-get source` with a private sources.list inside $CACHE, so the system's
# apt configuration is untouched. Each upstream tarball's SHA-256 is checked against the signed
# Sources index before it is unpacked. Only the upstream tarballs are used (no Debian patches):
# the mirror does not always hold the Debian part, and the patches are Linux packaging.
# Each library has a stamp named for its version and this script's hash: a change rebuilds it.
set -euo pipefail

CACHE=${1:?usage: build-deps.sh CACHE_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
JOBS=${LECTERN_JOBS:-2}
PREFIX=$CACHE/prefix
SRC=$CACHE/src
WORK=$CACHE/work
HOST=x86_64-w64-mingw32
mkdir -p "$CACHE/apt/lists/partial" "$SRC" "$WORK" "$PREFIX/lib/pkgconfig" "$PREFIX/include"

# package=version: bookworm's, except libunibreak, whose bookworm source (1.1) the Debian
# mirror no longer serves; trixie's 6.1 has the same API (set_linebreaks_utf8).
PACKAGES=(
    glfw3=3.3.8-1 tinyxml2=9.0.0+dfsg-3.1 sqlite3=3.40.1-2+deb12u2 libsodium=1.0.18-1+deb12u1
    freetype=2.12.1+dfsg-5+deb12u4 harfbuzz=6.0.0+dfsg-3 fribidi=1.0.8-2.1
    libdatrie=0.2.13-2 libthai=0.1.29-1 libunibreak=6.1-3 utf8proc=2.8.0-1 expat=2.5.0-1+deb12u2
    fontconfig=2.14.1-4 nlohmann-json3=3.11.2-2 re2=20220601+dfsg-1 cli11=2.1.2+ds-1
)

APT_OPTS=(-o "Dir::Etc::SourceList=$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/nonexistent \
          -o "Dir::State::Lists=$CACHE/apt/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
          -o APT::Sandbox::User=root)
keyring=$(sed -n 's/^Signed-By: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
keyring=${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}
cat > "$CACHE/apt/sources.list" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb-src [signed-by=$keyring] http://deb.debian.org/debian trixie main
EOF

# Bump RECIPES when a build recipe below changes in a way that needs the libraries rebuilt (the
# key leaves this script out, so that editing one recipe does not rebuild all fifteen).
RECIPES=1
stamp_key=$(echo "$RECIPES" | cat - "$HERE"/toolchain-x64.cmake "$HERE"/meson-cross-x64.txt | sha256sum | cut -c1-12)
log() { echo "build-windows: $*"; }

# The upstream tarball (or tarballs) of pkg=version with their SHA-256 from the Sources index.
orig_files() {
    local pkg=${1%%=*} ver=${1#*=}
    # Quiet: before the first `apt-get update` into $CACHE/apt there is no index to ask yet.
    apt-cache "${APT_OPTS[@]}" showsrc "$pkg" 2>/dev/null | awk -v ver="$ver" '
        /^Package:/ { inrec = 0 } /^Version:/ { inrec = ($2 == ver) }
        inrec && /^Checksums-Sha256:/ { insum = 1; next } /^[A-Z]/ { insum = 0 }
        inrec && insum && $3 ~ /\.orig(-[a-z0-9]+)?\.tar\./ && $3 !~ /\.asc$/ { print $1, $3 }'
}

fetch_sources() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        [ -n "$(orig_files "$p")" ] || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ] || [ ! -d "$CACHE/apt/lists" ] || [ -z "$(ls "$CACHE/apt/lists")" ]; then
        log "reading Debian's source index into $CACHE/apt"
        apt-get "${APT_OPTS[@]}" update -qq
    fi
    for p in "${PACKAGES[@]}"; do
        local lines
        lines=$(orig_files "$p")
        [ -n "$lines" ] || { echo "build-windows: no source $p in Debian's index" >&2; exit 1; }
        while read -r sum file; do
            if [ ! -f "$SRC/$file" ] || ! echo "$sum  $SRC/$file" | sha256sum -c --quiet - 2>/dev/null; then
                log "apt-get source $p"
                # The Debian part may be missing on the mirror; only the upstream tarball is used.
                (cd "$SRC" && apt-get "${APT_OPTS[@]}" source --download-only -qq "$p" >/dev/null 2>&1) || true
            fi
            [ -f "$SRC/$file" ] || { echo "build-windows: apt-get source $p did not fetch $file" >&2; exit 1; }
            echo "$sum  $SRC/$file" | sha256sum -c --quiet - ||
                { echo "build-windows: $file does not match Debian's SHA-256 $sum" >&2; exit 1; }
        done <<< "$lines"
    done
}

# Unpacks the main upstream tarball of pkg into a fresh $WORK/pkg and prints that folder.
unpack() {
    local file
    file=$(orig_files "$1" | awk '$2 !~ /\.orig-/ { print $2 }' | head -1)
    rm -rf "${WORK:?}/${1%%=*}" && mkdir -p "$WORK/${1%%=*}"
    tar xf "$SRC/$file" -C "$WORK/${1%%=*}" --strip-components=1
    echo "$WORK/${1%%=*}"
}

CMAKE_CROSS=(-G Ninja -DCMAKE_TOOLCHAIN_FILE="$HERE/toolchain-x64.cmake" -DLECTERN_WINDOWS_PREFIX="$PREFIX" \
             -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
             -DCMAKE_INSTALL_LIBDIR=lib)
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig:$PREFIX/share/pkgconfig PKG_CONFIG_PATH=
CONF_CROSS=(--host=$HOST --prefix="$PREFIX" --libdir="$PREFIX/lib" --enable-static --disable-shared)
export CC=$HOST-gcc-posix CXX=$HOST-g++-posix AR=$HOST-ar RANLIB=$HOST-ranlib

cmake_build() {  # source folder, then -D options
    local src=$1; shift
    cmake -S "$src" -B "$src/_build" "${CMAKE_CROSS[@]}" "$@" >/dev/null
    cmake --build "$src/_build" -j "$JOBS" >/dev/null
    cmake --install "$src/_build" >/dev/null
}

build_one() {
    local p=$1 name=${1%%=*} d
    local stamp="$PREFIX/.stamp-$name-${1#*=}-$stamp_key"
    [ -f "$stamp" ] && return 0
    local t0=$SECONDS
    log "building $name for Windows"
    d=$(unpack "$p")
    case $name in
    glfw3) cmake_build "$d" -DGLFW_BUILD_EXAMPLES=OFF -DGLFW_BUILD_TESTS=OFF -DGLFW_BUILD_DOCS=OFF ;;
    tinyxml2) cmake_build "$d" -Dtinyxml2_BUILD_TESTING=OFF ;;
    utf8proc) cmake_build "$d" -DUTF8PROC_ENABLE_TESTING=OFF ;;
    expat) cmake_build "$d/expat" -DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF \
           -DEXPAT_BUILD_DOCS=OFF -DEXPAT_SHARED_LIBS=OFF ;;
    nlohmann-json3) cmake_build "$d" -DJSON_BuildTests=OFF -DJSON_Install=ON ;;
    # Text answers' patterns (engine/course/answer_pattern.cpp); bookworm's re2 needs no abseil.
    # Debian's tarball leaves out the generated tables: they are made again, as Debian's build
    # does, from the Unicode data of Debian's unicode-data package (never downloaded).
    re2) (cd "$d" && sed -i 's|^_UNICODE_DIR = .*|_UNICODE_DIR = "/usr/share/unicode"|' re2/unicode.py &&
          perl re2/make_perl_groups.pl > re2/perl_groups.cc &&
          python3 re2/make_unicode_casefold.py > re2/unicode_casefold.cc &&
          python3 re2/make_unicode_groups.py > re2/unicode_groups.cc)
         cmake_build "$d" -DRE2_BUILD_TESTING=OFF -DBUILD_SHARED_LIBS=OFF
         printf 'prefix=%s\nName: re2\nDescription: RE2\nVersion: 20220601\nLibs: -L${prefix}/lib -lre2\nCflags: -I${prefix}/include\n' \
             "$PREFIX" > "$PREFIX/lib/pkgconfig/re2.pc" ;;
    # The command line (engine/cli): header-only; its CMake install gives find_package(CLI11).
    cli11) cmake_build "$d" -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF -DCLI11_BUILD_DOCS=OFF ;;
    freetype) cmake_build "$d" -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON \
              -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON ;;
    harfbuzz) (cd "$d" && meson setup _build --wrap-mode=nodownload --cross-file "$HERE/meson-cross-x64.txt" --prefix "$PREFIX" \
                  --libdir lib --default-library static --buildtype release -Dfreetype=enabled -Dglib=disabled \
                  -Dgobject=disabled -Dcairo=disabled -Dicu=disabled -Dgraphite2=disabled -Dtests=disabled \
                  -Ddocs=disabled -Dintrospection=disabled -Dchafa=disabled -Dbenchmark=disabled >/dev/null &&
               ninja -C _build -j "$JOBS" >/dev/null && meson install -C _build >/dev/null) ;;
    fribidi) (cd "$d" && meson setup _build --wrap-mode=nodownload --cross-file "$HERE/meson-cross-x64.txt" --prefix "$PREFIX" \
                 --libdir lib --default-library static --buildtype release -Ddocs=false \
                 >/dev/null &&
              ninja -C _build -j "$JOBS" >/dev/null && meson install -C _build >/dev/null) ;;
    fontconfig)
        # Built with its Windows defaults: fonts.conf beside the program says where fonts are.
        (cd "$d" && meson setup _build --wrap-mode=nodownload --cross-file "$HERE/meson-cross-x64.txt" --prefix "$PREFIX" \
             --libdir lib --default-library static --buildtype release -Ddoc=disabled -Dtests=disabled -Dbaseconfig-dir=etc/fonts \
             -Dtools=disabled -Dcache-build=disabled -Dnls=disabled >/dev/null &&
         ninja -C _build -j "$JOBS" >/dev/null && meson install -C _build >/dev/null) ;;
    libsodium)
        (cd "$d" && ./autogen.sh -s >/dev/null 2>&1 && ./configure "${CONF_CROSS[@]}" --disable-ssp >/dev/null &&
         make -j "$JOBS" >/dev/null && make install >/dev/null) ;;
    libdatrie)
        # Its configure insists on iconv (for the trietool program, which MinGW lacks); the
        # library itself is seven C files.
        (cd "$d" && for c in datrie/*.c; do $CC -O2 -I. -c "$c" -o "${c%.c}.o"; done &&
         $AR rcs "$PREFIX/lib/libdatrie.a" datrie/*.o && mkdir -p "$PREFIX/include/datrie" &&
         cp datrie/alpha-map.h datrie/trie.h datrie/triedefs.h datrie/typedefs.h "$PREFIX/include/datrie/")
        printf 'prefix=%s\nName: datrie\nDescription: double-array trie\nVersion: 0.2.13\nLibs: -L${prefix}/lib -ldatrie\nCflags: -I${prefix}/include\n' \
            "$PREFIX" > "$PREFIX/lib/pkgconfig/datrie-0.2.pc" ;;
    libthai)
        # No dictionary: building it runs the Windows trietool; the zip carries Debian's
        # architecture-independent thbrk.tri instead (libthai-data).
        (cd "$d" && ./configure "${CONF_CROSS[@]}" --disable-dict --disable-doxygen-doc >/dev/null &&
         make -C src -j "$JOBS" >/dev/null && make -C src install >/dev/null &&
         make -C include install >/dev/null && make install-pkgconfigDATA >/dev/null) ;;
    libunibreak)
        # Its release tarball has no configure; the library is a handful of C files.
        (cd "$d/src" && local_srcs="unibreakbase.c unibreakdef.c linebreak.c linebreakdata.c linebreakdef.c
            emojidef.c graphemebreak.c wordbreak.c eastasianwidthdef.c" &&
         for c in $local_srcs; do $CC -O2 -c "$c" -o "${c%.c}.o"; done &&
         $AR rcs libunibreak.a ./*.o && cp libunibreak.a "$PREFIX/lib/" &&
         cp unibreakbase.h unibreakdef.h linebreak.h linebreakdef.h wordbreak.h graphemebreak.h \
            eastasianwidthdef.h emojidef.h "$PREFIX/include/")
        printf 'prefix=%s\nName: libunibreak\nDescription: UAX 14 and 29\nVersion: 6.1\nLibs: -L${prefix}/lib -lunibreak\nCflags: -I${prefix}/include\n' \
            "$PREFIX" > "$PREFIX/lib/pkgconfig/libunibreak.pc" ;;
    sqlite3)
        # The amalgamation is generated on the build machine (tclsh), then cross-compiled.
        (cd "$d" && mkdir -p _native && cd _native && CC=gcc ../configure --disable-tcl >/dev/null &&
         make sqlite3.c >/dev/null &&
         $CC -O2 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_FTS5 -c sqlite3.c -o sqlite3.o &&
         $AR rcs "$PREFIX/lib/libsqlite3.a" sqlite3.o && cp sqlite3.h sqlite3ext.h "$PREFIX/include/")
        printf 'prefix=%s\nName: sqlite3\nDescription: SQLite\nVersion: 3.40.1\nLibs: -L${prefix}/lib -lsqlite3\nCflags: -I${prefix}/include\n' \
            "$PREFIX" > "$PREFIX/lib/pkgconfig/sqlite3.pc" ;;
    esac
    touch "$stamp"
    log "built $name in $((SECONDS - t0)) s"
}

# A warm cache (every library's stamp there) needs no source index: asking apt for sixteen
# packages' checksums took 20 s of every run.
all_built=1
for p in "${PACKAGES[@]}"; do
    [ -f "$PREFIX/.stamp-${p%%=*}-${p#*=}-$stamp_key" ] || all_built=0
done
[ "$all_built" = 1 ] || fetch_sources
# What the core library and the command-line tools need first, then the GUI's libraries.
# LECTERN_WINDOWS_DEPS="name ..." builds only those (for example the core's, to test it alone).
order=(tinyxml2 sqlite3 libsodium utf8proc libdatrie libthai libunibreak nlohmann-json3 re2 cli11 expat freetype
       fontconfig harfbuzz fribidi glfw3)
[ -n "${LECTERN_WINDOWS_DEPS:-}" ] && read -r -a order <<< "$LECTERN_WINDOWS_DEPS"
for name in "${order[@]}"; do
    for p in "${PACKAGES[@]}"; do [ "${p%%=*}" = "$name" ] && build_one "$p"; done
done

# GoogleTest from Debian's googletest package, which ships its full sources.
if [ ! -f "$PREFIX/.stamp-googletest-$stamp_key" ]; then
    log "building GoogleTest for Windows"
    rm -rf "$WORK/googletest" && cp -r /usr/src/googletest "$WORK/googletest"
    cmake_build "$WORK/googletest" -Dgtest_disable_pthreads=OFF
    touch "$PREFIX/.stamp-googletest-$stamp_key"
fi
# stb is header-only (Debian's libstb-dev, installed by tools/setup); Linux links Debian's
# libstb.so for the implementations, so Windows compiles them from the same headers, with file
# names read as UTF-8 (STBI_WINDOWS_UTF8: _wfopen, not the ANSI fopen).
if [ ! -f "$PREFIX/.stamp-stb-$stamp_key" ]; then
    log "building stb for Windows"
    rm -rf "$PREFIX/include/stb" && cp -r /usr/include/stb "$PREFIX/include/stb"
    printf '#define STBI_WINDOWS_UTF8\n#define STBIW_WINDOWS_UTF8\n#define STB_IMAGE_IMPLEMENTATION\n#define STB_IMAGE_WRITE_IMPLEMENTATION\n#define STB_IMAGE_RESIZE_IMPLEMENTATION\n#include <stb_image.h>\n#include <stb_image_write.h>\n#include <stb_image_resize.h>\n' > "$WORK/stb.c"
    $CC -O2 -I"$PREFIX/include/stb" -c "$WORK/stb.c" -o "$WORK/stb.o" && $AR rcs "$PREFIX/lib/libstb.a" "$WORK/stb.o"
    printf 'prefix=%s\nName: stb\nDescription: stb\nVersion: 0.0\nLibs: -L${prefix}/lib -lstb\nCflags: -I${prefix}/include/stb -I${prefix}/include\n' \
        "$PREFIX" > "$PREFIX/lib/pkgconfig/stb.pc"
    touch "$PREFIX/.stamp-stb-$stamp_key"
fi

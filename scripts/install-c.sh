#!/usr/bin/env bash
# Installs liblinmux for C and C++ users:
#   <prefix>/lib/liblinmux.so.<version> (SONAME liblinmux.so.0) + links, liblinmux.a
#   <prefix>/include/linmux.h, linmux/cblas.h, linmux/lapacke.h
#   <prefix>/lib/pkgconfig/linmux.pc
#   <prefix>/lib/cmake/linmux/linmuxConfig.cmake (+ ConfigVersion): find_package(linmux) -> linmux::linmux
#
# Usage: scripts/install-c.sh PREFIX=/usr/local     (or PREFIX=... in the environment)
# Environment: PROFILE=release (cargo profile built first; "dev" for debug),
#              LIB_DIR=<dir holding liblinmux.so/.a> to install an existing build
#              without building (the tests do this).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for arg in "$@"; do
    case "$arg" in
        PREFIX=*) PREFIX="${arg#PREFIX=}" ;;
        *) echo "install-c: unknown argument $arg (use PREFIX=...)" >&2; exit 2 ;;
    esac
done
: "${PREFIX:?install-c: give PREFIX=<install prefix>}"
mkdir -p "$PREFIX"
PREFIX="$(cd "$PREFIX" && pwd)"
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$repo/Cargo.toml")"
major="${version%%.*}"

if [ -z "${LIB_DIR:-}" ]; then
    profile="${PROFILE:-release}"
    (cd "$repo" && cargo build -q -p linmux-ffi --profile "$profile")
    dir="$profile"; [ "$profile" = dev ] && dir=debug
    LIB_DIR="${CARGO_TARGET_DIR:-$repo/target}/$dir"
fi
[ -f "$LIB_DIR/liblinmux.so" ] || { echo "install-c: no liblinmux.so in $LIB_DIR" >&2; exit 1; }

install -d "$PREFIX/lib/pkgconfig" "$PREFIX/lib/cmake/linmux" "$PREFIX/include/linmux"
install -m 0755 "$LIB_DIR/liblinmux.so" "$PREFIX/lib/liblinmux.so.$version"
ln -sf "liblinmux.so.$version" "$PREFIX/lib/liblinmux.so.$major"
ln -sf "liblinmux.so.$major" "$PREFIX/lib/liblinmux.so"
[ -f "$LIB_DIR/liblinmux.a" ] && install -m 0644 "$LIB_DIR/liblinmux.a" "$PREFIX/lib/liblinmux.a"
install -m 0644 "$repo/include/linmux.h" "$PREFIX/include/linmux.h"
install -m 0644 "$repo/include/linmux/cblas.h" "$repo/include/linmux/lapacke.h" "$PREFIX/include/linmux/"

cat > "$PREFIX/lib/pkgconfig/linmux.pc" <<PC
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: linmux
Description: Multi-backend linear algebra (OpenBLAS, MKL, BLIS, Netlib, faer) chosen at run time; CBLAS and LAPACKE compatible
Version: $version
Libs: -L\${libdir} -llinmux
Libs.private: -lpthread -ldl -lm
Cflags: -I\${includedir}
PC

cat > "$PREFIX/lib/cmake/linmux/linmuxConfig.cmake" <<'CM'
# find_package(linmux) -> the imported target linmux::linmux
get_filename_component(_linmux_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
if(NOT TARGET linmux::linmux)
  add_library(linmux::linmux SHARED IMPORTED)
  set_target_properties(linmux::linmux PROPERTIES
    IMPORTED_LOCATION "${_linmux_prefix}/lib/liblinmux.so"
    IMPORTED_SONAME "liblinmux.so.0"
    INTERFACE_INCLUDE_DIRECTORIES "${_linmux_prefix}/include")
endif()
if(NOT TARGET linmux::linmux_static AND EXISTS "${_linmux_prefix}/lib/liblinmux.a")
  add_library(linmux::linmux_static STATIC IMPORTED)
  set_target_properties(linmux::linmux_static PROPERTIES
    IMPORTED_LOCATION "${_linmux_prefix}/lib/liblinmux.a"
    INTERFACE_INCLUDE_DIRECTORIES "${_linmux_prefix}/include"
    INTERFACE_LINK_LIBRARIES "pthread;dl;m")
endif()
set(linmux_FOUND TRUE)
CM

cat > "$PREFIX/lib/cmake/linmux/linmuxConfigVersion.cmake" <<CV
set(PACKAGE_VERSION "$version")
if(PACKAGE_FIND_VERSION VERSION_GREATER PACKAGE_VERSION)
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
elseif(PACKAGE_FIND_VERSION_MAJOR STREQUAL "$major")
  set(PACKAGE_VERSION_COMPATIBLE TRUE)
  if(PACKAGE_FIND_VERSION STREQUAL PACKAGE_VERSION)
    set(PACKAGE_VERSION_EXACT TRUE)
  endif()
else()
  set(PACKAGE_VERSION_COMPATIBLE FALSE)
endif()
CV
echo "install-c: linmux $version installed in $PREFIX"

# Cross-build for 64-bit Windows with Debian's mingw-w64 (g++-mingw-w64-x86-64-posix); tests run
# under wine64 through CMAKE_CROSSCOMPILING_EMULATOR (scripts/wine-run.sh).
#
#   scripts/windows-deps.sh build-win          # RE2, Abseil, GoogleTest, nlohmann/json -> build-win/deps/prefix
#   cmake -S . -B build-win --toolchain cmake/mingw-w64.toolchain.cmake
#   cmake --build build-win -j"$(nproc)" && ctest --test-dir build-win
#
# Cache variables:
#   OPTOUT_WIN_DEPS_PREFIX  where windows-deps.sh installed the Windows libraries
#                           (default: <build dir>/deps/prefix)
#   OPTOUT_WINEPREFIX       the wine prefix tests run in (default: <build dir>/wineprefix; created
#                           on first use, which takes a while)
# Executables are linked statically (libgcc, libstdc++, winpthread): they import only DLLs that
# ship with Windows (KERNEL32, msvcrt, ADVAPI32, dbghelp, ...).

set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(_optout_triple x86_64-w64-mingw32)
# The -posix variants: std::thread, std::mutex and friends (winpthreads); the -win32 ones lack them.
set(CMAKE_C_COMPILER ${_optout_triple}-gcc-posix)
set(CMAKE_CXX_COMPILER ${_optout_triple}-g++-posix)
set(CMAKE_RC_COMPILER ${_optout_triple}-windres)
# CMake cannot derive the binutils prefix from a "-posix" compiler name: name them.
set(CMAKE_AR ${_optout_triple}-gcc-ar-posix CACHE FILEPATH "Archiver")
set(CMAKE_RANLIB ${_optout_triple}-gcc-ranlib-posix CACHE FILEPATH "Ranlib")
set(CMAKE_NM ${_optout_triple}-gcc-nm-posix CACHE FILEPATH "nm")
set(CMAKE_OBJDUMP ${_optout_triple}-objdump CACHE FILEPATH "objdump")
set(CMAKE_STRIP ${_optout_triple}-strip CACHE FILEPATH "strip")

# Inside try_compile projects CMAKE_BINARY_DIR is the scratch directory: the values chosen by the
# outer project are passed down instead (CMAKE_TRY_COMPILE_PLATFORM_VARIABLES below).
if(NOT OPTOUT_WIN_DEPS_PREFIX)
  set(OPTOUT_WIN_DEPS_PREFIX "${CMAKE_BINARY_DIR}/deps/prefix")
endif()
set(OPTOUT_WIN_DEPS_PREFIX "${OPTOUT_WIN_DEPS_PREFIX}" CACHE PATH
    "Prefix holding the Windows builds of RE2, Abseil, GoogleTest and nlohmann/json (scripts/windows-deps.sh)")
if(NOT OPTOUT_WINEPREFIX)
  set(OPTOUT_WINEPREFIX "${CMAKE_BINARY_DIR}/wineprefix")
endif()
set(OPTOUT_WINEPREFIX "${OPTOUT_WINEPREFIX}" CACHE PATH "WINEPREFIX the tests run in (created on first use)")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES OPTOUT_WIN_DEPS_PREFIX OPTOUT_WINEPREFIX)

# Look for libraries and headers only in the deps prefix (and the mingw sysroot), never in
# /usr/include or /usr/lib: those hold glibc builds. Programs (code generators) come from the host.
set(CMAKE_FIND_ROOT_PATH "${OPTOUT_WIN_DEPS_PREFIX}" /usr/${_optout_triple})
set(CMAKE_PREFIX_PATH "${OPTOUT_WIN_DEPS_PREFIX}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config would answer with the Linux .pc files: keep it inside the prefix too.
set(ENV{PKG_CONFIG_LIBDIR} "${OPTOUT_WIN_DEPS_PREFIX}/lib/pkgconfig:${OPTOUT_WIN_DEPS_PREFIX}/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# Static executables: no libgcc_s_seh-1.dll, libstdc++-6.dll or libwinpthread-1.dll to ship.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")
set(BUILD_SHARED_LIBS OFF CACHE BOOL "Build shared libraries")

# Tests (ctest, gtest_discover_tests, try_run) run the .exe files under wine64.
get_filename_component(_optout_repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(CMAKE_CROSSCOMPILING_EMULATOR
    "${CMAKE_COMMAND};-E;env;WINEPREFIX=${OPTOUT_WINEPREFIX};${_optout_repo}/scripts/wine-run.sh")

# Finds GSL (CMake's FindGSL), cJSON (its CMake config, else pkg-config),
# libcsv (find_path/find_library: Debian's libcsv-dev ships neither a
# CMake config nor a pkg-config file) and, for tests, Check (pkg-config).  A missing dependency stops configure
# with one message naming the Debian packages to install.
set(_gpucost_debian "libgsl-dev libcjson-dev libcsv-dev check pkg-config cmake")
set(_gpucost_missing "")

find_package(GSL QUIET)
if(NOT GSL_FOUND)
  list(APPEND _gpucost_missing "GSL")
endif()

find_package(PkgConfig QUIET)
find_package(cJSON CONFIG QUIET)
if(cJSON_FOUND AND TARGET cjson)
  add_library(gpucost::cjson INTERFACE IMPORTED)
  target_link_libraries(gpucost::cjson INTERFACE cjson)
  if(CJSON_INCLUDE_DIRS)
    target_include_directories(gpucost::cjson INTERFACE ${CJSON_INCLUDE_DIRS})
  endif()
elseif(PKG_CONFIG_FOUND)
  pkg_check_modules(CJSON QUIET IMPORTED_TARGET libcjson)
  if(CJSON_FOUND)
    add_library(gpucost::cjson ALIAS PkgConfig::CJSON)
  else()
    list(APPEND _gpucost_missing "cJSON")
  endif()
else()
  list(APPEND _gpucost_missing "cJSON (and pkg-config)")
endif()

find_path(GPUCOST_CSV_INCLUDE_DIR csv.h)
find_library(GPUCOST_CSV_LIBRARY csv)
if(GPUCOST_CSV_INCLUDE_DIR AND GPUCOST_CSV_LIBRARY)
  add_library(gpucost::csv UNKNOWN IMPORTED)
  set_target_properties(gpucost::csv PROPERTIES
    IMPORTED_LOCATION "${GPUCOST_CSV_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${GPUCOST_CSV_INCLUDE_DIR}")
else()
  list(APPEND _gpucost_missing "libcsv")
endif()

if(GPUCOST_BUILD_TESTS)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(CHECK QUIET IMPORTED_TARGET check)
  endif()
  if(NOT CHECK_FOUND)
    list(APPEND _gpucost_missing "Check")
  endif()
endif()

if(_gpucost_missing)
  string(REPLACE ";" ", " _m "${_gpucost_missing}")
  message(FATAL_ERROR
    "gpucost: missing ${_m}. On Debian: sudo apt-get install ${_gpucost_debian}")
endif()

# CheckLayers.cmake - fails when a file of the library includes a header
# of a layer above its own (docs/development.md, "Layers").
#
#   cmake -DROOT=<source dir> -P cmake/CheckLayers.cmake
#
# The layers, from the ground up, are the folders of src/lib in the order
# of GPUCOST_LAYERS.  A file's layer is its folder; an internal header's
# is the folder its include names ("read/json.h"); a public header
# include/gpucost/NAME.h belongs to the layer whose folder holds NAME.c
# (gpucost.h, the whole API, to the top; version.h, generated, to the
# ground).  A file may include its own layer's headers and those below;
# every other include of a gpucost header is listed and the check fails.
# A public header whose layer cannot be told fails too, so a new header
# is placed on purpose.
set(GPUCOST_LAYERS base read compute render present api)
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<source dir> -P CheckLayers.cmake")
endif()

function(layer_rank name out)
  list(FIND GPUCOST_LAYERS "${name}" i)
  set(${out} ${i} PARENT_SCOPE)
endfunction()

# The layer of public header NAME (without .h), or "" when none.
function(public_layer name out)
  if(name STREQUAL "gpucost")
    set(${out} api PARENT_SCOPE)
    return()
  elseif(name STREQUAL "version")
    set(${out} base PARENT_SCOPE)
    return()
  endif()
  foreach(l IN LISTS GPUCOST_LAYERS)
    if(EXISTS "${ROOT}/src/lib/${l}/${name}.c")
      set(${out} ${l} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

set(files)
foreach(l IN LISTS GPUCOST_LAYERS)
  file(GLOB f "${ROOT}/src/lib/${l}/*.c" "${ROOT}/src/lib/${l}/*.h")
  list(APPEND files ${f})
endforeach()
file(GLOB public "${ROOT}/include/gpucost/*.h")
list(APPEND files ${public})
file(GLOB stray "${ROOT}/src/lib/*.c" "${ROOT}/src/lib/*.h")

set(bad "")
foreach(s IN LISTS stray)
  string(APPEND bad "  ${s}: outside every layer (put it in one of src/lib/{${GPUCOST_LAYERS}})\n")
endforeach()
set(nfiles 0)
set(nincludes 0)
foreach(f IN LISTS files)
  math(EXPR nfiles "${nfiles} + 1")
  file(RELATIVE_PATH rel "${ROOT}" "${f}")
  if(rel MATCHES "^include/gpucost/(.*)\\.h$")
    public_layer("${CMAKE_MATCH_1}" mine)
    if(mine STREQUAL "")
      string(APPEND bad "  ${rel}: no layer (no src/lib/LAYER/${CMAKE_MATCH_1}.c)\n")
      continue()
    endif()
  else()
    string(REGEX REPLACE "^src/lib/([^/]*)/.*" "\\1" mine "${rel}")
  endif()
  layer_rank(${mine} rank)
  file(STRINGS "${f}" lines REGEX "^#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^#[ \t]*include[ \t]*\"([^\"]*)\".*" "\\1" inc "${line}")
    if(inc MATCHES "^gpucost/(.*)\\.h$")
      public_layer("${CMAKE_MATCH_1}" theirs)
    elseif(inc MATCHES "^([a-z]+)/[^/]*\\.h$")
      set(theirs ${CMAKE_MATCH_1})
    else()
      string(APPEND bad "  ${rel}: \"${inc}\" names no layer (write \"LAYER/${inc}\")\n")
      continue()
    endif()
    math(EXPR nincludes "${nincludes} + 1")
    layer_rank("${theirs}" trank)
    if(trank LESS 0)
      string(APPEND bad "  ${rel}: \"${inc}\" is in no known layer\n")
    elseif(trank GREATER rank)
      string(APPEND bad "  ${rel} (${mine}) includes \"${inc}\" (${theirs}), a layer above\n")
    endif()
  endforeach()
endforeach()

if(bad)
  message(FATAL_ERROR "layers: includes that reach up (order: ${GPUCOST_LAYERS}):\n${bad}")
endif()
message(STATUS "layers: ${nfiles} files, ${nincludes} includes, none reaches up (${GPUCOST_LAYERS})")

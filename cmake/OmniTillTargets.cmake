# How OmniTill's targets are made, and the record of their arrows that the layering test checks against the code and
# docs/ARCHITECTURE.md.
#
# omnitill_add_library(<target> [METATYPES] <sources...>): a static library for the folder it is called from. Code
# includes root-relative ("core/catalog/catalog.h"); a target names every OmniTill target it uses in
# target_link_libraries, and may include only from those folders (tests/layering checks it).
function(omnitill_add_library target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "METATYPES" "" "")
    add_library(${target} STATIC ${arg_UNPARSED_ARGUMENTS})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
    target_link_libraries(${target} PRIVATE omnitill_warnings)
    set_target_properties(${target} PROPERTIES AUTOMOC ON)
    if(arg_METATYPES)
        # Metatypes let the QML module (and qmllint) see the QObject and gadget types it registers as foreign types.
        qt_extract_metatypes(${target})
    endif()
    set_property(GLOBAL APPEND PROPERTY OMNITILL_TARGETS ${target})
endfunction()

# Programs are recorded too, so the layering test can check what each one pulls in.
function(omnitill_add_program target)
    qt_add_executable(${target} ${ARGN})
    target_link_libraries(${target} PRIVATE omnitill_warnings)
    set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
    set_property(GLOBAL APPEND PROPERTY OMNITILL_TARGETS ${target})
endfunction()

# The direct dependencies of a target that the map shows: OmniTill targets and outside libraries, without the
# warnings target and generator-expression wrappers.
function(_omnitill_direct_deps target out)
    get_target_property(libs ${target} LINK_LIBRARIES)
    set(deps "")
    if(libs)
        foreach(lib IN LISTS libs)
            string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" lib "${lib}")
            if(lib STREQUAL "omnitill_warnings" OR lib MATCHES "^\\$<" OR lib STREQUAL "")
                continue()
            endif()
            list(APPEND deps ${lib})
        endforeach()
    endif()
    list(REMOVE_DUPLICATES deps)
    list(SORT deps)
    set(${out} "${deps}" PARENT_SCOPE)
endfunction()

# Writes, for the layering test, <build>/layering/targets.txt with one line per target,
# "<target> <folder> | <direct deps>", and <build>/layering/sources.txt with one "<target> <file>" line per source.
function(omnitill_write_layering_map)
    get_property(targets GLOBAL PROPERTY OMNITILL_TARGETS)
    set(map "")
    set(files "")
    foreach(target IN LISTS targets)
        _omnitill_direct_deps(${target} deps)
        get_target_property(dir ${target} SOURCE_DIR)
        file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${dir})
        list(JOIN deps " " deps)
        string(APPEND map "${target} ${folder} | ${deps}\n")
        get_target_property(sources ${target} SOURCES)
        foreach(source IN LISTS sources)
            if(source MATCHES "\\.(cpp|h)$" AND NOT IS_ABSOLUTE "${source}") # not generated code
                string(APPEND files "${target} ${folder}/${source}\n")
            endif()
        endforeach()
    endforeach()
    file(WRITE ${CMAKE_BINARY_DIR}/layering/targets.txt "${map}")
    file(WRITE ${CMAKE_BINARY_DIR}/layering/sources.txt "${files}")
endfunction()

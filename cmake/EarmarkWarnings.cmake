# earmark_set_warnings(target): the project's warning policy, errors in the dev preset.
function(earmark_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                           -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
    if(EARMARK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_CAST_FROM_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
                               QT_NO_KEYWORDS QT_USE_QSTRINGBUILDER)
endfunction()

# earmark_add_library(name SOURCES ... LINKS ...): one static library per module.
function(earmark_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_LINKS;PRIVATE_LINKS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/app)
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LINKS} PRIVATE ${ARG_PRIVATE_LINKS})
    earmark_set_warnings(${name})
    # Link limit: nothing under app/ may use Qt Widgets.
    get_target_property(_links ${name} LINK_LIBRARIES)
    if(_links MATCHES "Widgets")
        message(FATAL_ERROR "${name}: core libraries under app/ must not link Qt Widgets")
    endif()
endfunction()

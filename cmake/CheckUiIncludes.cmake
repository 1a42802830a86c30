# cmake -DUI_DIR=<folder> -P CheckUiIncludes.cmake
# The guard that widgets never touch the database: fails when a file under UI_DIR includes the cache's database
# headers (Database, Statement, the open Cache) or SQLite itself. Widgets call named repository methods through
# the cache worker (cache/CacheWorker.h) instead. Run by the build before earmark_gui compiles, and by
# tests/structure on a copy of ui/ with a planted include.
get_filename_component(UI_DIR "${UI_DIR}" ABSOLUTE)
if(NOT IS_DIRECTORY "${UI_DIR}")
    message(FATAL_ERROR "CheckUiIncludes: UI_DIR is not a folder: '${UI_DIR}'")
endif()
set(_forbidden "cache/Database\\.h|cache/Statement\\.h|cache/Cache\\.h|sqlite3\\.h|sqlcipher/")
file(GLOB_RECURSE _files "${UI_DIR}/*.h" "${UI_DIR}/*.cpp")
set(_problems "")
foreach(_file IN LISTS _files)
    file(STRINGS "${_file}" _hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](${_forbidden})")
    foreach(_hit IN LISTS _hits)
        file(RELATIVE_PATH _rel "${UI_DIR}" "${_file}")
        string(STRIP "${_hit}" _hit)
        string(APPEND _problems "\n  ui/${_rel}: ${_hit}")
    endforeach()
endforeach()
if(_problems)
    message(FATAL_ERROR "Widgets must not touch the database; move the query into a repository under app/ and "
                        "call it through CacheWorker::run:${_problems}")
endif()

# Every third-party dependency is found here, once, as an imported target.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Multimedia Network Concurrent Charts Test)
find_package(Qt6Keychain REQUIRED)
find_package(PkgConfig REQUIRED)

# SQLCipher through its C API; never QtSql (Debian's QSQLITE links plain SQLite).
pkg_check_modules(SQLCIPHER REQUIRED IMPORTED_TARGET sqlcipher)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
pkg_check_modules(SNDFILE REQUIRED IMPORTED_TARGET sndfile>=1.0.31)
pkg_check_modules(SAMPLERATE REQUIRED IMPORTED_TARGET samplerate)
pkg_check_modules(ESPEAKNG REQUIRED IMPORTED_TARGET espeak-ng)
pkg_check_modules(SOUNDTOUCH REQUIRED IMPORTED_TARGET soundtouch)
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip>=1.5)

find_path(ZXCVBN_INCLUDE_DIR zxcvbn.h REQUIRED)
find_library(ZXCVBN_LIBRARY zxcvbn REQUIRED)
add_library(Earmark::zxcvbn UNKNOWN IMPORTED)
set_target_properties(Earmark::zxcvbn PROPERTIES IMPORTED_LOCATION ${ZXCVBN_LIBRARY}
                      INTERFACE_INCLUDE_DIRECTORIES ${ZXCVBN_INCLUDE_DIR})

find_path(PHONENUMBER_INCLUDE_DIR phonenumbers/phonenumberutil.h REQUIRED)
find_library(PHONENUMBER_LIBRARY phonenumber REQUIRED)
add_library(Earmark::phonenumber UNKNOWN IMPORTED)
set_target_properties(Earmark::phonenumber PROPERTIES IMPORTED_LOCATION ${PHONENUMBER_LIBRARY}
                      INTERFACE_INCLUDE_DIRECTORIES ${PHONENUMBER_INCLUDE_DIR})

# cmake -DUI_DIR=<ui> -DWORK=<folder> -DFILE=<relative path> -DLINE=<include line> -P PlantInclude.cmake
# Copies ui/ to WORK and plants LINE into FILE there, for the database guard's test.
file(REMOVE_RECURSE "${WORK}")
file(COPY "${UI_DIR}/" DESTINATION "${WORK}")
file(READ "${WORK}/${FILE}" _text)
file(WRITE "${WORK}/${FILE}" "${LINE}\n${_text}")

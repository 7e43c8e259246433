# Writes a C++ file holding every policy table of schemas/policy/ as (file name, JSON text), every
# reference file of schemas/reference/ (CSV) and every calibration file of schemas/calibration/
# (the caseload generator's parameters) the same way, so `cms` runs on the tables and data it was
# built with and needs no files beside it (a --policy-dir given at start overrides the tables,
# `cms generate --parameters FILE` the parameters). Invoked by services/CMakeLists.txt like
# persistence's embed_migrations.cmake; the folders are globbed here to keep list semicolons out of
# the command.

# Appends to `body` a function FUNCTION returning every file matching PATTERN as {name, text}
# of type TYPE, in file-name order.
function(append_embedded_files PATTERN TYPE FUNCTION)
  file(GLOB inputs ${PATTERN})
  list(SORT inputs)
  set(text_out "const std::vector<${TYPE}>& ${FUNCTION}() {\n    static const std::vector<${TYPE}> all = {\n")
  foreach(path IN LISTS inputs)
    get_filename_component(file_name ${path} NAME)
    file(READ ${path} text)
    string(FIND "${text}" ")cms_json\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${path} contains the raw-string delimiter )cms_json\"")
    endif()
    string(APPEND text_out "        {\"${file_name}\", R\"cms_json(${text})cms_json\"},\n")
  endforeach()
  string(APPEND text_out "    };\n    return all;\n}\n\n")
  set(body "${body}${text_out}" PARENT_SCOPE)
endfunction()

set(body "// Generated from schemas/policy/*.json, schemas/reference/*.csv and schemas/calibration/*.json by embed_policy.cmake. Do not edit.\n")
string(APPEND body "#include \"services/generation/caseload_parameters.hpp\"\n#include \"services/policy/policy_tables.hpp\"\n#include \"services/reports/reference_data.hpp\"\n\nnamespace cms::services {\n\n")
append_embedded_files(${POLICY_DIR}/*.json embedded_policy_file embedded_policy_files)
append_embedded_files(${REFERENCE_DIR}/*.csv embedded_reference_file embedded_reference_files)
append_embedded_files(${CALIBRATION_DIR}/*.json embedded_policy_file embedded_calibration_files)
string(APPEND body "}  // namespace cms::services\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)

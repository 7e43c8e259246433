# Writes a C++ file holding every policy table of schemas/policy/ as (file name, JSON text), so
# `cms` runs on the tables it was built with and needs no files beside it (a --policy-dir given
# at start overrides them). Invoked by services/CMakeLists.txt like persistence's
# embed_migrations.cmake; the folder is globbed here to keep list semicolons out of the command.
file(GLOB INPUTS ${POLICY_DIR}/*.json)
list(SORT INPUTS)
set(body "// Generated from schemas/policy/*.json by embed_policy.cmake. Do not edit.\n")
string(APPEND body "#include \"services/policy/policy_tables.hpp\"\n\nnamespace cms::services {\n\n")
string(APPEND body "const std::vector<embedded_policy_file>& embedded_policy_files() {\n")
string(APPEND body "    static const std::vector<embedded_policy_file> all = {\n")
foreach(path IN LISTS INPUTS)
  get_filename_component(file_name ${path} NAME)
  file(READ ${path} text)
  string(FIND "${text}" ")cms_json\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "policy file ${path} contains the raw-string delimiter )cms_json\"")
  endif()
  string(APPEND body "        {\"${file_name}\", R\"cms_json(${text})cms_json\"},\n")
endforeach()
string(APPEND body "    };\n    return all;\n}\n\n}  // namespace cms::services\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)

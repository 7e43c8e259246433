#!/usr/bin/python3
"""Checks every scenario file in the repository against schemas/scenario.schema.json.

The replay's own parser (services/replay/scenario_parsing.cpp) is what refuses a bad file when
it is replayed; the schema is what testers' editors and other tools read. This keeps the two
from drifting apart in one direction: a file the test suite replays must also be one the
schema accepts. It also checks that the schema refuses files it must refuse, so a schema that
accepted anything would fail here.

Usage: scenario_schema_check.py --schema schemas/scenario.schema.json DIR_OR_FILE...
"""
import argparse
import copy
import json
import pathlib
import sys

import jsonschema


def scenario_files(paths):
    for given in paths:
        path = pathlib.Path(given)
        if path.is_dir():
            yield from sorted(path.glob("*.json"))
        else:
            yield path


def refusals_expected(validator, example):
    """Small edits of a valid scenario the schema must refuse, each with what it breaks."""
    unknown_top = copy.deepcopy(example)
    unknown_top["stepz"] = []
    bad_jobs = copy.deepcopy(example)
    bad_jobs["jobs"] = "weekly"
    bad_command = copy.deepcopy(example)
    bad_command["steps"][0] = {"on": "2025-01-01", "command": "no_such_command", "key": "k", "body": {}}
    id_and_name = copy.deepcopy(example)
    id_and_name["steps"].append({"on": "2099-01-01", "expect": {"case_id": 1, "case": "x", "due_pence": 0}})
    status_without_action = copy.deepcopy(example)
    status_without_action["steps"].append({"on": "2099-01-01", "expect": {"case_id": 1, "action_status": "active"}})
    dated_override_row = copy.deepcopy(example)
    dated_override_row["policy"] = [{"table": "collection_fees", "effective_from": "2027-04-01",
                                     "row": {"effective_from": "2027-04-01", "paying_parent_fee_bp": 200,
                                             "receiving_parent_fee_bp": 200}}]
    for what, document in [("an unknown top-level field", unknown_top), ("an unknown jobs mode", bad_jobs),
                           ("an unknown command", bad_command), ("a case given by id and by name", id_and_name),
                           ("an action_status without its action", status_without_action),
                           ("an override row that gives its own dates", dated_override_row)]:
        if validator.is_valid(document):
            yield what


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("paths", nargs="+")
    options = parser.parse_args()
    schema = json.loads(pathlib.Path(options.schema).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    checked = 0
    first_valid = None
    for path in scenario_files(options.paths):
        document = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        checked += 1
        for error in errors:
            failures += 1
            where = "/".join(str(part) for part in error.absolute_path) or "(file)"
            print(f"FAIL {path}: {where}: {error.message[:300]}")
        if not errors and first_valid is None:
            first_valid = document
    if checked == 0:
        print("FAIL no scenario files found")
        return 1
    if first_valid is not None:
        for what in refusals_expected(validator, first_valid):
            failures += 1
            print(f"FAIL the schema accepts {what}")
    print(f"{checked} scenario file(s) checked against {options.schema}, {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/bin/sh
# The crash drill of cms simulate-caseload (services/simulation/caseload_simulation.hpp): one
# generated caseload, copied; the first copy lived to the last day in one run, the second by a run
# killed (as by kill -9: CMS_FAULT, persistence/fault_points.hpp) at a named fault point part way
# through and then the same command again. Both must end with the same reports, byte for byte,
# and the killed one must pass `cms check`: a stopped run resumes and records nothing twice. The
# shipped parameters' case events (closures, moves between the services, write-offs) happen in
# it too, so the write-offs and service types reports are among those compared.
# usage: caseload_crash.sh CMS WORK_DIRECTORY
set -u
cms=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
failed=0
"$cms" generate --db "$work/whole.db" --cases 150 --seed 3 --start 2025-01-01 > "$work/generate.log" 2>&1 ||
    { echo "no caseload:"; cat "$work/generate.log"; exit 1; }
"$cms" simulate-caseload --db "$work/whole.db" --through 2025-06-30 > "$work/whole.log" 2>&1 ||
    { echo "the uninterrupted run failed:"; cat "$work/whole.log"; exit 1; }
# A commit of the writer (a clock move, a job's chunk, a day's payments, an enforcement or event command)
# and a pay-out, each well inside the run.
for fault in "writer.after_commit:700" "writer.before_commit:1500" "payout.before_day_complete:40"; do
    name=$(echo "$fault" | tr ':.' '--')
    database="$work/killed-$name.db"
    # The caseload as generated: the first 150 cases of a second generation with the same seed.
    "$cms" generate --db "$database" --cases 150 --seed 3 --start 2025-01-01 > /dev/null 2>&1
    CMS_FAULT="$fault" "$cms" simulate-caseload --db "$database" --through 2025-06-30 > "$work/$name-killed.log" 2>&1
    status=$?
    if [ "$status" -ne 137 ]; then
        echo "$fault: the run ended with status $status, not killed (137)"
        tail -n 5 "$work/$name-killed.log"
        failed=1
        continue
    fi
    if ! "$cms" simulate-caseload --db "$database" --through 2025-06-30 > "$work/$name-again.log" 2>&1; then
        echo "$fault: the run after the kill failed:"
        cat "$work/$name-again.log"
        failed=1
        continue
    fi
    for report in "compliance --quarter 2025-Q2" "unpaid-since-start --as-of 2025-06-30" "enforcement --quarter 2025-Q2" \
                  "arrears-by-area --as-of 2025-06-30" "write-offs --from 2024-Q1 --to 2025-Q2" \
                  "service-types --as-of 2025-06-30"; do
        # shellcheck disable=SC2086
        "$cms" report $report --db "$work/whole.db" > "$work/whole-report.json" 2>&1
        # shellcheck disable=SC2086
        "$cms" report $report --db "$database" > "$work/killed-report.json" 2>&1
        if ! cmp -s "$work/whole-report.json" "$work/killed-report.json"; then
            echo "$fault: report $report differs from the uninterrupted run's:"
            diff "$work/whole-report.json" "$work/killed-report.json" | head -n 20
            failed=1
        fi
    done
    if ! "$cms" check --db "$database" > "$work/$name-check.log" 2>&1; then
        echo "$fault: cms check failed:"
        tail -n 10 "$work/$name-check.log"
        failed=1
        continue
    fi
    echo "$fault: killed, run again: $(tail -n 1 "$work/$name-again.log")"
done
exit $failed

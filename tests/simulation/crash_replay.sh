#!/bin/sh
# The crash drill of cms simulate (services/simulation/README.md): a generated history, ended by
# the reference model's figures for every case on its last day, is replayed into a database by a
# `cms replay` killed (as by kill -9: CMS_FAULT, persistence/fault_points.hpp) at a named fault
# point part way through, then replayed again on the same database. The second run must pass:
# every command answers from the journal or runs once, the daily jobs carry on from what the
# database says is done, and every case ends on the model's figures.
# usage: crash_replay.sh CMS WORK_DIRECTORY
set -u
cms=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
failed=0
# seed, the fault point and the occurrence it fires on (a commit of the writer, a chunk of the
# monthly accrual, a pay-out), all well inside the history
for drill in "1 writer.after_commit:150" "2 writer.before_commit:200" "3 accrual.after_chunk_commit:2" \
             "4 payout.before_day_complete:5"; do
    set -- $drill
    seed=$1
    fault=$2
    history="$work/history-$seed.json"
    database="$work/crash-$seed.db"
    "$cms" simulate --seed "$seed" --cases 4 --days 90 --scenario-out "$history" || { echo "seed $seed: no history"; failed=1; continue; }
    CMS_FAULT="$fault" "$cms" replay --db "$database" "$history" > "$work/killed-$seed.log" 2>&1
    status=$?
    if [ "$status" -ne 137 ]; then
        echo "seed $seed: the replay under CMS_FAULT=$fault ended with status $status, not killed (137)"
        tail -n 5 "$work/killed-$seed.log"
        failed=1
        continue
    fi
    if "$cms" replay --db "$database" "$history" > "$work/again-$seed.log" 2>&1; then
        echo "seed $seed: killed at $fault, replayed again: $(tail -n 1 "$work/again-$seed.log")"
    else
        echo "seed $seed: killed at $fault, the second replay failed:"
        cat "$work/again-$seed.log"
        failed=1
    fi
done
exit $failed

#!/usr/bin/env python3
"""The fault drill (tools/dev faults): the hostile-client and operator checks, repeated so they
stay true. Not part of `tools/dev test` (it takes minutes and the disk-full drill mounts a small
tmpfs, which needs root); README, "Fault drill", records its last run.

Drills, each against a real `cms serve` or `cms run-job` in a fresh folder:
  kill-payments  kill -9 while clients post payments: every acknowledged payment is present
                 exactly once after restart, and a retry of every key sent adds nothing twice
  kill-accrual   kill -9 during `cms run-job accrue`, then rerun: every case's balance equals a
                 clean run's on a copy of the same caseload
  disk-full      the database on a tmpfs that fills up: no command is acknowledged and lost;
                 once space returns the same server accepts commands again
  slowloris      2,000 connections sending their headers a byte at a time: /health on the admin
                 listener (--admin-port) is answered throughout
  bad-utf8       invalid UTF-8 to every POST route of schemas/openapi.json: each is refused with
                 a 4xx and the server stays up
Each prints one line PASS or FAIL with its figures; the exit code is 1 if any failed.
"""
import argparse
import json
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from cms_server import cms_server  # noqa: E402

BUSINESS_DATE = "2026-01-05"
SIMULATED = ["--business-date", BUSINESS_DATE, "--scheduler-interval-seconds", "0"]


class drill_failed(Exception):
    pass


def open_family(server, tag):
    """Two parents and a Collect and Pay case; its id."""
    ids = []
    for role in ("paying", "receiving"):
        status, parent = server.json("POST", "/v1/parents", key=f"{tag}-{role}", body={
            "role": role, "full_name": f"{tag} {role}", "date_of_birth": "1984-03-02",
            "local_authority_code": "E06000059"})
        if status != 201:
            raise drill_failed(f"registering a parent answered {status}")
        ids.append(parent["id"])
    status, case = server.json("POST", "/v1/cases", key=f"{tag}-case", body={
        "paying_parent_id": ids[0], "receiving_parent_id": ids[1], "service_type": "collect_and_pay",
        "paying_parent_circumstances": {"gross_weekly_income_pence": 40000},
        "children": [{"full_name": "Kit", "date_of_birth": "2018-01-01"}]})
    if status != 201:
        raise drill_failed(f"opening a case answered {status}")
    return case["id"]


def payment_body(key):
    return {"amount_pence": 100, "received_on": BUSINESS_DATE, "method": "debit_card", "reference": key}


def references_of(server, case_ids):
    found = {}
    for case_id in case_ids:
        status, case = server.json("GET", f"/v1/cases/{case_id}")
        if status != 200:
            raise drill_failed(f"reading case {case_id} answered {status}")
        for payment in case["payments"]:
            found[payment["reference"]] = found.get(payment["reference"], 0) + 1
    return found


def cms_check(cms, database):
    checked = subprocess.run([cms, "check", "--db", database], capture_output=True, text=True)
    if checked.returncode != 0:
        raise drill_failed("cms check failed: " + (checked.stdout + checked.stderr).strip()[:300])


def drill_kill_payments(cms, folder):
    database = os.path.join(folder, "payments.db")
    log = os.path.join(folder, "server.log")
    server = cms_server(cms, database, log, SIMULATED)
    case_ids = [open_family(server, f"family{n}") for n in range(4)]
    acknowledged, sent, lock, stop = set(), set(), threading.Lock(), threading.Event()

    def client(number):
        count = 0
        while not stop.is_set():
            key = f"pay-{number}-{count}"
            count += 1
            with lock:
                sent.add((key, case_ids[number % len(case_ids)]))
            try:
                status, _, _, _ = server.request("POST", f"/v1/cases/{case_ids[number % len(case_ids)]}/payments",
                                                 key=key, body=payment_body(key), timeout_seconds=10)
            except OSError:
                return  # the server died under us: this key is unacknowledged
            if status == 201:
                with lock:
                    acknowledged.add(key)

    clients = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for thread in clients:
        thread.start()
    # Kill once a fair number were acknowledged, at a random moment after that.
    while len(acknowledged) < 300:
        time.sleep(0.01)
    time.sleep(random.uniform(0.0, 0.5))
    server.kill_hard()
    stop.set()
    for thread in clients:
        thread.join()
    server = cms_server(cms, database, log, SIMULATED)
    try:
        found = references_of(server, case_ids)
        lost = [key for key in acknowledged if found.get(key, 0) != 1]
        doubled = [key for key, count in found.items() if count > 1]
        if lost or doubled:
            raise drill_failed(f"{len(lost)} acknowledged payments missing or repeated, {len(doubled)} doubled")
        # Retrying every key sent, acknowledged or not, leaves each payment exactly once.
        for key, case_id in sent:
            status, _, _, _ = server.request("POST", f"/v1/cases/{case_id}/payments", key=key, body=payment_body(key))
            if status != 201:
                raise drill_failed(f"retrying {key} answered {status}")
        found = references_of(server, case_ids)
        if any(found.get(key, 0) != 1 for key, _ in sent):
            raise drill_failed("after retrying every key, a payment is missing or repeated")
    finally:
        server.stop()
    cms_check(cms, database)
    return f"{len(acknowledged)} acknowledged before kill -9, 0 lost, 0 doubled; {len(sent)} keys retried, each once"


def all_balances(cms, database, folder, case_count):
    server = cms_server(cms, database, os.path.join(folder, "balances.log"), SIMULATED)
    try:
        balances = {}
        for case_id in range(1, case_count + 1):
            status, balance = server.json("GET", f"/v1/cases/{case_id}/balance?as_of={BUSINESS_DATE}")
            if status != 200:
                raise drill_failed(f"balance of case {case_id} answered {status}")
            balances[case_id] = balance
        return balances
    finally:
        server.stop()


def drill_kill_accrual(cms, folder, case_count=20000):
    crashed = os.path.join(folder, "crashed.db")
    clean = os.path.join(folder, "clean.db")
    subprocess.run([cms, "generate", "--db", crashed, "--cases", str(case_count), "--seed", "7"],
                   check=True, capture_output=True)
    shutil.copy(crashed, clean)
    accrue = ["run-job", "accrue", "--through", "2025-12-31", "--chunk-cases", "500"]
    started = time.monotonic()
    subprocess.run([cms, *accrue[:2], "--db", clean, *accrue[2:]], check=True, capture_output=True)
    clean_seconds = time.monotonic() - started
    kills = 0
    for _ in range(3):
        job = subprocess.Popen([cms, *accrue[:2], "--db", crashed, *accrue[2:]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill at a random moment within what a whole run takes, so most kills land mid-job.
        time.sleep(random.uniform(0.1, 0.9) * clean_seconds)
        if job.poll() is None:
            job.kill()
            kills += 1
        job.wait()
    if kills == 0:
        raise drill_failed(f"every run ended before its kill (a clean run takes {clean_seconds:.2f}s)")
    subprocess.run([cms, *accrue[:2], "--db", crashed, *accrue[2:]], check=True, capture_output=True)
    cms_check(cms, crashed)
    cms_check(cms, clean)
    if all_balances(cms, crashed, folder, case_count) != all_balances(cms, clean, folder, case_count):
        raise drill_failed("balances after the killed runs differ from the clean run")
    return f"{kills} kill -9 mid-accrual of {case_count} cases; every balance equals the clean run's"


def drill_disk_full(cms, folder):
    if os.geteuid() != 0:
        raise drill_failed("not run: mounting a small tmpfs needs root")
    mount_point = os.path.join(folder, "small-disk")
    os.makedirs(mount_point)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount_point], check=True)
    try:
        database = os.path.join(mount_point, "full.db")
        server = cms_server(cms, database, os.path.join(folder, "server.log"), SIMULATED)
        acknowledged, refused = {}, []
        try:
            number = 0
            while len(refused) < 50 and number < 200000:
                key = f"parent-{number}"
                number += 1
                status, body = server.json("POST", "/v1/parents", key=key, body={
                    "role": "paying", "full_name": "P" * 100 + str(number), "date_of_birth": "1980-01-01",
                    "local_authority_code": "E06000059"})
                if status == 201:
                    acknowledged[key] = body["id"]
                else:
                    refused.append(key)
            if not refused:
                raise drill_failed("the disk never filled")
            if not server.alive():
                raise drill_failed("the server died when the disk filled")
            subprocess.run(["mount", "-o", "remount,size=64m", mount_point], check=True)
            for key in refused:  # once space returns, the refused commands go through, once
                status, _ = server.json("POST", "/v1/parents", key=key, body={
                    "role": "paying", "full_name": "P" * 100 + key.split("-")[1], "date_of_birth": "1980-01-01",
                    "local_authority_code": "E06000059"})
                if status != 201:
                    raise drill_failed(f"after space returned, {key} answered {status}")
            missing = [key for key, parent_id in acknowledged.items()
                       if server.json("GET", f"/v1/parents/{parent_id}")[0] != 200]
            if missing:
                raise drill_failed(f"{len(missing)} acknowledged parents are missing")
        finally:
            server.stop()
        cms_check(cms, database)
    finally:
        subprocess.run(["umount", mount_point], check=False)
    return f"{len(acknowledged)} acknowledged before the disk filled, all present; {len(refused)} refused, accepted after space returned"


def drill_slowloris(cms, folder, connections=2000, seconds=30):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, connections + 512)), hard))
    # /health is watched on the admin listener, which the slow clients cannot reach: on the
    # public port a full connection cap answers 503 by design.
    server = cms_server(cms, os.path.join(folder, "slow.db"), os.path.join(folder, "server.log"),
                        SIMULATED + ["--admin-port", "0"])
    stop = threading.Event()
    health = {"answered": 0, "failed": 0}

    def poll_health():
        while not stop.is_set():
            try:
                status, _, _, _ = server.request("GET", "/health", role=None, timeout_seconds=5,
                                                 port=server.admin_port)
                health["answered" if status == 200 else "failed"] += 1
            except OSError:
                health["failed"] += 1
            time.sleep(0.05)

    request_head = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 4000 + b"\r\n\r\n"
    sockets = []
    try:
        for _ in range(connections):
            try:
                sockets.append([socket.create_connection(("127.0.0.1", server.port), timeout=5), 0])
            except OSError:
                break
        poller = threading.Thread(target=poll_health)
        poller.start()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for entry in sockets:
                if entry[0] is None:
                    continue
                try:
                    entry[0].send(request_head[entry[1]:entry[1] + 1])
                    entry[1] += 1
                except OSError:
                    entry[0].close()
                    entry[0] = None
            time.sleep(0.1)
        stop.set()
        poller.join()
        dropped = sum(1 for entry in sockets if entry[0] is None)
    finally:
        for entry in sockets:
            if entry[0] is not None:
                entry[0].close()
        alive = server.alive()
        server.stop()
    if not alive:
        raise drill_failed("the server died")
    if health["failed"] or not health["answered"]:
        raise drill_failed(f"/health failed {health['failed']} of {health['answered'] + health['failed']} times "
                           f"({len(sockets)} slow connections, {dropped} dropped by the server)")
    return (f"{len(sockets)} slow connections for {seconds}s ({dropped} dropped by the server); "
            f"/health answered {health['answered']} of {health['answered']} times")


def drill_bad_utf8(cms, folder):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(root, "schemas", "openapi.json"), encoding="utf-8") as handle:
        paths = json.load(handle)["paths"]
    server = cms_server(cms, os.path.join(folder, "utf8.db"), os.path.join(folder, "server.log"), SIMULATED)
    roles = {"/v1/jobs": "batch", "/v1/clock": "batch", "/v1/users": "admin", "/v1/users/{id}/revoke": "admin",
             "/v1/approvals/{id}/approve": "supervisor", "/v1/approvals/{id}/reject": "supervisor"}
    answers = {}
    try:
        for template, item in paths.items():
            if "post" not in item:
                continue
            path = template.replace("{id}", "1")
            for field in ("reference", "full_name", "note", "name", "kind"):
                status, _, _, _ = server.request("POST", path, role=roles.get(template, "caseworker"),
                                                 key=f"utf8-{template}-{field}",
                                                 raw_body=b'{"' + field.encode() + b'": "\xff\xfe"}')
                answers[f"POST {template} {field}"] = status
            if not server.alive():
                raise drill_failed(f"the server died on POST {template}")
        health, _, _, _ = server.request("GET", "/health", role=None)
    finally:
        server.stop()
    wrong = {where: status for where, status in answers.items() if not 400 <= status < 500}
    if wrong or health != 200:
        raise drill_failed(f"answers outside 4xx: {wrong}; /health {health}")
    return f"{len(answers)} bodies with invalid UTF-8, every one refused with a 4xx; the server stayed up"


DRILLS = {"kill-payments": drill_kill_payments, "kill-accrual": drill_kill_accrual, "disk-full": drill_disk_full,
          "slowloris": drill_slowloris, "bad-utf8": drill_bad_utf8}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cms", required=True)
    parser.add_argument("--only", choices=sorted(DRILLS), action="append", help="run only this drill (repeatable)")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="the seed of the random kill moments")
    arguments = parser.parse_args()
    random.seed(arguments.seed)
    print(f"fault drill: seed {arguments.seed}; {arguments.cms}")
    failed = 0
    for name in arguments.only or DRILLS:
        folder = tempfile.mkdtemp(prefix=f"cms-drill-{name}-")
        started = time.monotonic()
        try:
            summary = DRILLS[name](arguments.cms, folder)
            print(f"fault drill: {name} PASS in {time.monotonic() - started:.0f}s: {summary}")
            shutil.rmtree(folder, ignore_errors=True)
        except (drill_failed, RuntimeError, subprocess.CalledProcessError, OSError) as failure:
            failed += 1
            print(f"fault drill: {name} FAIL in {time.monotonic() - started:.0f}s: {failure} (logs in {folder})")
    print(f"fault drill: {len(arguments.only or DRILLS) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

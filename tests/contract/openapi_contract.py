#!/usr/bin/env python3
"""Contract test: real responses of a running `cms serve` against schemas/openapi.json.

Starts the server on a fresh database and a free loopback port, sends requests that reach every
operation and every refusal the server gives (401, 403, 404, 405, 409, 413, 415, 422, 431, ...),
and checks for each answer that the document lists its status for that operation, that its
Content-Type is the documented one and that its body validates against the documented schema.
It also checks that every operation has a unique operationId and that every documented operation
was reached. Run: openapi_contract.py --cms build/bin/cms --openapi schemas/openapi.json
"""
import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

import jsonschema

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools", "support"))
from cms_server import cms_server  # noqa: E402

PROBLEM_TYPE = "application/problem+json"


def to_json_schema(node):
    """An OpenAPI 3.0 schema object as JSON Schema: `nullable: true` becomes a type that also
    admits null (JSON Schema has no `nullable`)."""
    if isinstance(node, list):
        return [to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: to_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is True and "type" in converted:
        converted["type"] = [converted["type"], "null"]
    return converted


class document:
    def __init__(self, path):
        with open(path, encoding="utf-8") as handle:
            self.raw = json.load(handle)

    def resolve(self, node):
        """Inlines every local $ref (the document has no recursive schemas)."""
        if isinstance(node, list):
            return [self.resolve(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            target = self.raw
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            return self.resolve(target)
        return {key: self.resolve(value) for key, value in node.items()}

    def operations(self):
        for template, item in self.raw["paths"].items():
            for method, operation in item.items():
                if method in ("get", "post", "put", "patch", "delete"):
                    yield template, method.upper(), operation

    def operation(self, template, method):
        return self.raw["paths"].get(template, {}).get(method.lower())

    def template_of(self, path):
        """The documented path template a concrete path matches ({id} is one integer segment)."""
        bare = path.split("?", 1)[0]
        for template in self.raw["paths"]:
            pattern = "^" + re.sub(r"\\\{[a-z_]+\\\}", r"[^/]+", re.escape(template)) + "$"
            if re.match(pattern, bare):
                return template
        return None


class exchange_failure(Exception):
    pass


class contract:
    def __init__(self, doc, srv, verbose):
        self.doc = doc
        self.srv = srv
        self.verbose = verbose
        self.reached = set()      # (template, method) answered with a documented 2xx
        self.checked = 0
        self.failures = []

    def send(self, method, path, **request):
        return self.srv.request(method, path, **request)

    def expect(self, status, method, path, **request):
        """Sends one request, requires `status`, checks the answer against the document and
        returns the parsed body."""
        got, content_type, text, headers = self.send(method, path, **request)
        where = f"{method} {path}"
        if got != status:
            self.failures.append(f"{where}: answered {got}, expected {status}: {text[:300]!r}")
            return None
        # An HTML report is checked as text against its documented schema (a string).
        body = (text.decode("utf-8") if "text/html" in (content_type or "") else json.loads(text)) if text else None
        if self.verbose:
            print(where, got, json.dumps(body))
        try:
            self.check(method, path, got, content_type, body, headers)
        except exchange_failure as failure:
            self.failures.append(f"{where}: {failure}")
        # The walk goes on with what the server answered, so one gap in the document does not
        # hide the checks of the steps after it.
        return body

    def wait_for(self, condition, what, deadline_seconds=120):
        """Polls `condition` until it holds: the test waits for the event, not for a delay."""
        give_up = time.monotonic() + deadline_seconds
        while not condition():
            if time.monotonic() > give_up:
                raise RuntimeError(f"gave up waiting for {what}")
            time.sleep(0.02)

    def check(self, method, path, status, content_type, body, headers):
        self.checked += 1
        template = self.doc.template_of(path)
        if template is None:
            raise exchange_failure("path is not in the document")
        operation = self.doc.operation(template, method)
        if operation is None:
            if status != 405:
                raise exchange_failure(f"{method} is not documented on {template} and the answer was not 405")
            allowed = headers.get("Allow", "")
            documented = sorted(m for t, m, _ in self.doc.operations() if t == template)
            if sorted(m.strip() for m in allowed.split(",") if m.strip()) != documented:
                raise exchange_failure(f"Allow is {allowed!r}, the document lists {documented}")
            response = self.doc.resolve(self.doc.raw["components"]["responses"]["MethodNotAllowed"])
        else:
            responses = operation.get("responses", {})
            if str(status) not in responses:
                raise exchange_failure(f"status {status} is not documented for {method} {template}")
            response = self.doc.resolve(responses[str(status)])
            if 200 <= status < 300:
                self.reached.add((template, method))
        content = response.get("content", {})
        if not content:
            if body not in (None, ""):
                raise exchange_failure("the document lists no body for this answer, but it has one")
            return
        media = content_type.split(";", 1)[0].strip()
        if media not in content:
            raise exchange_failure(f"Content-Type {media!r} is not documented (documented: {list(content)})")
        schema = to_json_schema(content[media].get("schema", {}))
        try:
            jsonschema.validate(body, schema, format_checker=jsonschema.FormatChecker())
        except jsonschema.ValidationError as error:
            location = "/".join(str(part) for part in error.absolute_path)
            raise exchange_failure(f"body does not match its schema at '{location}': {error.message}")


def check_document(doc):
    problems = []
    seen = {}
    for template, method, operation in doc.operations():
        operation_id = operation.get("operationId")
        if not operation_id:
            problems.append(f"{method} {template} has no operationId")
        elif operation_id in seen:
            problems.append(f"operationId {operation_id} is used by {seen[operation_id]} and {method} {template}")
        else:
            seen[operation_id] = f"{method} {template}"
        for status, response in operation.get("responses", {}).items():
            schema = doc.resolve(response).get("content", {}).get("application/json", {}).get("schema")
            if schema is not None and schema.get("type") == "object" and "properties" not in schema \
                    and "additionalProperties" not in schema:
                problems.append(f"{method} {template} {status}: the body schema is a bare object")
    return problems


PAYING = {"role": "paying", "full_name": "Sam Payer", "date_of_birth": "1985-02-01", "local_authority_code": "E06000059"}
RECEIVING = {"role": "receiving", "full_name": "Alex Carer", "date_of_birth": "1987-07-09", "local_authority_code": "E06000059"}


def walk(c):
    """Every operation once where it succeeds, and every refusal the server gives once."""
    c.expect(200, "GET", "/health", role=None)
    c.expect(401, "GET", "/v1/cases/1", role=None)
    c.expect(401, "GET", "/v1/cases/1", headers={"Authorization": "Bearer cms_not_a_token"}, role=None)
    c.expect(405, "DELETE", "/v1/cases/1")
    c.expect(405, "GET", "/v1/clock", role="batch")

    # Parents.
    paying = c.expect(201, "POST", "/v1/parents", body=PAYING, key="parent-1")
    receiving = c.expect(201, "POST", "/v1/parents", body=RECEIVING, key="parent-2")
    c.expect(201, "POST", "/v1/parents", body=PAYING, key="parent-1")  # a repeat answers the original
    c.expect(409, "POST", "/v1/parents", body=dict(PAYING, full_name="Other"), key="parent-1")
    c.expect(400, "POST", "/v1/parents", body=PAYING)  # no Idempotency-Key
    c.expect(400, "POST", "/v1/parents", raw_body=b'{"role": "paying",', key="parent-bad-json")
    c.expect(422, "POST", "/v1/parents", body=dict(PAYING, date_of_birth="2099-01-01"), key="parent-future")
    c.expect(403, "POST", "/v1/parents", role="analyst", body=PAYING, key="parent-analyst")
    c.expect(415, "POST", "/v1/parents", body=PAYING, key="parent-text", headers={"Content-Type": "text/plain"})
    c.expect(413, "POST", "/v1/parents", raw_body=b" " * (65 << 10), key="parent-huge")
    c.expect(431, "GET", "/v1/parents/1", headers={"X-Padding": "y" * (9 << 10)})
    if not paying or not receiving:
        return
    c.expect(200, "GET", f"/v1/parents/{paying['id']}")
    c.expect(404, "GET", "/v1/parents/999999")

    # A case, payments and changes of circumstances.
    opening = {"paying_parent_id": paying["id"], "receiving_parent_id": receiving["id"],
               "service_type": "collect_and_pay",
               "paying_parent_circumstances": {"gross_weekly_income_pence": 50000},
               "children": [{"full_name": "Jo", "date_of_birth": "2016-06-01"}],
               "payment_schedule": {"frequency": "monthly", "first_due_date": "2026-01-15"}}
    opened = c.expect(201, "POST", "/v1/cases", body=opening, key="case-1")
    c.expect(404, "POST", "/v1/cases", body=dict(opening, paying_parent_id=999999), key="case-missing-parent")
    c.expect(400, "POST", "/v1/cases", body=dict(opening, children=[]), key="case-no-children")
    c.expect(422, "POST", "/v1/cases", body=dict(opening, receiving_parent_id=paying["id"]), key="case-same-parent")
    if not opened:
        return
    case = f"/v1/cases/{opened['id']}"
    c.expect(200, "GET", case)
    c.expect(404, "GET", "/v1/cases/999999")
    payment = {"amount_pence": 5000, "received_on": "2026-01-05", "method": "debit_card", "reference": "PAY-1"}
    c.expect(201, "POST", case + "/payments", body=payment, key="payment-1")
    c.expect(404, "POST", "/v1/cases/999999/payments", body=payment, key="payment-missing-case")
    c.expect(422, "POST", case + "/payments", body=dict(payment, received_on="2026-02-01"), key="payment-future")
    c.expect(400, "POST", case + "/payments", body=dict(payment, reference=""), key="payment-no-reference")
    bounced = c.expect(201, "POST", case + "/payments", body=dict(payment, reference="DD-BOUNCED"), key="payment-2")
    if bounced:
        reversal = {"reason": "bounced_direct_debit", "note": "returned unpaid by the bank"}
        c.expect(201, "POST", f"/v1/payments/{bounced['id']}/reversal", body=reversal, key="reversal-1")
        c.expect(409, "POST", f"/v1/payments/{bounced['id']}/reversal", body=reversal, key="reversal-2")
        c.expect(400, "POST", f"/v1/payments/{bounced['id']}/reversal", body={"reason": "changed_mind", "note": "x"},
                 key="reversal-bad-reason")
    c.expect(404, "POST", "/v1/payments/999999/reversal", body={"reason": "duplicate", "note": "x"}, key="reversal-missing")
    # One payment by the paying parent, split between their cases (here the one).
    parent_payments = f"/v1/parents/{paying['id']}/payments"
    c.expect(201, "POST", parent_payments, body=dict(payment, reference="PARENT-1"), key="parent-payment-1")
    c.expect(404, "POST", "/v1/parents/999999/payments", body=payment, key="parent-payment-missing")
    c.expect(409, "POST", f"/v1/parents/{receiving['id']}/payments", body=payment, key="parent-payment-no-case")
    c.expect(422, "POST", parent_payments, body=dict(payment, received_on="2026-02-01"), key="parent-payment-future")
    # Listing and search.
    c.expect(200, "GET", case + "/payments?limit=1")
    c.expect(404, "GET", "/v1/cases/999999/payments")
    if bounced:
        c.expect(200, "GET", f"/v1/payments/{bounced['id']}")
    c.expect(404, "GET", "/v1/payments/999999")
    c.expect(200, "GET", f"/v1/cases?status=open&service_type=collect_and_pay&parent_id={paying['id']}&limit=10")
    c.expect(400, "GET", "/v1/cases?status=sleeping")
    c.expect(404, "GET", "/v1/cases?parent_id=999999")
    c.expect(200, "GET", f"/v1/parents/{paying['id']}/cases")
    c.expect(404, "GET", "/v1/parents/999999/cases")
    c.expect(200, "GET", case + "/calculation")
    c.expect(200, "GET", case + "/balance")
    c.expect(400, "GET", case + "/balance?as_of=yesterday")
    c.expect(200, "GET", case + "/statement?page=1&page_size=50")
    c.expect(400, "GET", case + "/statement?page_size=5000")

    # The clock and the accrual, so that instalments fall due and arrears exist.
    c.expect(200, "POST", "/v1/clock", role="batch", body={"business_date": "2026-03-20"}, key="clock-1")
    c.expect(422, "POST", "/v1/clock", role="batch", body={"business_date": "2026-01-01"}, key="clock-back")
    c.expect(403, "POST", "/v1/clock", body={"business_date": "2026-04-01"}, key="clock-caseworker")
    job = c.expect(202, "POST", "/v1/jobs", role="batch", body={"kind": "accrue", "through": "2026-02-28"}, key="job-1")
    c.expect(400, "POST", "/v1/jobs", role="batch", body={"kind": "sweep", "through": "2026-02-28"}, key="job-bad")
    c.expect(404, "GET", "/v1/jobs/999999", role="batch")
    if job:
        c.wait_for(lambda: c.send("GET", f"/v1/jobs/{job['id']}", role="batch")[2].find(b'"running"') < 0,
                   "the accrual job to finish")
        c.expect(200, "GET", f"/v1/jobs/{job['id']}", role="batch")
    # Cases in arrears (the accrual has charged January and February by now).
    c.expect(200, "GET", "/v1/cases?arrears_above_pence=0&limit=5")
    c.expect(400, "GET", "/v1/cases?arrears_above_pence=-1")
    # Pay-outs (the scheduler pays out each day before the business date).
    c.expect(200, "GET", case + "/disbursements?after_date=2026-01-01&limit=5")
    c.expect(400, "GET", case + "/disbursements?after_date=yesterday")
    c.expect(404, "GET", "/v1/cases/999999/disbursements")

    # Changes of circumstances: one the rules act on (201), one they do not (200).
    c.expect(201, "POST", case + "/income", body={"effective_date": "2026-03-01", "gross_weekly_income_pence": 80000},
             key="income-1")
    c.expect(200, "POST", case + "/income", body={"effective_date": "2026-03-02", "gross_weekly_income_pence": 81000},
             key="income-2")
    c.expect(201, "POST", case + "/shared-care",
             body={"effective_date": "2026-03-03", "children": [{"child_number": 1, "shared_care_nights": 150}]},
             key="care-1")
    c.expect(200, "POST", case + "/shared-care",
             body={"effective_date": "2026-03-04", "children": [{"child_number": 1, "shared_care_nights": 151}]},
             key="care-2")
    c.expect(422, "POST", case + "/shared-care",
             body={"effective_date": "2026-03-05", "children": [{"child_number": 9, "shared_care_nights": 1}]},
             key="care-bad-child")

    # Arrears requests and four-eyes decisions.
    write_off = c.expect(201, "POST", case + "/write-offs",
                         body={"amount_pence": 100, "reason": "receiving_parent_asked_to_stop"}, key="write-off-1")
    c.expect(400, "POST", case + "/write-offs", body={"amount_pence": 100, "reason": "bored"}, key="write-off-bad")
    c.expect(422, "POST", case + "/part-payments", body={"accepted_pence": 100}, key="part-no-consent")
    c.expect(400, "POST", case + "/part-payments", body={"accepted_pence": 100, "consent_reference": " "}, key="part-blank")
    part = c.expect(201, "POST", case + "/part-payments",
                    body={"accepted_pence": 100, "consent_reference": "FILE-7"}, key="part-1")
    c.expect(200, "GET", "/v1/approvals?status=all", role="supervisor")
    if part:
        c.expect(409, "POST", f"/v1/approvals/{part['id']}/approve", role="supervisor",
                 body={"note": "too early"}, key="approve-early")
    if write_off:
        c.expect(403, "POST", f"/v1/approvals/{write_off['id']}/approve", role="caseworker",
                 body={"note": "mine"}, key="approve-own")
        c.expect(200, "POST", f"/v1/approvals/{write_off['id']}/reject", role="supervisor",
                 body={"note": "no representations yet"}, key="reject-1")
    # Past the parents' 30 days for representations.
    c.expect(200, "POST", "/v1/clock", role="batch", body={"business_date": "2026-04-20"}, key="clock-2")
    if part:
        c.expect(200, "POST", f"/v1/approvals/{part['id']}/approve", role="supervisor",
                 body={"note": "consent on file"}, key="approve-1")
    c.expect(404, "POST", "/v1/approvals/999999/approve", role="supervisor", body={"note": "x"}, key="approve-missing")

    # Enforcement: a step refused with its precondition, an order made and charged, a court step
    # applied for and decided.
    c.expect(409, "POST", case + "/enforcement-actions", body={"step": "deduction_from_earnings_order"}, key="enf-no-employer")
    c.expect(400, "POST", case + "/enforcement-actions", body={"step": "bailiffs"}, key="enf-bad-step")
    c.expect(404, "POST", "/v1/cases/999999/enforcement-actions", body={"step": "enforcement_agents"}, key="enf-missing")
    deo = c.expect(201, "POST", case + "/enforcement-actions",
                   body={"step": "deduction_from_earnings_order",
                         "employer": {"name": "Acme Ltd", "net_earnings_pence": 180000, "pay_frequency": "monthly"}},
                   key="enf-deo")
    if deo:
        deductions = case + f"/enforcement-actions/{deo['action_id']}/deductions"
        c.expect(201, "POST", deductions, body={"net_earnings_pence": 180000, "reference": "PAYROLL-1"}, key="ded-1")
        c.expect(409, "POST", deductions, body={"net_earnings_pence": 180000}, key="ded-same-day")
        c.expect(422, "POST", deductions, body={"account_balance_pence": 5000}, key="ded-wrong-figure")
        c.expect(400, "POST", deductions, body={"net_earnings_pence": -1}, key="ded-negative")
        c.expect(201, "POST", case + "/penalties",
                 body={"kind": "employer_missed_deduction", "action_id": deo["action_id"], "note": "not paid over"},
                 key="pen-employer")
    c.expect(201, "POST", case + "/penalties", body={"kind": "information_offence", "amount_pence": 50000}, key="pen-info")
    c.expect(422, "POST", case + "/penalties", body={"kind": "information_offence", "amount_pence": 100001}, key="pen-over")
    c.expect(409, "POST", case + "/penalties", body={"kind": "late_payment", "amount_pence": 100}, key="pen-late")
    c.expect(400, "POST", case + "/penalties", body={"kind": "parking"}, key="pen-bad-kind")
    c.expect(404, "POST", "/v1/cases/999999/penalties", body={"kind": "information_offence", "amount_pence": 1},
             key="pen-missing")
    order = c.expect(201, "POST", case + "/enforcement-actions",
                     body={"step": "liability_order", "deduction_inappropriate": "changes job every few weeks"},
                     key="enf-lo")
    if order:
        events = case + f"/enforcement-actions/{order['action_id']}/events"
        c.expect(422, "POST", events, body={"event": "grant", "on": "2099-01-01"}, key="enf-future")
        c.expect(409, "POST", events, body={"event": "expire"}, key="enf-wrong-move")
        c.expect(200, "POST", events, body={"event": "grant", "note": "magistrates' court"}, key="enf-grant")
    c.expect(404, "POST", case + "/enforcement-actions/999999/events", body={"event": "withdraw"}, key="enf-no-action")
    # An arrears agreement is made only once no order is in force, and no step is taken while it is
    # kept: end the orders first.
    if deo:
        c.expect(200, "POST", case + f"/enforcement-actions/{deo['action_id']}/events", body={"event": "fail"},
                 key="enf-deo-fail")
    if order:
        c.expect(200, "POST", case + f"/enforcement-actions/{order['action_id']}/events", body={"event": "succeed"},
                 key="enf-lo-done")
    # An arrears agreement: refused when the body is malformed or the income leaves no room, then
    # made; a second beside it is refused.
    c.expect(400, "POST", case + "/arrears-agreements", body={"net_income_per_period_pence": 0}, key="agree-bad")
    c.expect(422, "POST", case + "/arrears-agreements", body={"net_income_per_period_pence": 100}, key="agree-poor")
    c.expect(404, "POST", "/v1/cases/999999/arrears-agreements", body={"net_income_per_period_pence": 100000},
             key="agree-missing")
    c.expect(201, "POST", case + "/arrears-agreements", body={"net_income_per_period_pence": 180000, "note": "by phone"},
             key="agree-1")
    c.expect(409, "POST", case + "/arrears-agreements", body={"net_income_per_period_pence": 180000}, key="agree-2")
    c.expect(409, "POST", case + "/enforcement-actions", body={"step": "liability_order", "deduction_inappropriate": "x"},
             key="enf-while-agreed")

    # The statement shows the enforcement, the agreement and the penalties beside the ledger legs.
    statement = c.expect(200, "GET", case + "/statement?page=1&page_size=500")
    if statement is not None:
        kinds = {event["kind"] for event in statement["events"]}
        for kind in ("enforcement_event", "deduction", "arrears_agreement", "penalty", "notice"):
            if kind not in kinds:
                c.failures.append(f"the statement lists no {kind} event: {sorted(kinds)}")
    c.expect(200, "GET", case + "/enforcement-actions")
    c.expect(404, "GET", "/v1/cases/999999/enforcement-actions")

    # Closing the case, last: liability stops; the case shows its closure.
    closure = {"reason": "receiving_parent_asked", "effective_date": "2026-04-20"}
    c.expect(422, "POST", case + "/closure", body=dict(closure, effective_date="2026-04-21"), key="close-future")
    c.expect(409, "POST", case + "/closure", body=dict(closure, effective_date="2026-02-10"), key="close-charged")
    c.expect(400, "POST", case + "/closure", body=dict(closure, reason="bored"), key="close-bad-reason")
    c.expect(404, "POST", "/v1/cases/999999/closure", body=closure, key="close-missing")
    c.expect(200, "POST", case + "/closure", body=closure, key="close-1")
    c.expect(409, "POST", case + "/closure", body=closure, key="close-again")
    c.expect(200, "GET", case)

    # Direct Pay to Collect and Pay: a warning notice, then the switch.
    direct = c.expect(201, "POST", "/v1/cases", key="case-direct-pay",
                      body=dict(opening, service_type="direct_pay",
                                payment_schedule={"frequency": "monthly", "first_due_date": "2026-05-15"}))
    c.expect(200, "POST", "/v1/clock", role="batch", body={"business_date": "2026-04-21"}, key="clock-3")
    if direct:
        direct_case = f"/v1/cases/{direct['id']}"
        switch = {"to": "collect_and_pay", "reason": "missed_payment_reported", "effective_date": "2026-04-21"}
        c.expect(409, "POST", direct_case + "/service-type", body=switch, key="switch-unwarned")
        c.expect(422, "POST", direct_case + "/service-type", body=dict(switch, reason="both_parents_agree"),
                 key="switch-wrong-reason")
        c.expect(201, "POST", direct_case + "/warning-notices", body={"note": "warned by letter"}, key="warning-1")
        c.expect(409, "POST", direct_case + "/warning-notices", body={}, key="warning-2")
        c.expect(200, "POST", direct_case + "/service-type", body=switch, key="switch-1")
    c.expect(404, "POST", "/v1/cases/999999/warning-notices", body={}, key="warning-missing")


    # What-if calculations, audit, reports, users.
    c.expect(200, "POST", "/v1/calculations",
             body={"date": "2026-01-05", "paying_parent": {"gross_weekly_income_pence": 30000, "benefit": "none", "nil_rate_reason": None, "relevant_other_children": 0, "other_supported_children": 0},
                   "qualifying_children": [{"id": "c1", "receiving_parent": "rp1", "shared_care_nights": 0}]})
    c.expect(400, "POST", "/v1/calculations", body={"paying_parent": {}})
    c.expect(200, "GET", "/v1/audit?limit=5", role="auditor")
    c.expect(200, "GET", "/v1/reports/caseload", role="analyst")
    c.expect(200, "GET", "/v1/reports/compliance", role="analyst")
    c.expect(400, "GET", "/v1/reports/compliance?quarter=2025-Q5", role="analyst")
    c.expect(400, "GET", "/v1/reports/compliance?quarter=2999-Q1", role="analyst")
    c.expect(200, "GET", "/v1/reports/arrears-by-area", role="analyst")
    c.expect(400, "GET", "/v1/reports/arrears-by-area?as_of=2999-01-01", role="analyst")
    c.expect(200, "GET", "/v1/reports/arrears-by-quarter", role="analyst")
    c.expect(400, "GET", "/v1/reports/arrears-by-quarter?from=2025-Q3&to=2025-Q2", role="analyst")
    c.expect(200, "GET", "/v1/reports/enforcement", role="analyst")
    c.expect(400, "GET", "/v1/reports/enforcement?quarter=2999-Q1", role="analyst")
    c.expect(200, "GET", "/v1/reports/nil-payers-by-method", role="analyst")
    c.expect(200, "GET", "/v1/reports/write-offs", role="analyst")
    c.expect(200, "GET", "/v1/reports/write-offs?quarter=2025-Q1", role="analyst")
    c.expect(400, "GET", "/v1/reports/write-offs?quarter=2025-Q1&from=2024-Q1", role="analyst")
    c.expect(200, "GET", "/v1/reports/service-types", role="analyst")
    c.expect(200, "GET", "/v1/reports/unpaid-since-start", role="analyst")
    c.expect(400, "GET", "/v1/reports/unpaid-since-start?format=xml", role="analyst")
    for report in ("compliance", "arrears-by-area", "arrears-by-quarter", "enforcement", "nil-payers-by-method",
                   "write-offs", "service-types", "unpaid-since-start"):
        page = c.expect(200, "GET", f"/v1/reports/{report}?format=html", role="analyst")
        if page is not None and ("<svg" not in page or "http" in page):
            c.failures.append(f"GET /v1/reports/{report}?format=html: no inline chart, or a URL in the page")
    user = c.expect(201, "POST", "/v1/users", role="admin", body={"name": "casey", "role": "caseworker"}, key="user-1")
    c.expect(400, "POST", "/v1/users", role="admin", body={"name": "no spaces", "role": "caseworker"}, key="user-bad")
    c.expect(200, "GET", "/v1/users", role="admin")
    if user:
        c.expect(200, "POST", f"/v1/users/{user['id']}/revoke", role="admin", body={}, key="revoke-1")
    c.expect(404, "POST", "/v1/users/999999/revoke", role="admin", body={}, key="revoke-missing")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cms", required=True)
    parser.add_argument("--openapi", required=True)
    parser.add_argument("--verbose", action="store_true", help="print every answer")
    arguments = parser.parse_args()
    doc = document(arguments.openapi)
    problems = check_document(doc)
    folder = tempfile.mkdtemp(prefix="cms-contract-")
    srv = cms_server(arguments.cms, os.path.join(folder, "contract.db"), os.path.join(folder, "server.log"),
                     ["--business-date", "2026-01-05", "--scheduler-interval-seconds", "0"])
    try:
        c = contract(doc, srv, arguments.verbose)
        walk(c)
    finally:
        srv.stop()
    problems += c.failures
    unreached = sorted(f"{m} {t}" for t, m, _ in doc.operations() if (t, m) not in c.reached)
    problems += [f"{operation} was never answered with a success" for operation in unreached]
    for problem in problems:
        print("contract:", problem)
    print(f"contract: {c.checked} answers checked against {arguments.openapi}; {len(problems)} problem(s)")
    if not problems:
        shutil.rmtree(folder)
    else:
        print("contract: server log in", os.path.join(folder, "server.log"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

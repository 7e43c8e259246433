"""A real `cms serve` child process for Python test and drill scripts (tests/contract/,
tools/faults/): started on a free loopback port with demo users, read until it says where it
listens, stopped gently or killed hard."""
import http.client
import json
import re
import signal
import subprocess


class cms_server:
    def __init__(self, cms, database_path, log_path, extra_arguments=()):
        self.log = open(log_path, "a", encoding="utf-8")
        self.process = subprocess.Popen(
            [cms, "serve", "--db", database_path, "--port", "0", "--demo-users", *extra_arguments],
            stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.tokens = {}
        self.port = None
        # The server prints its demo tokens, then the line naming its port; read until then.
        for line in self.process.stdout:
            token = re.match(r"demo token for (\w+): (\S+)", line)
            if token:
                self.tokens[token.group(1)] = token.group(2)
            listening = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if listening:
                self.port = int(listening.group(1))
                admin = re.search(r"admin listener http://[^:]+:(\d+)/health", line)
                self.admin_port = int(admin.group(1)) if admin else None
                break
        if self.port is None:
            self.process.wait(timeout=60)
            self.log.close()
            raise RuntimeError(f"cms serve did not start (exit {self.process.returncode}); see {log_path}")

    def alive(self):
        return self.process.poll() is None

    def stop(self):
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)
        self.log.close()
        return self.process.returncode

    def kill_hard(self):
        self.process.kill()
        self.process.wait(timeout=60)
        self.log.close()

    def request(self, method, path, role="caseworker", body=None, key=None, headers=None, raw_body=None,
                timeout_seconds=60, port=None):
        """One request on its own connection: (status, content type, body bytes, headers)."""
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=timeout_seconds)
        sent = {"Content-Type": "application/json"}
        if role:
            sent["Authorization"] = "Bearer " + self.tokens[role]
        if key:
            sent["Idempotency-Key"] = key
        sent.update(headers or {})
        payload = raw_body if raw_body is not None else (None if body is None else json.dumps(body).encode())
        try:
            connection.request(method, path, body=payload, headers=sent)
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type", ""), response.read(), dict(response.getheaders())
        finally:
            connection.close()

    def json(self, method, path, **request):
        status, _, text, _ = self.request(method, path, **request)
        return status, (json.loads(text) if text else None)

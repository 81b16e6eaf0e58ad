"""Process, Redis and checking helpers of the interop runner (runner.py)."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import redis

INTEROP_DIR = Path(__file__).resolve().parent.parent
BIN_DIR = INTEROP_DIR / "bin"

# generous: a JVM with Spring Boot starts in a few seconds, much slower on a loaded 2-core machine
READY_TIMEOUT_S = 90
CLIENT_TIMEOUT_S = 120
STOP_TIMEOUT_S = 20
DRAIN_TIMEOUT_S = 30

LANG_NAMES = {"java": "Java", "py": "Python"}


class ScenarioError(Exception):
    """A run could not go on (a process did not start, did not answer, printed garbage)."""


def free_port() -> int:
    """A loopback port free right now, for a process a scenario starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def poll(condition: Callable[[], Any], timeout_s: float, what: str, interval_s: float = 0.02) -> Any:
    """Polls until condition() is truthy; returns its value, or raises ScenarioError after timeout_s."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise ScenarioError(f"timed out after {timeout_s:g} s waiting for {what}")
        time.sleep(interval_s)


def select(scenarios: list[Any], only: str | None) -> list[Any]:
    """The scenarios whose names contain one of the comma-separated parts of only; all without it."""
    if not only:
        return list(scenarios)
    wanted = [w.strip() for w in only.split(",") if w.strip()]
    return [s for s in scenarios if any(w in s.name for w in wanted)]


# --- processes ---------------------------------------------------------------------------

class Driver:
    """One driver process (bin/<lang>-server or bin/<lang>-client) fed one JSON document on stdin."""

    def __init__(self, kind: str, lang: str, config: dict[str, Any], log_path: Path) -> None:
        self.kind = kind
        self.lang = lang
        self.name = f"{lang}-{kind}"
        self.log_path = log_path
        self.stdout_lines: list[str] = []
        self._ready = threading.Event()
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [str(BIN_DIR / f"{lang}-{kind}")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
            start_new_session=True,
        )
        assert self.proc.stdin is not None
        self.proc.stdin.write(json_text(config).encode())
        self.proc.stdin.close()
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            if "READY" in line:
                self._ready.set()

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout_s
        while not self._ready.wait(0.05):
            if self.proc.poll() is not None:
                raise ScenarioError(f"{self.name} exited with {self.proc.returncode} before READY "
                                    f"(log: {self.log_path})")
            if time.monotonic() > deadline:
                raise ScenarioError(f"{self.name} printed no READY within {timeout_s:g} s (log: {self.log_path})")

    def wait_exit(self, timeout_s: float) -> int:
        try:
            code = self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.kill()
            raise ScenarioError(f"{self.name} did not exit within {timeout_s:g} s; killed (log: {self.log_path})")
        self._reader.join(5)
        self._log.close()
        return code

    def terminate(self, timeout_s: float = STOP_TIMEOUT_S) -> int:
        """SIGTERM, then waits for the exit (SIGKILL and an error after timeout_s)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.wait_exit(timeout_s)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if not self._log.closed:
            self._log.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text("utf-8", "replace")
        except OSError:
            return ""

    def handled(self) -> int | None:
        """The last HANDLED:<n> the server printed on stderr, or None."""
        found = re.findall(r"^HANDLED:(\d+)\s*$", self.log_text(), re.MULTILINE)
        return int(found[-1]) if found else None


# --- Redis -------------------------------------------------------------------------------

class LocalRedis:
    """A redis-server of our own on a free loopback port, without persistence."""

    def __init__(self, log_dir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not on the PATH: install it (Debian: apt-get install redis-server) "
                             "or set REDIS_URL to a Redis 6.2+ server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self._log = open(log_dir / "redis-server.log", "wb")
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--protected-mode", "yes"],
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        client = redis.Redis.from_url(self.url)

        def answers() -> bool:
            if self.proc.poll() is not None:
                raise SystemExit(f"redis-server exited with {self.proc.returncode}; see {log_dir / 'redis-server.log'}")
            try:
                return bool(client.ping())
            except redis.exceptions.ConnectionError:
                return False

        poll(answers, 20, f"redis-server on port {self.port}", 0.05)
        client.close()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


class LocalCluster:
    """A Redis Cluster of our own: three masters (no replicas) on free loopback ports, without persistence."""

    SLOTS = 16384

    def __init__(self, log_dir: Path, masters: int = 3) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise SystemExit("redis-server is not on the PATH: install it (Debian: apt-get install redis-server)")
        self.dir = log_dir / "cluster"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.ports: list[int] = []
        while len(self.ports) < masters:
            port = free_port()
            # a cluster node also listens on port + 10000 (its cluster bus), which must stay a valid port
            if port not in self.ports and port <= 55535:
                self.ports.append(port)
        self.urls = [f"redis://127.0.0.1:{port}" for port in self.ports]
        self._logs = [open(self.dir / f"redis-{port}.log", "wb") for port in self.ports]
        self.procs = [subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--cluster-enabled", "yes", "--cluster-config-file", f"nodes-{port}.conf", "--cluster-node-timeout", "2000",
             "--dir", str(self.dir)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True) for port, log in zip(self.ports, self._logs)]
        self.clients = [redis.Redis(host="127.0.0.1", port=port, socket_timeout=5) for port in self.ports]
        try:
            for port, proc, client in zip(self.ports, self.procs, self.clients):
                poll(lambda p=port, pr=proc, c=client: self._answers(p, pr, c), 30, f"cluster node on port {port}", 0.05)
            share = self.SLOTS // masters
            for i, client in enumerate(self.clients):
                last = self.SLOTS - 1 if i == masters - 1 else (i + 1) * share - 1
                client.execute_command("CLUSTER", "ADDSLOTSRANGE", i * share, last)
            for port in self.ports[1:]:
                self.clients[0].execute_command("CLUSTER", "MEET", "127.0.0.1", port)
            poll(lambda: all(b"cluster_state:ok" in c.execute_command("CLUSTER", "INFO") for c in self.clients), 60,
                 "the cluster to be ok", 0.1)
        except BaseException:
            self.stop()
            raise

    def _answers(self, port: int, proc: subprocess.Popen, client: redis.Redis) -> bool:
        if proc.poll() is not None:
            tail = (self.dir / f"redis-{port}.log").read_text(errors="replace").strip().splitlines()[-5:]
            raise ScenarioError(f"cluster node on port {port} exited with {proc.returncode}: {' | '.join(tail)}")
        try:
            return bool(client.ping())
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError):
            return False

    def master_url(self, key: str) -> str:
        """The URL of the node that owns the key's slot."""
        slot = int(self.clients[0].execute_command("CLUSTER", "KEYSLOT", key))
        share = self.SLOTS // len(self.ports)
        return self.urls[min(slot // share, len(self.ports) - 1)]

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        for proc in self.procs:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self._logs:
            log.close()


def stream_drained(r: redis.Redis, prefix: str) -> bool:
    """Whether every command stream under prefix has been read to its end by each of its
    groups and has nothing pending: every handler has finished and been acknowledged."""
    for key in r.scan_iter(match=f"{prefix}:cmds:*", count=1000):
        info = r.xinfo_stream(key)
        groups = r.xinfo_groups(key)
        if info["length"] and not groups:
            return False
        for group in groups:
            if group["pending"] or group["last-delivered-id"] != info["last-generated-id"]:
                return False
    return True


def delete_keys(r: redis.Redis, prefix: str) -> int:
    keys = list(r.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        r.delete(*keys)
    return len(keys)


# --- checking ----------------------------------------------------------------------------

def json_text(value: Any) -> str:
    """json.dumps, except that a Decimal is written as a JSON number of exactly its digits (which a
    Python float cannot hold, and json.dumps cannot write)."""
    digits: list[str] = []

    def placeholder(o: Any) -> str:
        if isinstance(o, Decimal):
            digits.append(str(o))
            return f"\ue000decimal:{len(digits) - 1}\ue000"
        raise TypeError(f"{type(o).__name__} is not JSON serializable")

    text = json.dumps(value, default=placeholder)
    return re.sub(r'"\\ue000decimal:(\d+)\\ue000"', lambda m: digits[int(m.group(1))], text)


def same_json(actual: Any, expected: Any) -> bool:
    """JSON equality: numbers by value (5 == 5.0, as JSON peers must treat them), booleans and
    null distinct from numbers, object keys as sets, strings exact."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(actual, bool) and isinstance(expected, bool) and actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return actual == expected
    if isinstance(expected, dict):
        return (isinstance(actual, dict) and actual.keys() == expected.keys()
                and all(same_json(actual[k], expected[k]) for k in expected))
    if isinstance(expected, list):
        return (isinstance(actual, list) and len(actual) == len(expected)
                and all(same_json(a, e) for a, e in zip(actual, expected)))
    return type(actual) is type(expected) and actual == expected


def brief(value: Any, limit: int = 300) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


class Checks:
    """Collects failed expectations of one run; notes record observations worth reporting."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.notes: list[str] = []

    def true(self, condition: bool, what: str) -> bool:
        if not condition:
            self.failures.append(what)
        return condition

    def equal(self, actual: Any, expected: Any, what: str) -> bool:
        return self.true(same_json(actual, expected), f"{what}: expected {brief(expected)}, got {brief(actual)}")

    def result(self, outcome: dict[str, Any], expected: Any, what: str) -> bool:
        if not self.true(outcome.get("ok") is True and outcome.get("kind") == "result",
                         f"{what}: expected a result, got {brief(outcome)}"):
            return False
        return self.equal(outcome.get("result"), expected, what)

    def rpc_error(self, outcome: dict[str, Any], code: int, what: str, message: str | None = None) -> bool:
        ok = self.true(outcome.get("kind") == "rpc-error" and outcome.get("code") == code
                       and type(outcome.get("code")) is int,
                       f"{what}: expected rpc-error {code}, got {brief(outcome)}")
        if ok and message is not None:
            ok = self.true(outcome.get("message") == message,
                           f"{what}: expected message {message!r}, got {outcome.get('message')!r}")
        return ok

    def transport_error(self, outcome: dict[str, Any], pattern: str, what: str) -> bool:
        return self.true(outcome.get("kind") == "transport-error"
                         and re.search(pattern, str(outcome.get("message")), re.IGNORECASE) is not None,
                         f"{what}: expected a transport error matching /{pattern}/i, got {brief(outcome)}")

    def notification(self, outcome: dict[str, Any], what: str) -> bool:
        return self.true(outcome == {"ok": True, "kind": "notification"},
                         f"{what}: expected the notification to be sent, got {brief(outcome)}")


def environment_summary(python: str) -> str:
    versions = subprocess.run(
        [python, "-c", "import importlib.metadata as m; print(' '.join(p + '==' + m.version(p) for p in "
                       "('clamator-protocol', 'clamator-over-redis', 'redis', 'pydantic')))"],
        capture_output=True, text=True, check=False).stdout.strip()
    java = subprocess.run([os.environ.get("JAVA", "java"), "-version"], capture_output=True, text=True,
                          check=False).stderr.splitlines()
    return f"python packages: {versions}; java: {java[0] if java else '?'}"

"""Processes of the reliability suite (runner.py): a persistent Redis that can be killed and frozen,
pools of server processes that can be SIGKILLed and replaced, and load drivers.

The server and load processes are the interop suite's drivers (interop/bin): the Java server is a
Spring Boot application on clamator-spring-boot-starter, the Python server runs the published
clamator-over-redis package, the Java load driver runs the plain core client.
"""
from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import redis

from harness import Driver, ScenarioError, free_port, poll, stream_drained

# Settings every Java server of the suite gets: crashed servers' calls are taken over within
# seconds, gone consumers and crashed clients' reply streams disappear within the run.
CLAIM_IDLE_MS = 2000
CONSUMER_IDLE_TIMEOUT = "5s"
REPLY_STREAM_TTL_MS = 10_000
JAVA_SERVER_PROPERTIES = {
    "clamator.server.concurrency": "4",
    "clamator.redis.server.consumer-idle-timeout": CONSUMER_IDLE_TIMEOUT,
    "clamator.redis.reply-stream-ttl": f"{REPLY_STREAM_TTL_MS}ms",
}


class PersistentRedis:
    """A redis-server of our own on a free loopback port with an append-only file written with
    appendfsync always, so that a SIGKILL loses nothing that was acknowledged. It can be killed
    and started again on the same port with the same data, and frozen (SIGSTOP) and resumed."""

    def __init__(self, work_dir: Path) -> None:
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            raise SystemExit("redis-server is not on the PATH (Debian: apt-get install redis-server)")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.data_dir = work_dir / "redis-data"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = work_dir / "redis-server.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> float:
        """Starts the server; returns the time.monotonic() at which it answered PING."""
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.data_dir),
             "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        probe = redis.Redis.from_url(self.url, socket_timeout=1)

        def answers() -> bool:
            if self.proc is None or self.proc.poll() is not None:
                raise ScenarioError(f"redis-server exited; see {self.log_path}")
            try:
                return bool(probe.ping())
            except (redis.exceptions.ConnectionError, redis.exceptions.BusyLoadingError, redis.exceptions.TimeoutError):
                return False

        poll(answers, 60, f"redis-server on port {self.port}", 0.02)
        probe.close()
        return time.monotonic()

    def kill(self) -> float:
        """SIGKILL; returns the time.monotonic() at which it was dead."""
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait()
        return time.monotonic()

    def freeze(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Scene:
    """The processes of one scenario under a key prefix of its own."""

    def __init__(self, r: redis.Redis, redis_url: str, name: str, log_dir: Path) -> None:
        self.r = r
        self.redis_url = redis_url
        self.prefix = f"clam-rel-{name}"
        self.log_dir = log_dir / name
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.drivers: list[Driver] = []
        self.servers: list[Driver] = []
        self._started = 0

    def server(self, lang: str, properties: dict[str, str] | None = None, wait_ready: bool = True) -> Driver:
        self._started += 1
        instance = f"{lang}-{self._started}"
        config: dict[str, Any] = {"contract": "arith", "redisUrl": self.redis_url, "keyPrefix": self.prefix,
                                  "instanceId": instance, "consumerClaimIdleMs": CLAIM_IDLE_MS}
        if lang == "java":
            config["properties"] = {**JAVA_SERVER_PROPERTIES, **(properties or {})}
        driver = Driver("server", lang, config, self.log_dir / f"server-{instance}.log")
        driver.instance = instance  # type: ignore[attr-defined]
        self.drivers.append(driver)
        self.servers.append(driver)
        if wait_ready:
            driver.wait_ready()
        return driver

    def load(self, duration_s: float, concurrency: int, timeout_ms: int, name: str = "load", **extra: Any) -> Driver:
        config: dict[str, Any] = {"redisUrl": self.redis_url, "keyPrefix": self.prefix, "concurrency": concurrency,
                                  "durationMs": int(duration_s * 1000), "timeoutMs": timeout_ms,
                                  "replyStreamTtlMs": REPLY_STREAM_TTL_MS, **extra}
        driver = Driver("load", "java", config, self.log_dir / f"{name}.log")
        self.drivers.append(driver)
        driver.wait_ready()
        return driver

    @staticmethod
    def summary(load: Driver, timeout_s: float = 120, stop: bool = False) -> dict[str, Any]:
        """The load's outcome, once its duration is over or, with stop, once SIGTERM ended it."""
        if stop:
            load.proc.send_signal(signal.SIGTERM)
        code = load.wait_exit(timeout_s)
        lines = [line for line in load.stdout_lines if line.startswith("{")]
        if code not in ((0, 128 + signal.SIGTERM) if stop else (0,)) or not lines:
            raise ScenarioError(f"{load.name} exited with {code} without a summary (log: {load.log_path})")
        (load.log_path.with_suffix(".summary.json")).write_text(lines[-1] + "\n")
        return json.loads(lines[-1])

    def live_servers(self) -> list[Driver]:
        return [s for s in self.servers if s.proc.poll() is None]

    def ready_servers(self) -> list[Driver]:
        return [s for s in self.live_servers() if s._ready.is_set()]

    def kill_and_replace(self, victim: Driver) -> Driver:
        """SIGKILLs a server and starts one of the same language in its place (not waiting for it)."""
        victim.kill()
        return self.server(victim.lang, wait_ready=False)

    def churn(self, kills: int, every_s: float, languages: list[str] | None = None, limit_s: float = 600) -> None:
        """SIGKILLs a ready server (of the next language in turn, when given) and starts a
        replacement every every_s seconds, or as soon after as another server is ready (one ready
        server is always left), until it has killed kills servers."""
        killed = 0
        next_kill = time.monotonic() + every_s
        give_up = time.monotonic() + limit_s
        while killed < kills:
            if time.monotonic() > give_up:
                raise ScenarioError(f"only {killed} of {kills} servers killed in {limit_s:g} s: replacements do not start")
            time.sleep(0.05)
            if time.monotonic() < next_kill:
                continue
            ready = self.ready_servers()
            wanted = languages[killed % len(languages)] if languages else None
            candidates = [s for s in ready if wanted in (None, s.lang)]
            if len(ready) < 2 or not candidates:
                continue  # wait for a replacement to come up first
            self.kill_and_replace(random.choice(candidates))
            killed += 1
            next_kill = time.monotonic() + every_s

    # what is left in Redis

    def command_stream(self) -> str:
        return f"{self.prefix}:cmds:arith"

    def consumers(self) -> list[str]:
        try:
            return [c["name"].decode() for c in self.r.xinfo_consumers(self.command_stream(), "arith")]
        except redis.exceptions.ResponseError:
            return []

    def pending(self) -> int:
        try:
            return int(self.r.xpending(self.command_stream(), "arith")["pending"])
        except redis.exceptions.ResponseError:
            return 0

    def stream_length(self) -> int:
        return int(self.r.xlen(self.command_stream()))

    def reply_streams(self) -> list[str]:
        return [k.decode() for k in self.r.scan_iter(match=f"{self.prefix}:replies:*", count=1000)]

    def dead_letters(self) -> int:
        return int(self.r.xlen(f"{self.prefix}:dead-letters"))

    def delivered_and_acknowledged(self) -> bool:
        """Nothing pending and nothing left to deliver (entries may stay in the stream)."""
        return stream_drained(self.r, self.prefix)

    def settled(self) -> bool:
        """Nothing pending and nothing left to read in the command stream."""
        return self.pending() == 0 and self.stream_length() == 0

    def close(self) -> None:
        for driver in self.drivers:
            if driver.proc.poll() is None:
                try:
                    driver.terminate()
                except ScenarioError:
                    pass
            driver.kill()

"""clamator reliability suite: faults against real processes and a real Redis.

Every scenario runs server processes (Java servers on the Spring Boot starter; Python servers on
the published clamator-over-redis package) and Java load drivers against one Redis with an
append-only file (appendfsync always), injects its fault, and checks that every call was answered
correctly or failed as the documentation says, within its timeout. Prints one line per scenario
with its figures, then `N passed, M failed`; exits non-zero when a scenario failed. Started by
reliability/run, which builds the drivers first. See docs/reliability.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import redis

from faults import REPLY_STREAM_TTL_MS, PersistentRedis, Scene
from harness import Checks, ScenarioError, environment_summary, free_port, poll, select
from poison import PoisonFlood

RELIABILITY_DIR = Path(__file__).resolve().parent.parent
HANG_MARGIN_MS = 2000  # a call may end this much after its timeout (timer and scheduling) before it counts as hung
LOAD_LIMIT_S = 600  # loads that run until the scenario stops them


def ms(figures: dict[str, Any], key: str) -> str:
    """'p50/p99/max' of a latency summary, in ms."""
    value = figures.get(key) or {}
    if not value:
        return "-"
    return f"{value['p50']:.1f}/{value['p99']:.1f}/{value['max']:.1f}"


def all_answered(checks: Checks, summary: dict[str, Any], what: str, min_calls: int = 50) -> None:
    """Every call of a load answered with the right sum: no error, no timeout, nothing hung."""
    checks.true(summary["calls"] >= min_calls, f"{what}: only {summary['calls']} calls were made, expected >= {min_calls}")
    checks.equal(summary["wrong"], 0, f"{what}: wrong answers")
    unanswered = summary["calls"] - summary["ok"]
    checks.true(unanswered == 0, f"{what}: {unanswered} of {summary['calls']} calls not answered: "
                                 f"{json.dumps({k: summary[k] for k in ('transportErrors', 'timeouts', 'rpcErrors', 'otherErrors', 'hung')})}"
                                 f" samples {json.dumps(summary['samples'])[:600]}")


def none_wrong_or_hung(checks: Checks, summary: dict[str, Any], timeout_ms: int, what: str) -> None:
    checks.equal(summary["wrong"], 0, f"{what}: wrong answers")
    checks.equal(summary["hung"], 0, f"{what}: calls without an outcome long after their timeout")
    checks.true(summary["maxMs"] <= timeout_ms + HANG_MARGIN_MS,
                f"{what}: a call took {summary['maxMs']:.0f} ms, its timeout is {timeout_ms} ms")
    checks.true(summary["otherErrors"] == 0 and not summary["rpcErrors"],
                f"{what}: failures other than transport errors and timeouts: {json.dumps(summary['samples'])[:600]}")


def await_clean_group(scene: Scene, checks: Checks, python_in_pool: bool = False) -> str:
    """Waits until every call is handled and no consumer but the live servers' is left in the group.

    Python servers acknowledge entries without deleting them, so with one in the pool the stream
    keeps what it handled. Before Redis 7.2 a consumer's idle time counts from its last delivery,
    so a live server that has had no call for longer than the idle timeout loses its consumer too
    (it comes back with the next call): the live servers' consumers may be fewer than the servers.
    """
    for server in scene.live_servers():
        server.wait_ready()
    handled = scene.delivered_and_acknowledged if python_in_pool else scene.settled
    poll(handled, 60, "every call to be handled and its entry acknowledged", 0.1)
    live = {f"arith:{s.instance}" for s in scene.live_servers()}  # type: ignore[attr-defined]
    try:
        poll(lambda: set(scene.consumers()) <= live, 60, "the consumers of the killed servers to be removed", 0.2)
    except ScenarioError:
        checks.true(False, f"consumers {sorted(scene.consumers())}, live servers {sorted(live)}")
    return (f"afterwards {len(scene.consumers())} consumers, all of the {len(live)} live servers "
            f"({len(scene.servers)} started), pending {scene.pending()}, stream length {scene.stream_length()}")


# --- scenarios ---------------------------------------------------------------------------

def worker_churn(scene: Scene, checks: Checks) -> list[str]:
    for _ in range(3):
        scene.server("java")
    # a client SIGKILLed while its calls are in flight leaves its reply stream behind
    victim = scene.load(60, 4, 30_000, name="victim-client")
    poll(scene.reply_streams, 30, "the victim client's reply stream", 0.05)
    victim.kill()
    left_by_victim = scene.reply_streams()
    ttl_ms = [scene.r.pttl(key) for key in left_by_victim]

    load = scene.load(LOAD_LIMIT_S, 8, 30_000, intervalMs=5)
    kills = 10
    started = time.monotonic()
    scene.churn(kills, every_s=3)
    churn_s = time.monotonic() - started
    summary = scene.summary(load, stop=True)
    all_answered(checks, summary, "load")
    checks.true(all(0 < ttl <= REPLY_STREAM_TTL_MS for ttl in ttl_ms), f"time to live of the killed client's reply streams: {ttl_ms} ms")
    group = await_clean_group(scene, checks)
    # a client that stops empties its reply stream and leaves it to expire
    left = {key: (scene.r.xlen(key), scene.r.pttl(key)) for key in scene.reply_streams()}
    checks.true(all(length == 0 and 0 < ttl <= REPLY_STREAM_TTL_MS for length, ttl in left.values()),
                f"reply streams left (entries, ms to live): {left}")
    return [f"{summary['calls']} calls at c=8, {summary['ok']} answered right, {summary['wrong']} wrong; "
            f"{kills} of {len(scene.servers)} Java servers SIGKILLed and replaced in {churn_s:.0f} s; "
            f"latency p50/p99/max {ms(summary, 'okMs')} ms",
            group,
            f"a client SIGKILLed with calls in flight left {len(left_by_victim)} reply stream(s) with {ttl_ms} ms to live "
            f"(reply-stream TTL {REPLY_STREAM_TTL_MS / 1000:.0f} s); {len(left)} left at the end by stopped clients, empty and"
            f" expiring"]


def mixed_churn(scene: Scene, checks: Checks) -> list[str]:
    scene.server("java")
    scene.server("py")
    scene.server("java")
    load = scene.load(LOAD_LIMIT_S, 8, 30_000, intervalMs=5)
    kills = 8
    started = time.monotonic()
    scene.churn(kills, every_s=3, languages=["py", "java"])
    churn_s = time.monotonic() - started
    summary = scene.summary(load, stop=True)
    all_answered(checks, summary, "load")
    group = await_clean_group(scene, checks, python_in_pool=True)
    by_lang = {lang: sum(1 for s in scene.servers if s.lang == lang) for lang in ("java", "py")}
    return [f"{summary['calls']} calls at c=8, {summary['ok']} answered right, {summary['wrong']} wrong; "
            f"{kills} servers SIGKILLed in {churn_s:.0f} s (Python and Java in turn) of {by_lang['java']} Java and {by_lang['py']} Python started; "
            f"latency p50/p99/max {ms(summary, 'okMs')} ms",
            group]


def stream_gauges(port: int) -> dict[str, float]:
    """The arith stream gauges a Java server exposes at /actuator/prometheus."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/prometheus", timeout=10) as response:
        scrape = response.read().decode()
    return {name: float(value) for name, value in
            re.findall(r'^clamator_stream_(lag|pending|length)\{[^}]*rpc_service="arith"[^}]*\} (\S+)$', scrape, re.M)}


def redis_lag(scene: Scene) -> Any:
    for group in scene.r.xinfo_groups(f"{scene.prefix}:cmds:arith"):
        return group.get("lag")
    return None


def redis_outage(scene: Scene, checks: Checks, rds: PersistentRedis, freeze: bool) -> list[str]:
    port = free_port()
    scene.server("java", {"spring.main.web-application-type": "SERVLET", "server.port": str(port),
                          "management.endpoints.web.exposure.include": "prometheus",
                          "clamator.redis.server.stream-metrics-interval": "500ms"})
    scene.server("java")
    timeout_ms = 5_000 if freeze else 10_000
    outage_s = 12 if freeze else 5  # the freeze outlasts the 10 s command timeout
    load = scene.load(35 if freeze else 30, 16, timeout_ms)
    originals = list(scene.servers)
    time.sleep(8)  # load before the fault
    if freeze:
        rds.freeze()
        time.sleep(outage_s)
        rds.resume()
    else:
        rds.kill()
        time.sleep(outage_s)
        rds.start()
    back_at_ms = time.time() * 1000
    summary = scene.summary(load)
    none_wrong_or_hung(checks, summary, timeout_ms, "load")
    failed = summary["transportErrors"] + summary["timeouts"]
    # calls sent while Redis is away fail; when every caller was waiting for a reply at the kill, none
    # is sent, and the calls in flight wait through the outage instead (their entries in the AOF)
    waited = summary["maxMs"] >= outage_s * 1000
    checks.true(failed > 0 or waited, "no call failed or waited through the outage although Redis was " +
                ("frozen" if freeze else "down"))
    recovery_s = float("nan")
    if failed:
        checks.true(summary["firstOkAfterFailureAt"] > 0, "no call succeeded after the outage")
        # calls in flight when Redis is back may be answered at once: never less than 0
        recovery_s = max(0.0, (summary["firstOkAfterFailureAt"] - back_at_ms) / 1000) if summary["firstOkAfterFailureAt"] else float("nan")
        checks.true(recovery_s <= 10, f"the first call after the outage succeeded {recovery_s:.1f} s after Redis was back")
    checks.true(all(s.proc.poll() is None for s in originals), "a server process exited")
    after = scene.load(3, 8, 10_000, name="load-after")
    after_summary = scene.summary(after)
    all_answered(checks, after_summary, "calls after the outage", min_calls=20)
    group = await_clean_group(scene, checks)
    # the stream gauges once everything is handled: nothing to deliver, nothing pending, whatever Redis's own counters say
    try:
        gauges = poll(lambda: (lambda g: g if g.get("lag") == 0 and g.get("pending") == 0 else None)(stream_gauges(port)), 30,
                      "the stream gauges to read lag 0 and pending 0", 0.5)
    except ScenarioError:
        gauges = stream_gauges(port)
        checks.true(False, f"stream gauges after the calls were handled: {gauges}")
    group += f"; stream gauges lag {gauges.get('lag')}, pending {gauges.get('pending')} (XINFO GROUPS lag {redis_lag(scene)})"
    how = f"Redis SIGSTOPped {outage_s} s (command timeout 10 s)" if freeze else \
        f"Redis SIGKILLed, restarted from its append-only file after {outage_s} s"
    return [f"{how}; {summary['calls']} calls at c=16 (timeout {timeout_ms / 1000:.0f} s): {summary['ok']} answered right, "
            f"{summary['wrong']} wrong, {summary['transportErrors']} transport errors after p50/p99/max "
            f"{ms(summary, 'transportErrorMs')} ms, {summary['timeouts']} timeouts, {summary['hung']} past their timeout "
            f"(longest call {summary['maxMs']:.0f} ms)",
            (f"first call answered {recovery_s:.1f} s after Redis was back" if failed else
             "no call failed: the calls in flight waited through the outage") + f"; the same {len(originals)} servers and client, "
            f"not restarted; {after_summary['ok']}/{after_summary['calls']} calls answered afterwards; {group}"]


def redis_restart(scene: Scene, checks: Checks, rds: PersistentRedis) -> list[str]:
    return redis_outage(scene, checks, rds, freeze=False)


def redis_freeze(scene: Scene, checks: Checks, rds: PersistentRedis) -> list[str]:
    return redis_outage(scene, checks, rds, freeze=True)


def stuck_handler(scene: Scene, checks: Checks) -> list[str]:
    for _ in range(2):
        scene.server("java", {"clamator.server.handler-timeout": "2s"})
    normal = scene.load(20, 8, 10_000)
    stuck = scene.load(20, 2, 10_000, name="stuck-load", sleepMs=600_000)
    normal_summary = scene.summary(normal)
    stuck_summary = scene.summary(stuck)
    all_answered(checks, normal_summary, "normal calls")
    checks.true(normal_summary["okMs"]["p99"] < 2000,
                f"normal calls waited behind stuck ones: p99 {normal_summary['okMs']['p99']:.0f} ms")
    timed_out = stuck_summary["rpcErrors"].get("-32603", 0)
    checks.true(stuck_summary["calls"] >= 5 and timed_out == stuck_summary["calls"],
                f"stuck calls: {timed_out} of {stuck_summary['calls']} answered -32603; {json.dumps(stuck_summary['samples'])[:400]}")
    checks.true(stuck_summary["maxMs"] < 2000 + 5000, f"a stuck call was answered after {stuck_summary['maxMs']:.0f} ms")
    group = await_clean_group(scene, checks)
    return [f"2 callers of a handler that never returns, handler timeout 2 s: {timed_out} calls answered -32603 "
            f"\"Handler timed out\" after at most {stuck_summary['maxMs']:.0f} ms; beside them {normal_summary['calls']} "
            f"normal calls at c=8, all answered right, latency p50/p99/max {ms(normal_summary, 'okMs')} ms",
            group]


def poison_flood(scene: Scene, checks: Checks) -> list[str]:
    for _ in range(2):
        # the error replies are counted after the run: their streams must outlive it
        scene.server("java", {"clamator.redis.reply-stream-ttl": "10m"})
    load = scene.load(25, 8, 10_000)
    flood = PoisonFlood(scene.r, scene.prefix)
    written = flood.write(copies=150)
    summary = scene.summary(load)
    all_answered(checks, summary, "normal calls")
    checks.true(all(s.proc.poll() is None for s in scene.servers), "a server process exited")
    group = await_clean_group(scene, checks)
    checks.equal(scene.dead_letters(), 0, "dead letters")
    replies = flood.replies()
    flood.clean_up()
    for kind, expected_code in flood.expected_replies().items():
        got = replies.get(kind, {})
        checks.true(got == {expected_code: flood.copies_of(kind)},
                    f"replies to poison of kind {kind}: expected {flood.copies_of(kind)} x {expected_code}, got {got}")
    unexpected = {kind: got for kind, got in replies.items() if kind not in flood.expected_replies()}
    checks.true(not unexpected, f"replies to poison that cannot be answered: {unexpected}")
    return [f"{sum(written.values())} malformed entries of {len(written)} kinds ({', '.join(sorted(written))}) "
            f"beside {summary['calls']} normal calls at c=8: all normal calls answered right "
            f"(p50/p99/max {ms(summary, 'okMs')} ms), servers alive, no dead letters, "
            f"{sum(sum(c.values()) for c in replies.values())} error replies where the entry named a reply stream",
            group]


@dataclass
class Scenario:
    name: str
    run: Callable[..., list[str]]
    what: str
    needs_redis: bool = False


SCENARIOS = [
    Scenario("worker-churn", worker_churn, "3 Java servers, one SIGKILLed and replaced every 3 s under load"),
    Scenario("mixed-churn", mixed_churn, "2 Java + 1 Python server, SIGKILLed and replaced in turn under load"),
    Scenario("redis-restart", redis_restart, "Redis SIGKILLed under load, restarted from its AOF", True),
    Scenario("redis-freeze", redis_freeze, "Redis SIGSTOPped longer than the command timeout, then resumed", True),
    Scenario("stuck-handler", stuck_handler, "handlers that never return beside normal calls, handler timeout"),
    Scenario("poison-flood", poison_flood, "thousands of malformed entries beside normal calls"),
]


def growth(r: redis.Redis) -> tuple[list[str], list[str]]:
    """What the run left in Redis, across every scenario's key prefix."""
    failures: list[str] = []
    command_streams = list(r.scan_iter(match="clam-rel-*:cmds:*", count=1000))
    entries = sum(int(r.xlen(key)) for key in command_streams if b"mixed-churn" not in key)
    left_by_python = sum(int(r.xlen(key)) for key in command_streams if b"mixed-churn" in key)
    consumers = sum(len(r.xinfo_consumers(key, key.decode().rsplit(":", 1)[1])) for key in command_streams)
    try:
        poll(lambda: not list(r.scan_iter(match="clam-rel-*:replies:*", count=1000)), REPLY_STREAM_TTL_MS / 1000 + 30,
             "every reply stream to be gone", 0.2)
    except ScenarioError as e:
        failures.append(str(e))
    reply_streams = len(list(r.scan_iter(match="clam-rel-*:replies:*", count=1000)))
    if entries:
        failures.append(f"{entries} entries left in the command streams")
    memory = r.info("memory")
    persistence = r.info("persistence")
    note = (f"{len(command_streams)} command streams holding {entries} entries (and {left_by_python} handled by "
            f"Python servers, which do not delete them), {consumers} consumers left "
            f"(of servers SIGKILLed after the last cleanup; all servers have stopped), {reply_streams} reply streams, "
            f"Redis used_memory {memory['used_memory_human']} (peak {memory['used_memory_peak_human']}), "
            f"append-only file {persistence.get('aof_current_size', 0) / 1e6:.1f} MB, {r.dbsize()} keys")
    return [note], failures


def main() -> int:
    parser = argparse.ArgumentParser(prog="reliability/run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated scenario names (or parts of names) to run")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    args = parser.parse_args()
    if args.list:
        for scenario in SCENARIOS:
            print(f"{scenario.name:15} {scenario.what}")
        return 0
    selected = select(SCENARIOS, args.only)
    if not selected:
        print(f"no scenario matches {args.only!r}; see --list", file=sys.stderr)
        return 2

    log_root = RELIABILITY_DIR / "target" / "reliability-logs" / time.strftime("%Y%m%d-%H%M%S")
    log_root.mkdir(parents=True, exist_ok=True)
    rds = PersistentRedis(log_root)
    r = redis.Redis.from_url(rds.url, socket_timeout=30, retry_on_timeout=True)
    passed = failed = 0
    started = time.monotonic()
    try:
        print(f"reliability: Redis {r.info('server')['redis_version']} at {rds.url} (append-only, appendfsync always); "
              f"{environment_summary(sys.executable)}", flush=True)
        print(f"reliability: logs under {log_root}", flush=True)
        for scenario in selected:
            scene = Scene(r, rds.url, scenario.name, log_root)
            checks = Checks()
            t0 = time.monotonic()
            notes: list[str] = []
            try:
                notes = scenario.run(scene, checks, rds) if scenario.needs_redis else scenario.run(scene, checks)
            except ScenarioError as e:
                checks.failures.append(str(e))
            except Exception:  # noqa: BLE001 - a bug in a scenario fails that scenario, not the suite
                checks.failures.append("runner error: " + traceback.format_exc().strip())
            finally:
                scene.close()
            report(scenario.name, notes, checks.failures, time.monotonic() - t0, scene)
            passed, failed = (passed + 1, failed) if not checks.failures else (passed, failed + 1)
        t0 = time.monotonic()
        notes, failures = growth(r)
        report("growth", notes, failures, time.monotonic() - t0, None)
        passed, failed = (passed + 1, failed) if not failures else (passed, failed + 1)
        print(f"\nreliability: {time.monotonic() - started:.0f} s")
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        r.close()
        rds.stop()


def report(name: str, notes: list[str], failures: list[str], seconds: float, scene: Scene | None) -> None:
    print(f"{'PASS' if not failures else 'FAIL'} {name:14} ({seconds:.0f} s) {' | '.join(notes)}", flush=True)
    for failure in failures:
        print(f"     - {failure}", flush=True)
    if failures and scene is not None:
        for driver in scene.drivers[-6:]:
            tail = driver.log_text().strip().splitlines()[-10:]
            print(f"     {driver.name} log {driver.log_path}:", flush=True)
            for line in tail:
                print(f"       | {line[:240]}", flush=True)


if __name__ == "__main__":
    sys.exit(main())

"""clamator interop runner: Java (this repository) against the published Python packages.

Runs every scenario in both directions (a Java server with a Python client, and a Python server
with a Java client) against one Redis, each run under a key prefix of its own, prints a table
scenario x direction and exits non-zero when anything failed. Started by interop/run, which
builds the Java drivers and the Python virtual environment first. See docs/interop.md.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import string
import sys
import time
import traceback
import urllib.request
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import redis

from harness import (CLIENT_TIMEOUT_S, DRAIN_TIMEOUT_S, INTEROP_DIR, LANG_NAMES, Checks, Driver, LocalCluster, LocalRedis,
                     ScenarioError, brief, delete_keys, environment_summary, free_port, poll, select, stream_drained)

DIRECTIONS = [("java", "py"), ("py", "java")]  # (server language, client language)


def other(lang: str) -> str:
    return "py" if lang == "java" else "java"


class Run:
    """One scenario in one direction: its key prefix, processes, logs and checks."""

    def __init__(self, r: redis.Redis, redis_url: str, scenario: str, server_lang: str, client_lang: str,
                 log_root: Path) -> None:
        suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=4))
        self.prefix = f"clam-interop-{scenario}-{server_lang}{client_lang}-{suffix}"
        self.r = r
        self.redis_url = redis_url
        self.server_lang = server_lang
        self.client_lang = client_lang
        self.log_dir = log_root / self.prefix
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.drivers: list[Driver] = []
        self.checks = Checks()
        self.log_root = log_root
        # where each language's drivers find Redis: the run's Redis, unless a scenario points them elsewhere
        self.redis_target: dict[str, dict[str, Any]] = {}

    def target(self, lang: str) -> dict[str, Any]:
        """The driver config entries saying where Redis is: redisUrl, or clusterNodes for a Java driver on a cluster."""
        return self.redis_target.get(lang, {"redisUrl": self.redis_url})

    # processes

    def server(self, lang: str, contract: str | list[str], instance_id: str, claim_idle_ms: int | None = None,
               wait_ready: bool = True, tracing: bool = False, properties: dict[str, str] | None = None) -> Driver:
        config: dict[str, Any] = {"contract": contract, **self.target(lang), "keyPrefix": self.prefix,
                                  "instanceId": instance_id, "consumerClaimIdleMs": claim_idle_ms or 60000}
        if tracing:
            config["tracing"] = True
        if properties:
            config["properties"] = properties
        driver = Driver("server", lang, config, self.log_dir / f"{lang}-server-{instance_id}.log")
        self.drivers.append(driver)
        if wait_ready:
            driver.wait_ready()
        return driver

    def start_client(self, lang: str, calls: list[dict[str, Any]], timeout_ms: int = 5000,
                     concurrent: int | None = None) -> Driver:
        config: dict[str, Any] = {**self.target(lang), "keyPrefix": self.prefix,
                                  "defaultTimeoutMs": timeout_ms, "calls": calls}
        if concurrent and concurrent > 1:
            config["concurrent"] = concurrent
        index = sum(1 for d in self.drivers if d.kind == "client")
        driver = Driver("client", lang, config, self.log_dir / f"{lang}-client-{index}.log")
        self.drivers.append(driver)
        return driver

    def finish_client(self, driver: Driver, expected_results: int) -> list[dict[str, Any]]:
        code = driver.wait_exit(CLIENT_TIMEOUT_S)
        out = "\n".join(driver.stdout_lines).strip()
        try:
            document = json.loads(out)
        except ValueError:
            raise ScenarioError(f"{driver.name} printed no single JSON document (exit {code}): {out[:300]!r} "
                                f"(log: {driver.log_path})")
        results = document.get("results") if isinstance(document, dict) else None
        if not isinstance(results, list) or len(results) != expected_results:
            raise ScenarioError(f"{driver.name} printed {brief(document)}, expected {expected_results} results")
        if code != 0:
            raise ScenarioError(f"{driver.name} exited with {code} (log: {driver.log_path})")
        return results

    def client(self, lang: str, calls: list[dict[str, Any]], timeout_ms: int = 5000,
               concurrent: int | None = None) -> list[dict[str, Any]]:
        driver = self.start_client(lang, calls, timeout_ms, concurrent)
        return self.finish_client(driver, len(calls) * max(1, concurrent or 1))

    def wait_drained(self) -> None:
        poll(lambda: stream_drained(self.r, self.prefix), DRAIN_TIMEOUT_S,
             "every command to be handled and acknowledged", 0.05)

    def stop(self, server: Driver) -> int:
        """SIGTERMs a server and returns its HANDLED count."""
        server.terminate()
        handled = server.handled()
        if handled is None:
            raise ScenarioError(f"{server.name} printed no HANDLED:<n> on stderr at SIGTERM (log: {server.log_path})")
        return handled

    def close(self) -> None:
        for driver in self.drivers:
            driver.kill()
        delete_keys(self.r, self.prefix)

    # hand-written stream entries (no clamator client involved)

    def write_entry(self, service: str, fields: list[tuple[str, str]]) -> None:
        """XADDs an entry with exactly these fields, in this order."""
        flat: list[Any] = ["XADD", f"{self.prefix}:cmds:{service}", "*"]
        for name, value in fields:
            flat += [name, value]
        self.r.execute_command(*flat)

    def read_replies(self, stream: str, count: int, timeout_s: float) -> list[dict[str, Any]]:
        replies: list[dict[str, Any]] = []
        last = "0-0"
        deadline = time.monotonic() + timeout_s
        while len(replies) < count and time.monotonic() < deadline:
            for _, entries in self.r.xread({stream: last}, block=200) or []:
                for entry_id, fields in entries:
                    last = entry_id
                    replies.append({k.decode(): v.decode() for k, v in fields.items()})
        return replies


# --- calls -------------------------------------------------------------------------------

def call(method: str, params: Any) -> dict[str, Any]:
    return {"method": method, "params": params, "notification": False}


def notify(method: str, params: Any) -> dict[str, Any]:
    return {"method": method, "params": params, "notification": True}


def standard(run: Run, contract: str | list[str], calls: list[dict[str, Any]], timeout_ms: int = 5000,
             concurrent: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """One server in the run's server language, one client in its client language: runs the
    calls, waits until the server has handled everything, stops it; returns (results, HANDLED)."""
    server = run.server(run.server_lang, contract, "srv-A")
    results = run.client(run.client_lang, calls, timeout_ms, concurrent)
    run.wait_drained()
    return results, run.stop(server)


# --- scenarios: the upstream ones --------------------------------------------------------

def basic_call(run: Run) -> None:
    results, handled = standard(run, "arith", [call("arith.add", {"a": 2, "b": 3}),
                                               call("arith.echoText", {"text": "hello"})])
    run.checks.result(results[0], {"sum": 5}, "arith.add {2,3}")
    run.checks.result(results[1], {"text": "hello"}, "arith.echoText")
    run.checks.equal(handled, 2, "HANDLED")


def error_mapping(run: Run) -> None:
    results, handled = standard(run, "arith", [call("arith.divide", {"a": 10, "b": 0}),
                                               call("arith.divide", {"a": 10, "b": 4})])
    if run.checks.rpc_error(results[0], -32000, "divide by zero", "division by zero"):
        run.checks.true("data" in results[0] and results[0]["data"] is None,
                        f"divide by zero: expected data null, got {brief(results[0])}")
    run.checks.result(results[1], {"q": 2.5}, "divide 10/4")
    run.checks.equal(handled, 2, "HANDLED")


def invalid_params(run: Run) -> None:
    results, handled = standard(run, "arith", [call("arith.add", {"a": "two", "b": 3}),
                                               call("arith.add", {"a": 1}),
                                               call("arith.slowAdd", {"a": 1, "b": 2, "sleepMs": -1}),
                                               call("arith.echoText", {"text": 5}),
                                               call("arith.echoText", {"text": True})])
    run.checks.rpc_error(results[0], -32602, "add {a: \"two\"}", "Invalid params")
    run.checks.rpc_error(results[1], -32602, "add without b", "Invalid params")
    run.checks.rpc_error(results[2], -32602, "slowAdd sleepMs -1", "Invalid params")
    # no scalar is read as another kind, by either language
    run.checks.rpc_error(results[3], -32602, "echoText {text: 5}", "Invalid params")
    run.checks.rpc_error(results[4], -32602, "echoText {text: true}", "Invalid params")
    if run.server_lang == "java" and results[3].get("kind") == "rpc-error":
        errors = (results[3].get("data") or {}).get("errors") or [{}]
        run.checks.equal(errors[0], {"path": "text", "message": "expected a string, got a number (5)"},
                         "-32602 data from Java for {text: 5}")
    run.checks.equal(handled, 0, "HANDLED (no handler runs for invalid params)")


def notification(run: Run) -> None:
    results, handled = standard(run, "notifications", [notify("notifications.ping", {"tag": "x"}),
                                                       notify("notifications.ping", {})])
    run.checks.notification(results[0], "ping {tag: x}")
    run.checks.notification(results[1], "ping {}")
    run.checks.equal(handled, 2, "HANDLED (both pings reached the handler)")


def timeout(run: Run) -> None:
    results, handled = standard(run, "arith", [call("arith.slowAdd", {"a": 1, "b": 2, "sleepMs": 800})],
                                timeout_ms=100)
    run.checks.transport_error(results[0], "timeout", "slowAdd 800 ms with a 100 ms client timeout")
    run.checks.equal(handled, 1, "HANDLED (the server still ran the slow call)")


def concurrent_calls(run: Run) -> None:
    calls = [call("arith.add", {"a": i, "b": 0.5}) for i in range(100)]
    results, handled = standard(run, "arith", calls, timeout_ms=30000, concurrent=2)
    wrong = [k for k, outcome in enumerate(results)
             if not (outcome.get("kind") == "result" and outcome.get("result") == {"sum": (k % 100) + 0.5})]
    run.checks.true(not wrong, f"{len(wrong)} of 200 concurrent calls got a wrong or no result, "
                               f"first: #{wrong[0] if wrong else ''} {brief(results[wrong[0]]) if wrong else ''}")
    run.checks.equal(handled, 200, "HANDLED")


def worker_pool(run: Run) -> None:
    java = run.server("java", "arith", "srv-java")
    py = run.server("py", "arith", "srv-py")
    calls = [call("arith.add", {"a": i, "b": 1}) for i in range(50)]
    results = run.client(run.client_lang, calls, timeout_ms=10000)
    run.wait_drained()
    handled = {"java": run.stop(java), "py": run.stop(py)}
    for k, outcome in enumerate(results):
        run.checks.result(outcome, {"sum": k + 1}, f"call #{k}")
    for lang, count in handled.items():
        run.checks.true(count >= 5, f"the {LANG_NAMES[lang]} server handled {count} of 50 calls, expected >= 5")
    run.checks.equal(handled["java"] + handled["py"], 50, "HANDLED of both servers together")
    run.checks.notes.append(f"Java handled {handled['java']}, Python {handled['py']}")


def crash_recovery(run: Run) -> None:
    """The survivor speaks the run's server language; the other language's server is killed with
    SIGKILL while it is running a call, and the client (the killed server's language) still
    gets the answer, from the survivor, which reclaims the entry once idle for 200 ms."""
    survivor_lang, victim_lang = run.server_lang, other(run.server_lang)
    stream = f"{run.prefix}:cmds:arith"
    survivor = run.server(survivor_lang, "arith", "srv-survivor", claim_idle_ms=200)
    victim = run.server(victim_lang, "arith", "srv-victim", claim_idle_ms=200)
    # 400 ms handlers: long enough to kill one mid-run, short enough that the two servers rarely
    # reclaim each other's running calls (claim idle 200 ms, reclaim every second)
    calls = [call("arith.slowAdd", {"a": i, "b": 100, "sleepMs": 400}) for i in range(8)]
    client = run.start_client(run.client_lang, calls, timeout_ms=30000)

    def pending() -> list[dict[str, Any]]:
        return run.r.xpending_range(stream, "arith", min="-", max="+", count=100)

    missed: set[bytes] = set()

    def victim_holds_an_entry() -> Any:
        if client.proc.poll() is not None:
            raise ScenarioError("the client finished before the victim server was caught running a call")
        return next((p for p in pending() if p["consumer"].decode() == "arith:srv-victim"
                     and p["message_id"] not in missed), None)

    while True:
        held = poll(victim_holds_an_entry, 60, "the victim server to take a call")
        # freeze it first: if the runner was too slow and the call is already acknowledged,
        # let the victim go on and catch its next call instead
        victim.proc.send_signal(signal.SIGSTOP)
        if any(p["message_id"] == held["message_id"] for p in pending()):
            victim.kill()  # SIGKILL while its call is unacknowledged
            break
        missed.add(held["message_id"])
        victim.proc.send_signal(signal.SIGCONT)
    entry = run.r.xrange(stream, min=held["message_id"], max=held["message_id"])
    taken = json.loads(entry[0][1][b"envelope"])["params"]["a"]
    results = run.finish_client(client, len(calls))
    run.wait_drained()
    handled = run.stop(survivor)
    for k, outcome in enumerate(results):
        run.checks.result(outcome, {"sum": k + 100}, f"slowAdd #{k}")
    # the calls after the killed one all went to the survivor; it must also have run the killed one
    run.checks.true(handled >= len(calls) - taken,
                    f"the survivor handled {handled} calls, expected at least {len(calls) - taken} "
                    f"(call #{taken}, reclaimed from the killed server, and the {len(calls) - taken - 1} after it)")
    run.checks.notes.append(f"{LANG_NAMES[victim_lang]} server killed while running call #{taken}; "
                            f"{LANG_NAMES[survivor_lang]} survivor handled {handled}")


# --- scenarios: beyond upstream ----------------------------------------------------------

UNICODE_TEXTS = [
    "àéîõü ÆØÅ ß ñ ç Ő ł — “curly” ‘quotes’ «guillemets» € ¥",
    "שלום עולם · مرحبا بالعالم \u200f\u202e reversed\u202c (right-to-left)",
    "emoji 😀🎉👍🏽 👨\u200d👩\u200d👧 𝄞 𠜎 🏳️\u200d🌈 (outside the BMP)",
    "controls \u0000 \u0001 \u0007 \b \t \n \u000b \f \r \u001b \u001f \u007f \u0080 \u009f end",
    "quotes \" ' ` and backslashes \\ \\\\ \\u0041 \\n / </script> {\"json\": [1]}",
    "separators \u2028 \u2029 bom \ufeff nbsp \u00a0 combining e\u0301 zero-width \u200b",
    "",
    "every C0 and C1 control: " + "".join(chr(c) for c in [*range(0x20), *range(0x7f, 0xa0)]),
]


def unicode_text(run: Run) -> None:
    keys = {"clé": "valeur", "ключ": "значение", "😀": "emoji key", "tab\tkey": 1, "quote\"key": "\\"}
    calls = [call("arith.echoText", {"text": text}) for text in UNICODE_TEXTS] + [call("shapes.echo", keys)]
    results, handled = standard(run, ["arith", "shapes"], calls)
    for text, outcome in zip(UNICODE_TEXTS, results):
        run.checks.result(outcome, {"text": text}, f"echoText {brief(text, 40)}")
    run.checks.result(results[-1], keys, "shapes.echo with non-ASCII keys")
    run.checks.equal(handled, len(calls), "HANDLED")


def large_string(run: Run) -> None:
    size = 256 * 1024
    text = "".join(f"{i:07x}|" for i in range(size // 8))  # position markers: a shifted or cut chunk shows
    assert len(text) == size
    results, handled = standard(run, "arith", [call("arith.echoText", {"text": text})], timeout_ms=30000)
    outcome = results[0]
    if run.checks.true(outcome.get("kind") == "result", f"echoText 256 KiB: got {brief(outcome)}"):
        echoed = outcome["result"].get("text", "") if isinstance(outcome["result"], dict) else ""
        first_bad = next((i for i, (a, b) in enumerate(zip(echoed, text)) if a != b), None)
        run.checks.true(echoed == text, f"echoText 256 KiB: {len(echoed)} chars came back, "
                                        f"first difference at {first_bad}")
    run.checks.equal(handled, 1, "HANDLED")


def escaped_size(run: Run) -> None:
    # Python writes JSON with ensure_ascii: each non-ASCII character travels as a 6-byte \uXXXX
    # escape (12 bytes outside the BMP). A Java server's maximum payload (clamator.server.
    # max-payload-size, 1 MiB) counts those bytes.
    fits, too_big = "é" * 150_000, "é" * 180_000  # 900,000 and 1,080,000 bytes escaped
    server = run.server(run.server_lang, "arith", "srv-A")
    results = run.client(run.client_lang, [call("arith.echoText", {"text": fits})], timeout_ms=30000)
    results += run.client(run.client_lang, [call("arith.echoText", {"text": too_big})], timeout_ms=30000)
    run.wait_drained()
    handled = run.stop(server)
    run.checks.true(results[0].get("result") == {"text": fits},
                    f"150,000 x é (900,000 bytes escaped): got {brief(results[0], 120)}")
    if run.server_lang == "java":
        # the Java server answers a request too large to read by its id alone, unread
        if run.checks.rpc_error(results[1], -32600, "180,000 x é from Python: over the Java server's 1 MiB", "Invalid Request"):
            data = results[1].get("data") or {}
            run.checks.true(data.get("maxBytes") == 1048576 and data.get("bytes", 0) > 1048576,
                            f"the -32600 data names both sizes: got {brief(results[1], 200)}")
        run.checks.true("exceeds the maximum" in server.log_text(),
                        "the Java server logs the oversized envelope as poison")
        run.checks.equal(handled, 1, "HANDLED")
    else:
        # the Python server handles it, and escapes its reply too: over the Java client's 1 MiB
        # (clamator.client.max-payload-size), so the call fails unread instead of timing out
        outcome = results[1]
        run.checks.true(outcome.get("kind") == "protocol-error"
                        and "exceeds the maximum of 1048576" in str(outcome.get("message")),
                        f"180,000 x é echoed by Python (1,080,000 bytes escaped) to a Java client: got {brief(outcome, 200)}")
        run.checks.equal(handled, 2, "HANDLED")


NESTED = {
    "level1": {"level2": {"level3": {"list": [1, 2.5, "three", True, False, None, [], {}, [[["deep"]]]]}}},
    "matrix": [[1, 2], [3, 4], []],
    "objects": [{"id": 1, "tags": ["a", "b"]}, {"id": 2, "tags": []}],
    "empty": {},
    "emptyList": [],
    "flags": [True, False],
    "numbers": [0, -1, 2147483648, 9007199254740991, -12.5e3, 1e-7, 0.1],
}


def deep(depth: int) -> dict[str, Any]:
    node: dict[str, Any] = {"leaf": [depth]}
    for level in range(depth):
        node = {"n": node, "i": level} if level % 2 else {"n": [node], "i": level}
    return node


ORDER = {
    "orderId": "o-1001",
    "customer": {"name": "Zoë Ångström", "email": "zoe@example.org"},
    "lines": [{"sku": "A-1", "qty": 2, "unitPrice": 9.99}, {"sku": "B-22", "qty": 1, "unitPrice": 0.5},
              {"sku": "C-333", "qty": 3, "unitPrice": 19.95}],
    "tags": ["gift", "express"],
    "note": "leave at the door",
}


def order_summary(order: dict[str, Any]) -> dict[str, Any]:
    total = 0.0
    for line in order["lines"]:
        total += line["qty"] * line["unitPrice"]
    summary = {"orderId": order["orderId"], "customer": order["customer"], "lineCount": len(order["lines"]),
               "total": total, "skus": [line["sku"] for line in order["lines"]], "tags": order["tags"]}
    if "note" in order:
        summary["note"] = order["note"]
    return summary


def nested_shapes(run: Run) -> None:
    results, handled = standard(run, "shapes", [call("shapes.echo", NESTED), call("shapes.echo", deep(32)),
                                                call("shapes.order", ORDER)])
    run.checks.result(results[0], NESTED, "shapes.echo nested objects and arrays")
    run.checks.result(results[1], deep(32), "shapes.echo 32 levels deep")
    run.checks.result(results[2], order_summary(ORDER), "shapes.order (typed nested params and result)")
    run.checks.equal(handled, 3, "HANDLED")


def optional_fields(run: Run) -> None:
    absent = {k: v for k, v in ORDER.items() if k != "note"} | {"customer": {"name": "Ada"}}
    nulls = ORDER | {"note": None, "customer": {"name": "Ada", "email": None}}
    calls = [call("shapes.order", absent), call("shapes.order", nulls),
             call("shapes.echo", {"present": 1, "nothing": None}),
             notify("notifications.ping", {}), notify("notifications.ping", {"tag": None})]
    results, handled = standard(run, ["shapes", "notifications"], calls)
    expected = order_summary(absent)
    if run.server_lang == "py":
        # a Python server dumps its result model whole: unset optional fields go out as null
        expected = expected | {"note": None, "customer": {"name": "Ada", "email": None}}
    run.checks.result(results[0], expected, "order without the optional fields")
    run.checks.result(results[1], expected, "order with the optional fields null")
    run.checks.result(results[2], {"present": 1, "nothing": None}, "echo keeps an explicit null")
    run.checks.notification(results[3], "ping {}")
    run.checks.notification(results[4], "ping {tag: null}")
    run.checks.equal(handled, 5, "HANDLED (both pings handled)")


def unknown_fields(run: Run) -> None:
    order = ORDER | {"customer": ORDER["customer"] | {"vip": True},
                     "lines": [ORDER["lines"][0] | {"discount": 0}], "channel": "web"}
    calls = [call("arith.add", {"a": 1, "b": 2, "c": 3}), call("arith.echoText", {"text": "x", "extra": {"n": 1}}),
             call("shapes.order", order)]
    results, handled = standard(run, ["arith", "shapes"], calls)
    if run.server_lang == "java":
        # Java ignores unknown fields (forward compatible), as TypeScript does
        run.checks.result(results[0], {"sum": 3}, "add with an extra field c")
        run.checks.result(results[1], {"text": "x"}, "echoText with an extra object")
        expected = order_summary({k: v for k, v in order.items() if k != "channel"}
                                 | {"customer": ORDER["customer"]})
        run.checks.result(results[2], expected, "order with extra fields at three levels")
        run.checks.equal(handled, 3, "HANDLED")
    else:
        # Python's contract models forbid extra fields: -32602, type extra_forbidden
        for outcome, where, field in ((results[0], "add with an extra field c", ["c"]),
                                      (results[1], "echoText with an extra object", ["extra"]),
                                      (results[2], "order with extra fields", ["channel"])):
            if run.checks.rpc_error(outcome, -32602, where, "Invalid params"):
                errors = (outcome.get("data") or {}).get("errors") or []
                run.checks.true(any(e.get("type") == "extra_forbidden" and e.get("loc") == field for e in errors),
                                f"{where}: expected an extra_forbidden error at {field}, got {brief(errors)}")
        run.checks.equal(handled, 0, "HANDLED")


def int_vs_float(run: Run) -> None:
    numbers = {"int": 5, "float": 5.0, "negative": -7, "exp": 1e3, "fraction": 0.25, "big": 12345678901234567890}
    calls = [call("arith.add", {"a": 2, "b": 3}), call("arith.add", {"a": 2.0, "b": 3.0}),
             call("arith.slowAdd", {"a": 1, "b": 2, "sleepMs": 5.0}),
             call("arith.slowAdd", {"a": 1, "b": 2, "sleepMs": 5.5}),
             call("shapes.order", ORDER | {"lines": [{"sku": "A-1", "qty": 2.0, "unitPrice": 3}]}),
             call("shapes.echo", numbers)]
    results, handled = standard(run, ["arith", "shapes"], calls)
    for k, where in ((0, "add 2 + 3"), (1, "add 2.0 + 3.0")):
        if run.checks.result(results[k], {"sum": 5}, where):
            run.checks.true(type(results[k]["result"]["sum"]) is float,
                            f"{where}: a number field is expected as 5.0 on the wire, got {results[k]['result']}")
    run.checks.result(results[2], {"sum": 3}, "slowAdd sleepMs 5.0 (integral float for an integer)")
    run.checks.rpc_error(results[3], -32602, "slowAdd sleepMs 5.5", "Invalid params")
    run.checks.result(results[4], order_summary(ORDER | {"lines": [{"sku": "A-1", "qty": 2, "unitPrice": 3}]}),
                      "order with qty 2.0")
    if run.checks.result(results[5], numbers, "echo of numbers"):
        echoed = results[5]["result"]
        changed = [k for k, v in numbers.items() if type(echoed.get(k)) is not type(v)]
        run.checks.true(not changed, f"echo changed integer/float kinds of {changed}: {brief(echoed)}")
    run.checks.equal(handled, 5, "HANDLED")


LARGE = "12345678901234.5678"
BEYOND_2_53 = 9007199254740993


def exact_decimals(run: Run) -> None:
    """Decimals as strings (how Pydantic writes a Decimal) are exact both ways; a decimal sent as a
    JSON number is exact to a Java peer and rounded to a float by a Python one, in either role."""
    def amounts(*values: Any) -> dict[str, Any]:
        return {"amounts": list(values), "reference": BEYOND_2_53}

    calls = [call("shapes.sum", amounts(LARGE, "0.0022")) | {"typed": True},
             call("shapes.sum", amounts("0.60", "0.40")),
             call("shapes.sum", amounts(Decimal(LARGE), Decimal("0.0022"))) | {"typed": True},
             call("shapes.sum", amounts(0.1, 0.2)),
             call("shapes.sum", amounts("twelve"))]
    results, handled = standard(run, "shapes", calls)
    run.checks.result(results[0], {"total": "12345678901234.5700", "count": 2, "reference": BEYOND_2_53},
                      "decimal strings, read into the client's own contract type")
    run.checks.result(results[1], {"total": "1.00", "count": 2, "reference": BEYOND_2_53}, "0.60 + 0.40 keeps its scale")
    run.checks.result(results[2], {"total": "12345678901234.5702", "count": 2, "reference": BEYOND_2_53},
                      "decimal JSON numbers: the Python peer reads them as floats")
    run.checks.result(results[3], {"total": "0.3", "count": 2, "reference": BEYOND_2_53}, "0.1 + 0.2")
    run.checks.rpc_error(results[4], -32602, "a string that is not a number", "Invalid params")
    run.checks.equal(handled, 4, "HANDLED")


def error_data(run: Run) -> None:
    results, handled = standard(run, ["arith", "shapes"], [call("arith.add", {"a": "two", "b": 3}),
                                                           call("shapes.fail", {"message": "boom ✓"})])
    if run.checks.rpc_error(results[0], -32602, "add {a: \"two\"}", "Invalid params"):
        errors = (results[0].get("data") or {}).get("errors")
        if run.checks.true(isinstance(errors, list) and len(errors) == 1,
                           f"-32602 data: expected {{\"errors\": [one error]}}, got {brief(results[0].get('data'))}"):
            if run.server_lang == "java":
                run.checks.true(errors[0].get("path") == "a" and isinstance(errors[0].get("message"), str),
                                f"-32602 data from Java: expected {{path: \"a\", message}}, got {brief(errors[0])}")
            else:
                run.checks.true(errors[0].get("loc") == ["a"] and errors[0].get("type") == "float_parsing"
                                and isinstance(errors[0].get("msg"), str) and errors[0].get("input") == "two",
                                f"-32602 data from Python: expected pydantic's {{type, loc, msg, input, ...}}, "
                                f"got {brief(errors[0])}")
    if run.checks.rpc_error(results[1], -32603, "shapes.fail", "Internal error"):
        name = "IllegalStateException" if run.server_lang == "java" else "RuntimeError"
        run.checks.equal(results[1].get("data"), {"name": name, "message": "boom ✓"}, "-32603 data")
    run.checks.equal(handled, 1, "HANDLED")


def notification_with_id(run: Run) -> None:
    server = run.server(run.server_lang, "notifications", "srv-A")
    results = run.client(run.client_lang, [call("notifications.ping", {"tag": "with-id"})], timeout_ms=1000)
    run.checks.transport_error(results[0], "timeout", "ping called as a request")
    # the same by hand, to see that nothing is written to the reply stream
    replies = f"{run.prefix}:replies:by-hand"
    run.write_entry("notifications", [("type", "rpc"), ("envelope", json.dumps(
        {"jsonrpc": "2.0", "method": "notifications.ping", "params": {"tag": "by-hand"}, "id": "by-hand-1"})),
        ("reply-to", replies)])
    run.wait_drained()
    run.checks.equal(run.r.exists(replies), 0, "reply stream of the hand-written request (must stay absent)")
    run.checks.equal(run.stop(server), 2, "HANDLED (the handler runs, the caller gets no reply)")


def stream_extra_fields(run: Run) -> None:
    server = run.server(run.server_lang, "arith", "srv-A")
    replies = f"{run.prefix}:replies:by-hand"

    def request(rpc_id: Any, a: int, **extra: Any) -> str:
        return json.dumps({"jsonrpc": "2.0", "method": "arith.add", "params": {"a": a, "b": 1}, "id": rpc_id} | extra)

    trace = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    run.write_entry("arith", [("type", "rpc"), ("traceparent", trace), ("envelope", request("extra-1", 1)),
                              ("reply-to", replies), ("x-clamator-extra", "ignored")])
    run.write_entry("arith", [("envelope", request("extra-2", 2)), ("reply-to", replies), ("type", "rpc"),
                              ("baggage", "tenant=acme")])
    run.write_entry("arith", [("type", "rpc"), ("envelope", request(42, 3)), ("reply-to", replies)])
    run.write_entry("arith", [("type", "rpc"), ("envelope", request("extra-4", 4, meta={"trace": trace})),
                              ("reply-to", replies)])
    got = run.read_replies(replies, 4, 30)
    run.wait_drained()
    handled = run.stop(server)
    by_id = {}
    for fields in got:
        run.checks.equal(sorted(fields), ["envelope", "type"], "fields of a reply entry")
        envelope = json.loads(fields.get("envelope", "{}"))
        by_id[json.dumps(envelope.get("id"))] = envelope
    for rpc_id, a, where in (("extra-1", 1, "extra fields around envelope"), ("extra-2", 2, "fields in another order"),
                             (42, 3, "an integer id"), ("extra-4", 4, "an unknown envelope member")):
        envelope = by_id.get(json.dumps(rpc_id))
        if run.checks.true(envelope is not None, f"{where}: no reply with id {rpc_id!r}; replies: {brief(got)}"):
            run.checks.equal(envelope, {"jsonrpc": "2.0", "id": rpc_id, "result": {"sum": a + 1}}, where)
    run.checks.equal(handled, 4, "HANDLED")


def trace_context(run: Run) -> None:
    """A Java server with tracing continues the trace of an entry that carries one, written as a
    traced Java client writes it (traceparent and tracestate after the wire's fields), and starts
    a new trace for each call of a client that sends none; a Python server answers such entries."""
    lang = run.server_lang
    server = run.server(lang, "arith", "srv-A", tracing=(lang == "java"))
    results = run.client(run.client_lang, [call("arith.add", {"a": 1, "b": 1}), call("arith.add", {"a": 2, "b": 1})])
    replies = f"{run.prefix}:replies:traced"
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    run.write_entry("arith", [("type", "rpc"),
                              ("envelope", json.dumps({"jsonrpc": "2.0", "id": "traced-1", "method": "arith.add",
                                                       "params": {"a": 3, "b": 1}})),
                              ("reply-to", replies), ("timeout-ms", "30000"),
                              ("traceparent", f"00-{trace_id}-00f067aa0ba902b7-01"), ("tracestate", "vendor=1")])
    got = run.read_replies(replies, 1, 30)
    run.wait_drained()
    handled = run.stop(server)
    for k, outcome in enumerate(results):
        run.checks.result(outcome, {"sum": k + 2}, f"untraced call #{k}")
    if run.checks.true(len(got) == 1, f"no reply to the traced entry: {brief(got)}"):
        run.checks.equal(json.loads(got[0]["envelope"]), {"jsonrpc": "2.0", "id": "traced-1", "result": {"sum": 4}},
                         "reply to the traced entry")
    run.checks.equal(handled, 3, "HANDLED")
    if lang != "java":
        return
    traces = {int(a): t for t, a in re.findall(r"\[([0-9a-f]{32})-[0-9a-f]{16}\] \S+ - handling arith\.add a=(\d+)",
                                                server.log_text())}
    run.checks.equal(sorted(traces), [1, 2, 3], "handler log lines with a trace id")
    run.checks.equal(traces.get(3), trace_id, "trace of the entry that carried one")
    run.checks.true(len({traces.get(1), traces.get(2), trace_id}) == 3,
                    f"calls without trace fields start traces of their own: {traces}")
    run.checks.notes.append("Python client calls: new traces; traceparent entry: trace continued")


def actuator_endpoint(run: Run) -> None:
    """The Java server's clamator Actuator endpoint, over HTTP, shows the services of both languages
    on the key prefix: the Python server's as Redis holds it (stream, group, its consumer), the
    Java server's as well as what the Java instance itself serves."""
    java_contract, py_contract = ("arith", "shapes") if run.server_lang == "java" else ("shapes", "arith")
    port = free_port()
    run.server("java", java_contract, "srv-java", properties={
        "spring.main.web-application-type": "SERVLET", "server.port": str(port),
        "management.endpoints.web.exposure.include": "clamator", "management.endpoint.clamator.access": "unrestricted"})
    run.server("py", py_contract, "srv-py")
    # a call for each, so that the Python server's consumer exists (it reads with '>' only, and before
    # Redis 7.2 a read that finds nothing creates no consumer)
    results = run.client(run.client_lang, [call("arith.add", {"a": 1, "b": 2}), call("shapes.echo", {"k": 1})])
    run.checks.result(results[0], {"sum": 3}, "arith.add")
    run.checks.result(results[1], {"k": 1}, "shapes.echo")

    def settled() -> dict[str, Any] | None:
        """The endpoint's answer once both servers have acknowledged their calls (a reply is written before its ack)."""
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/clamator", timeout=30) as response:
            answer = json.loads(response.read())
        streams = (answer.get("redis") or [{}])[0].get("services", [])
        return answer if len(streams) == 2 and all(s.get("pending") == 0 and s.get("lag") == 0 for s in streams) else None
    try:
        document = poll(settled, 30, "lag and pending 0 on both services", 0.2)
    except ScenarioError:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/clamator", timeout=30) as response:
            document = json.loads(response.read())
    served = [service["name"] for service in (document.get("server") or {}).get("services", [])]
    run.checks.equal(served, [java_contract], "services of the Java instance")
    prefixes = document.get("redis") or [{}]
    run.checks.equal(prefixes[0].get("keyPrefix"), run.prefix, "key prefix read from Redis")
    streams = {stream["service"]: stream for stream in prefixes[0].get("services", [])}
    run.checks.equal(sorted(streams), sorted([java_contract, py_contract]), "services on the key prefix")
    for service, instance in ((java_contract, "srv-java"), (py_contract, "srv-py")):
        stream = streams.get(service, {})
        names = [consumer["name"] for consumer in stream.get("consumers", [])]
        run.checks.true(stream.get("groupExists") is True, f"{service}: consumer group exists")
        run.checks.true(any(instance in name for name in names), f"{service}: consumer of {instance} listed: {names}")
        run.checks.equal((stream.get("lag"), stream.get("pending")), (0, 0), f"{service}: lag and pending")
    py_consumer = next((consumer["name"] for consumer in streams.get(py_contract, {}).get("consumers", [])), "")
    request = urllib.request.Request(f"http://127.0.0.1:{port}/actuator/clamator/{run.prefix}/consumers/{py_contract}/{py_consumer}",
                                     method="DELETE")
    with urllib.request.urlopen(request, timeout=30) as response:
        removal = json.loads(response.read())
    run.checks.equal(removal.get("outcome"), "ACTIVE", "removing the live Python server's consumer is refused")
    run.checks.notes.append(f"{py_contract} served by Python, seen through the Java endpoint")


def generated_contract(run: Run) -> None:
    """The Java side on the arith contract generated from upstream's Zod fixture (clamator-codegen,
    interop/src/main/contracts): a Java server implementing the generated interface answers the
    Python client; a Java client calls the Python server through the generated interface's proxy."""
    contract = "generated-arith" if run.server_lang == "java" else "arith"
    server = run.server(run.server_lang, contract, "srv-A")
    add = call("arith.add", {"a": 40, "b": 2})
    if run.client_lang == "java":
        add["generated"] = True
    results = run.client(run.client_lang, [add])
    run.checks.result(results[0], {"sum": 42}, "arith.add through the generated contract")
    run.wait_drained()
    run.checks.equal(run.stop(server), 1, "HANDLED")


_cluster: LocalCluster | None = None


def cluster_hash_tag(run: Run) -> None:
    """A deployment on a Redis Cluster with a hash-tagged key prefix: the Java side connects as a
    cluster client (through every node), the Python side, which is not cluster-aware, to the one
    master that owns the tag's slot, as to a standalone Redis; calls go both ways."""
    global _cluster
    for attempt in range(3):
        if _cluster is not None:
            break
        try:
            _cluster = LocalCluster(run.log_root)
        except ScenarioError as e:  # a free port taken by another process before its node bound it
            if attempt == 2:
                raise
            run.checks.notes.append(f"cluster started again: {e}")
    run.prefix = "{" + run.prefix + "}"
    run.redis_target = {"java": {"clusterNodes": _cluster.urls},
                        "py": {"redisUrl": _cluster.master_url(run.prefix + ":cmds:arith")}}
    server = run.server(run.server_lang, "arith", "srv-A")
    results = run.client(run.client_lang, [call("arith.add", {"a": 40, "b": 2}), call("arith.echoText", {"text": "on a cluster"})])
    run.checks.result(results[0], {"sum": 42}, "arith.add")
    run.checks.result(results[1], {"text": "on a cluster"}, "arith.echoText")
    run.checks.equal(run.stop(server), 2, "HANDLED")
    run.checks.notes.append(f"Python at {run.redis_target['py']['redisUrl']}, Java through {len(_cluster.urls)} nodes")


@dataclass(frozen=True)
class Scenario:
    name: str
    run: Callable[[Run], None]
    what: str
    mode: str = "pair"  # pair: server/client in the two languages; see the table notes for the others


SCENARIOS = [
    Scenario("basic-call", basic_call, "add and echoText answered"),
    Scenario("error-mapping", error_mapping, "divide by zero: -32000 \"division by zero\", data null"),
    Scenario("invalid-params", invalid_params, "wrong type, missing field, sleepMs < 0, a number or boolean for a string: -32602"),
    Scenario("notification", notification, "two pings handled (HANDLED 2)"),
    Scenario("timeout", timeout, "100 ms client timeout vs slowAdd 800 ms: transport error"),
    Scenario("concurrent-calls", concurrent_calls, "200 calls in flight, each answered with its own sum"),
    Scenario("worker-pool", worker_pool, "Java + Python server in one group, 50 calls, each >= 5", "pool"),
    Scenario("crash-recovery", crash_recovery, "SIGKILL of a server mid-call, the other one reclaims it", "crash"),
    Scenario("unicode-text", unicode_text, "accents, RTL, astral emoji, controls, quotes round-trip"),
    Scenario("large-string", large_string, "a 256 KiB string round-trips"),
    Scenario("escaped-size", escaped_size, "non-ASCII text escaped by Python vs the Java 1 MiB payload limit"),
    Scenario("nested-shapes", nested_shapes, "nested objects/arrays (raw and typed) round-trip"),
    Scenario("optional-fields", optional_fields, "optional field absent vs null, in params and results"),
    Scenario("unknown-fields", unknown_fields, "extra params fields: Java ignores, Python rejects"),
    Scenario("int-vs-float", int_vs_float, "5 vs 5.0 for number and integer fields"),
    Scenario("exact-decimals", exact_decimals, "decimals as strings and numbers, scale, integers beyond 2^53"),
    Scenario("error-data", error_data, "data of -32602 and -32603 errors"),
    Scenario("notification-with-id", notification_with_id, "a notification method called with an id: no reply"),
    Scenario("stream-extra-fields", stream_extra_fields, "extra entry fields and envelope members ignored",
             "by-hand"),
    Scenario("trace-context", trace_context, "Java server: continues a traceparent entry's trace, new traces for the rest",
             "by-hand"),
    Scenario("actuator-endpoint", actuator_endpoint, "GET /actuator/clamator lists the Python server's service and consumer",
             "pool"),
    Scenario("generated-contract", generated_contract, "arith generated from upstream's Zod fixture serves and calls"),
    Scenario("cluster-hash-tag", cluster_hash_tag, "Redis Cluster, key prefix {tag}: Java as cluster client, Python on the tag's master"),
]


def column(server_lang: str, client_lang: str) -> str:
    return f"{server_lang}-server/{client_lang}-client"


def main() -> int:
    parser = argparse.ArgumentParser(prog="interop/run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated scenario names (or parts of names) to run")
    parser.add_argument("--server", choices=["java", "py"], help="run only the direction with this server language")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--keep-logs", action="store_true", help="keep the logs of passing runs too")
    args = parser.parse_args()

    if args.list:
        for scenario in SCENARIOS:
            print(f"{scenario.name:22} {scenario.what}")
        return 0
    selected = select(SCENARIOS, args.only)
    if not selected:
        print(f"no scenario matches {args.only!r}; see --list", file=sys.stderr)
        return 2
    directions = [d for d in DIRECTIONS if args.server in (None, d[0])]

    log_root = INTEROP_DIR / "target" / "interop-logs" / time.strftime("%Y%m%d-%H%M%S")
    log_root.mkdir(parents=True, exist_ok=True)
    local = None
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        local = LocalRedis(log_root)
        redis_url = local.url
    r = redis.Redis.from_url(redis_url)
    try:
        server_version = r.info("server").get("redis_version", "?")
        print(f"interop: Redis {server_version} at {redis_url}{' (started for this run)' if local else ''}; "
              f"{environment_summary(sys.executable)}", flush=True)
        print(f"interop: logs under {log_root}", flush=True)
        outcomes: dict[tuple[str, str], tuple[bool, str]] = {}
        total = len(selected) * len(directions)
        started = time.monotonic()
        for scenario in selected:
            for server_lang, client_lang in directions:
                index = len(outcomes) + 1
                label = column(server_lang, client_lang)
                run = Run(r, redis_url, scenario.name, server_lang, client_lang, log_root)
                t0 = time.monotonic()
                try:
                    scenario.run(run)
                except ScenarioError as e:
                    run.checks.failures.append(str(e))
                except Exception:  # noqa: BLE001 - a bug in a scenario fails that run, not the suite
                    run.checks.failures.append("runner error: " + traceback.format_exc().strip())
                finally:
                    run.close()
                passed = not run.checks.failures
                outcomes[(scenario.name, label)] = (passed, "; ".join(run.checks.notes))
                note = f" [{'; '.join(run.checks.notes)}]" if run.checks.notes else ""
                print(f"[{index:2}/{total}] {scenario.name:22} {label:22} {'pass' if passed else 'FAIL'} "
                      f"({time.monotonic() - t0:.1f} s){note}", flush=True)
                for failure in run.checks.failures:
                    print(f"        - {failure}", flush=True)
                if not passed:
                    for driver in run.drivers:
                        tail = driver.log_text().strip().splitlines()[-15:]
                        print(f"        {driver.name} log {driver.log_path}:", flush=True)
                        for line in tail:
                            print(f"          | {line[:240]}", flush=True)
                elif not args.keep_logs:
                    for path in run.log_dir.iterdir():
                        path.unlink()
                    run.log_dir.rmdir()
        print_table(selected, directions, outcomes)
        failed = sum(1 for passed, _ in outcomes.values() if not passed)
        print(f"\ninterop: {time.monotonic() - started:.0f} s")
        print(f"{len(outcomes) - failed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        r.close()
        if local:
            local.stop()
        if _cluster is not None:
            _cluster.stop()


def print_table(selected: list[Scenario], directions: list[tuple[str, str]],
                outcomes: dict[tuple[str, str], tuple[bool, str]]) -> None:
    labels = [column(s, c) for s, c in directions]
    width = max(len(s.name) for s in selected) + 2
    print()
    print("scenario".ljust(width) + "".join(label.ljust(24) for label in labels))
    for scenario in selected:
        cells = []
        for label in labels:
            passed, _ = outcomes.get((scenario.name, label), (None, ""))
            cells.append(("pass" if passed else "FAIL").ljust(24))
        print(scenario.name.ljust(width) + "".join(cells))
    modes = {s.mode for s in selected}
    if "pool" in modes:
        print("worker-pool: both columns run one Java and one Python server; the column names the client.")
    if "crash" in modes:
        print("crash-recovery: the column's server survives; the other language's server is killed mid-call.")
    if "by-hand" in modes:
        print("stream-extra-fields, trace-context: entries written with XADD by the runner (trace-context: beside calls "
              "of the column's client).")


if __name__ == "__main__":
    sys.exit(main())

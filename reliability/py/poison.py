"""Malformed command-stream entries for the poison-flood scenario, written with XADD by the runner
(no clamator client involved), and the replies they got.

Each kind names the reply stream it asks for (<prefix>:replies:poison-<kind>) where it has one,
so the replies can be counted per kind afterwards.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

import redis

ADD = {"a": 1, "b": 2}


def envelope(**members: Any) -> bytes:
    return json.dumps({"jsonrpc": "2.0", **members}).encode()


class PoisonFlood:
    def __init__(self, r: redis.Redis, prefix: str) -> None:
        self.r = r
        self.prefix = prefix
        self.copies = 0
        self.wrongtype_key = f"{prefix}:replies:holds-a-string"

    def reply_to(self, kind: str) -> bytes:
        return f"{self.prefix}:replies:poison-{kind}".encode()

    def kinds(self) -> dict[str, list[tuple[str, bytes]]]:
        """The fields of one entry of each kind, in order."""
        call = envelope(id=1, method="arith.add", params=ADD)
        nested = b'{"jsonrpc":"2.0","id":1,"method":"arith.add","params":' + b'[' * 100_000 + b']' * 100_000 + b'}'

        def rpc(kind: str, body: bytes, **more: bytes) -> list[tuple[str, bytes]]:
            fields = [("type", b"rpc"), ("envelope", body), ("reply-to", self.reply_to(kind))]
            return fields + [(k.replace("_", "-"), v) for k, v in more.items()]

        return {
            "no-envelope": [("type", b"rpc"), ("reply-to", self.reply_to("no-envelope"))],
            "not-json": rpc("not-json", b'{"jsonrpc": "2.0", "id": 1, "method": '),
            "invalid-utf8": rpc("invalid-utf8", b'{"jsonrpc":"2.0","id":1,"method":"arith.\xff\xfe","params":{}}'),
            "batch-array": rpc("batch-array", b"[" + call + b"]"),
            "json-scalar": rpc("json-scalar", b"42"),
            "wrong-version": rpc("wrong-version", json.dumps({"jsonrpc": "1.0", "id": 1, "method": "arith.add",
                                                              "params": ADD}).encode()),
            "no-method": rpc("no-method", envelope(id=1, params=ADD)),
            "method-not-string": rpc("method-not-string", envelope(id=1, method=5, params=ADD)),
            "response-as-call": rpc("response-as-call", envelope(id=1, result={"sum": 3})),
            "odd-id": rpc("odd-id", envelope(id={"x": 1}, method="arith.add", params=ADD)),
            "unknown-method": rpc("unknown-method", envelope(id=1, method="arith.nope", params=ADD)),
            "unknown-notification": rpc("unknown-notification", envelope(method="arith.nope", params=ADD)),
            "invalid-params": rpc("invalid-params", envelope(id=1, method="arith.add", params={"a": "x", "b": 1})),
            "params-array": rpc("params-array", envelope(id=1, method="arith.add", params=[1, 2])),
            "huge-number": rpc("huge-number", b'{"jsonrpc":"2.0","id":1,"method":"arith.add","params":{"a":1e400,"b":1}}'),
            "deep-nesting": rpc("deep-nesting", nested),
            "bad-deadline": rpc("bad-deadline", call, timeout_ms=b"soon"),
            "no-reply-to": [("type", b"rpc"), ("envelope", call)],
            "foreign-reply-to": [("type", b"rpc"), ("envelope", call), ("reply-to", b"elsewhere:replies:x")],
            "wrongtype-reply-to": [("type", b"rpc"), ("envelope", call), ("reply-to", self.wrongtype_key.encode())],
            "oversized": rpc("oversized", envelope(id=1, method="arith.echoText", params={"text": "x" * 1_100_000})),
        }

    def write(self, copies: int) -> dict[str, int]:
        """Writes copies entries of each kind (a few of the large kinds), interleaved; returns the counts."""
        self.copies = copies
        self.r.set(self.wrongtype_key, "not a stream")
        kinds = self.kinds()
        written: Counter[str] = Counter()
        stream = f"{self.prefix}:cmds:arith"
        for _ in range(copies):
            pipe = self.r.pipeline(transaction=False)
            for kind, fields in kinds.items():
                if kind in self.large_kinds() and written[kind] >= self.large_copies():
                    continue
                flat: list[Any] = ["XADD", stream, "*"]
                for name, value in fields:
                    flat += [name, value]
                pipe.execute_command(*flat)
                written[kind] += 1
            pipe.execute()
        return dict(written)

    @staticmethod
    def large_kinds() -> set[str]:
        return {"oversized", "deep-nesting"}

    @staticmethod
    def large_copies() -> int:
        return 5

    def replies(self) -> dict[str, dict[Any, int]]:
        """Per kind, the replies its reply stream received: error code (or "result") -> count."""
        found: dict[str, dict[Any, int]] = {}
        for key in self.r.scan_iter(match=f"{self.prefix}:replies:poison-*", count=1000):
            kind = key.decode().rsplit("poison-", 1)[1]
            outcomes: Counter[Any] = Counter()
            for _, fields in self.r.xrange(key):
                reply = json.loads(fields[b"envelope"])
                outcomes[reply["error"]["code"] if "error" in reply else "result"] += 1
            found[kind] = dict(outcomes)
        return found

    def clean_up(self) -> None:
        """Deletes the reply streams the flood asked for and the string key it wrote."""
        keys = list(self.r.scan_iter(match=f"{self.prefix}:replies:poison-*", count=1000)) + [self.wrongtype_key]
        self.r.delete(*keys)

    def copies_of(self, kind: str) -> int:
        return min(self.copies, self.large_copies()) if kind in self.large_kinds() else self.copies

    @staticmethod
    def expected_replies() -> dict[str, Any]:
        """The reply each kind that can be answered gets (every copy): an error code or "result"."""
        return {
            "unknown-method": -32601,
            "invalid-params": -32602,
            "params-array": -32602,
            "huge-number": -32602,
            "oversized": -32600,
            "bad-deadline": "result",
        }

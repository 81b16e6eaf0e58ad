"""The Python side of the clamator benchmark, run by the Java harness.

    bench_peer.py server --redis-url URL --prefix PREFIX
        serves arith.add and arith.echoText with the clamator-over-redis server until stdin closes.

    bench_peer.py driver --redis-url URL --prefix PREFIX
        a closed-loop load driver on the clamator-over-redis client. Reads one JSON command per line
        on stdin: {"payload": "small"|"64b"|"4k"|"64k"|"1m", "concurrency": N, "warmup": seconds, "window": seconds};
        prints "WINDOW_START" and "WINDOW_END" when the measured window opens and closes, then one
        JSON line: {"calls", "errors", "window_s", "latencies_us", "first_error"}.

Both print "READY" once started. Log output goes to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time

from clamator_over_redis import RedisRpcClient, RedisRpcServer
from clamator_protocol import Contract, MethodEntry
from pydantic import BaseModel
from redis.asyncio import Redis


class AddParams(BaseModel):
    a: float
    b: float


class AddResult(BaseModel):
    sum: float


class EchoText(BaseModel):
    text: str


ARITH = Contract(
    service="arith",
    methods={
        "add": MethodEntry(params_model=AddParams, result_model=AddResult, handler_attr="add"),
        "echoText": MethodEntry(params_model=EchoText, result_model=EchoText, handler_attr="echo_text"),
    },
)


class Arith:
    async def add(self, params: AddParams) -> AddResult:
        return AddResult(sum=params.a + params.b)

    async def echo_text(self, params: EchoText) -> EchoText:
        return EchoText(text=params.text)


ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "


def text(length: int) -> str:
    """The text the Java harness echoes at this size (Payload.text)."""
    return "".join(ALPHABET[(i * 31 + 7) % len(ALPHABET)] for i in range(length))


PAYLOADS = {
    "small": ("add", {"a": 2.0, "b": 3.0}),
    **{label: ("echoText", {"text": text(size)}) for label, size in (("64b", 64), ("4k", 4096), ("64k", 64 * 1024), ("1m", 1024 * 1024))},
}


async def read_line() -> str:
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def serve(args: argparse.Namespace) -> None:
    server = RedisRpcServer(redis_url=args.redis_url, key_prefix=args.prefix)
    server.register_service(ARITH, Arith())
    await server.start()
    print("READY", flush=True)
    while await read_line():
        pass
    await server.stop()


async def run_window(client: RedisRpcClient, command: dict) -> dict:
    method, params = PAYLOADS[command["payload"]]
    concurrency = int(command["concurrency"])
    latencies: list[int] = []
    state = {"phase": "warmup", "errors": 0, "first_error": None}

    async def caller() -> None:
        while state["phase"] != "stop":
            start = time.perf_counter_ns()
            try:
                await client.call("arith", method, params, timeout_ms=30_000)
            except Exception as error:  # noqa: BLE001 - counted and reported
                if state["phase"] == "measure":
                    state["errors"] += 1
                if state["first_error"] is None:
                    state["first_error"] = repr(error)
                await asyncio.sleep(0.01)
                continue
            if state["phase"] == "measure":
                latencies.append((time.perf_counter_ns() - start) // 1000)

    tasks = [asyncio.create_task(caller()) for _ in range(concurrency)]
    await asyncio.sleep(float(command["warmup"]))
    print("WINDOW_START", flush=True)
    state["phase"] = "measure"
    started = time.perf_counter()
    await asyncio.sleep(float(command["window"]))
    state["phase"] = "stop"
    window = time.perf_counter() - started
    print("WINDOW_END", flush=True)
    await asyncio.gather(*tasks)
    return {
        "calls": len(latencies),
        "errors": state["errors"],
        "window_s": window,
        "latencies_us": latencies,
        "first_error": state["first_error"],
    }


async def drive(args: argparse.Namespace) -> None:
    # redis-py's asyncio pool refuses a 101st connection by default (MaxConnectionsError, which
    # the client reports as "xadd failed"); every call in flight holds one during its XADD.
    redis = Redis.from_url(args.redis_url, max_connections=2048)
    client = RedisRpcClient(redis=redis, key_prefix=args.prefix)
    await client.start()
    print("READY", flush=True)
    while line := await read_line():
        if not line.strip():
            continue
        result = await run_window(client, json.loads(line))
        print(json.dumps(result, separators=(",", ":")), flush=True)
    await client.stop()
    await redis.aclose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("role", choices=["server", "driver"])
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--prefix", required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(serve(args) if args.role == "server" else drive(args))


if __name__ == "__main__":
    main()

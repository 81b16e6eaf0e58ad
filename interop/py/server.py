"""Python interop server: clamator-over-redis's RedisRpcServer serving the suite's contracts.

Process protocol: one JSON document on stdin (contract, redisUrl, keyPrefix, instanceId,
consumerClaimIdleMs); prints READY on stdout once serving; on SIGTERM (or SIGINT) stops and
prints HANDLED:<n> on stderr.
"""
from __future__ import annotations

import asyncio
import json
import logging
import signal
import sys

from clamator_over_redis import RedisRpcServer

from interop_contracts import CONTRACTS, HandledCounter


async def main() -> int:
    config = json.loads(sys.stdin.read())
    contracts = config["contract"]
    if isinstance(contracts, str):
        contracts = [contracts]
    unknown = [name for name in contracts if name not in CONTRACTS]
    if unknown:
        print(f"unknown contract(s) {unknown}, expected some of {sorted(CONTRACTS)}", file=sys.stderr)
        return 2

    counter = HandledCounter()
    server = RedisRpcServer(
        redis_url=config["redisUrl"],
        key_prefix=config["keyPrefix"],
        instance_id=config.get("instanceId"),
        consumer_claim_idle_ms=int(config.get("consumerClaimIdleMs") or 60_000),
    )
    for name in contracts:
        contract, handlers = CONTRACTS[name]
        server.register_service(contract, handlers(counter))

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    await server.start()
    print("READY", flush=True)
    logging.getLogger("interop.server").info(
        "serving %s under key prefix %s", contracts, config["keyPrefix"])
    await stop.wait()
    await server.stop()
    print(f"HANDLED:{counter.count}", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    sys.exit(asyncio.run(main()))

"""Python interop client: clamator-over-redis's RedisRpcClient with raw (contract-agnostic) calls.

Process protocol: one JSON document on stdin (redisUrl, keyPrefix, defaultTimeoutMs, calls =
[{method, params, notification, typed}], concurrent); prints exactly one {"results": [...]}
document on stdout; logs go to stderr. A call marked typed has its result read as the contract's
result model (interop_contracts) and written back out as Pydantic writes it. With concurrent > 1 the call list is fanned out that many times,
every call in flight at once, and the results are listed batch by batch.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
from typing import Any

from clamator_over_redis import RedisRpcClient
from clamator_protocol import ClamatorTransportError, RpcError
from interop_contracts import CONTRACTS

STOP_TIMEOUT_S = 3


async def invoke(client: RedisRpcClient, call: dict[str, Any]) -> dict[str, Any]:
    service, _, method = call["method"].partition(".")
    params = call.get("params", {})
    try:
        if call.get("notification"):
            await client.notify(service, method, params)
            return {"ok": True, "kind": "notification"}
        result = await client.call(service, method, params)
        if call.get("typed"):
            model = CONTRACTS[service][0].methods[method].result_model
            result = model.model_validate(result).model_dump(mode="json", by_alias=True)
        return {"ok": True, "kind": "result", "result": result}
    except RpcError as e:
        return {"ok": False, "kind": "rpc-error", "code": e.code, "message": e.message, "data": e.data}
    except ClamatorTransportError as e:
        if e.__cause__ is not None:
            logging.getLogger("interop.client").warning(
                "%s: %s (cause: %s: %s)", call["method"], e, type(e.__cause__).__name__, e.__cause__)
        return {"ok": False, "kind": "transport-error", "message": str(e)}
    except Exception as e:  # noqa: BLE001 - reported, not raised
        return {"ok": False, "kind": "unknown-error", "message": f"{type(e).__name__}: {e}"}


async def main() -> int:
    config = json.loads(sys.stdin.read())
    client = RedisRpcClient(
        redis_url=config["redisUrl"],
        key_prefix=config["keyPrefix"],
        default_timeout_ms=int(config.get("defaultTimeoutMs") or 5000),
    )
    await client.start()
    calls = config.get("calls", [])
    concurrent = int(config.get("concurrent") or 1)
    if concurrent > 1:
        results = list(await asyncio.gather(
            *[invoke(client, call) for _ in range(concurrent) for call in calls]))
    else:
        results = [await invoke(client, call) for call in calls]
    sys.stdout.write(json.dumps({"results": results}) + "\n")
    sys.stdout.flush()
    try:
        await asyncio.wait_for(client.stop(), STOP_TIMEOUT_S)
    except TimeoutError:
        # redis-py 8.x never finishes cancelling the client's blocked XREAD (docs/interop.md):
        # leave without waiting for it, as asyncio.run would wait for it forever
        logging.getLogger("interop.client").warning(
            "RedisRpcClient.stop() did not finish within %s s; exiting anyway", STOP_TIMEOUT_S)
        logging.shutdown()
        os._exit(0)
    return 0


if __name__ == "__main__":
    logging.basicConfig(stream=sys.stderr, level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    sys.exit(asyncio.run(main()))

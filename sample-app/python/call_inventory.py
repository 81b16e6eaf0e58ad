"""Calls the running clamator sample application from Python, with the published
clamator-over-redis package: the same Redis, the same key prefix, the same wire."""

import argparse
import asyncio
import os
import pathlib

from clamator_over_redis import RedisRpcClient, RpcError

DEV_REDIS_URL_FILE = pathlib.Path(__file__).resolve().parent.parent / "target" / "dev-redis.url"


def default_redis_url() -> str:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    if DEV_REDIS_URL_FILE.exists():
        return DEV_REDIS_URL_FILE.read_text().strip()
    return "redis://localhost:6379"


async def main(redis_url: str, key_prefix: str) -> None:
    client = RedisRpcClient(redis_url=redis_url, key_prefix=key_prefix, default_timeout_ms=5000)
    await client.start()
    try:
        level = await client.call("inventory", "stockLevel", {"sku": "apple"})
        print(f"inventory.stockLevel(apple) -> {level}")

        reservation = await client.call("inventory", "reserve", {"sku": "pear", "quantity": 2, "orderId": "py-order-1"})
        print(f"inventory.reserve(2 pears) -> {reservation}")

        try:
            await client.call("inventory", "reserve", {"sku": "plum", "quantity": 1000, "orderId": "py-order-2"})
        except RpcError as error:
            print(f"inventory.reserve(1000 plums) -> error {error.code} {error.message!r} data={error.data}")

        await client.notify("inventory", "restocked", {"sku": "apple", "quantity": 5})
        print("inventory.restocked(5 apples) sent")
    finally:
        await client.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--redis-url", default=default_redis_url(),
                        help="the sample's Redis (default: $REDIS_URL, else the development Redis of a running sample, else redis://localhost:6379)")
    parser.add_argument("--key-prefix", default="sample", help="the sample's clamator.key-prefix (default: sample)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.redis_url, arguments.key_prefix))

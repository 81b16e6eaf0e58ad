"""Calls the running clamator sample application from Python, with the published
clamator-over-redis package: the same Redis, the same key prefix, the same wire.

The Pydantic models are those of the sample's Zod contract (sample-app/contracts/inventory.ts, from
which the Java interface is generated too), named and shaped the way clamator's code generator
writes them: <Method>Params and <Method>Result, camelCase aliases, unknown fields forbidden. Params are
sent as the models dump them to JSON; results and error data are validated back into models."""

import argparse
import asyncio
import os
import pathlib

from clamator_over_redis import RedisRpcClient, RpcError
from pydantic import BaseModel, ConfigDict, Field

DEV_REDIS_URL_FILE = pathlib.Path(__file__).resolve().parent.parent / "target" / "dev-redis.url"

INSUFFICIENT_STOCK = -32010


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class StockLevelParams(_Model):
    sku: str = Field(min_length=1)


class StockLevelResult(_Model):
    sku: str
    available: int
    reserved: int


class ReserveParams(_Model):
    sku: str = Field(min_length=1)
    quantity: int = Field(gt=0)
    order_id: str = Field(alias="orderId", min_length=1)


class ReserveResult(_Model):
    reservation_id: str = Field(alias="reservationId")
    sku: str
    quantity: int
    remaining: int


class RestockedParams(_Model):
    sku: str = Field(min_length=1)
    quantity: int = Field(gt=0)


class Shortage(_Model):
    sku: str
    available: int
    requested: int


def wire(params: BaseModel) -> dict:
    return params.model_dump(mode="json", by_alias=True)


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
        level = StockLevelResult.model_validate(await client.call("inventory", "stockLevel", wire(StockLevelParams(sku="apple"))))
        print(f"inventory.stockLevel(apple) -> {level!r}")

        reservation = ReserveResult.model_validate(await client.call(
            "inventory", "reserve", wire(ReserveParams(sku="pear", quantity=2, order_id="py-order-1"))))
        print(f"inventory.reserve(2 pears) -> {reservation!r}")

        try:
            await client.call("inventory", "reserve", wire(ReserveParams(sku="plum", quantity=1000, order_id="py-order-2")))
        except RpcError as error:
            if error.code != INSUFFICIENT_STOCK:
                raise
            shortage = Shortage.model_validate(error.data)
            print(f"inventory.reserve(1000 plums) -> error {error.code} {error.message!r}: {shortage!r}")

        await client.notify("inventory", "restocked", wire(RestockedParams(sku="apple", quantity=5)))
        print("inventory.restocked(5 apples) sent")
    finally:
        await client.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--redis-url", default=default_redis_url(),
                        help="the sample's Redis (default: $REDIS_URL, else the development Redis of a running sample, else redis://localhost:6379)")
    parser.add_argument("--key-prefix", default="sample", help="the sample's clamator.key-prefix (default: sample)")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.redis_url, arguments.key_prefix))

"""Contracts of the interop suite for the Python drivers, written by hand.

The models follow what clamator's code generator emits for Zod contracts: one Pydantic model
per params/result object, ``extra="forbid"`` (Zod objects become ``additionalProperties: false``),
``float`` for ``z.number()``, ``int`` for ``.int()``, snake_case attributes with camelCase
aliases, optional fields as ``X | None = None``. ``arith`` and ``notifications`` are the
upstream interop contracts; ``shapes`` is this suite's own, implemented the same way by the
Java driver (interop/src/main/java/io/clamator/interop/contracts/Shapes.java).
"""
from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any

from clamator_protocol import Contract, MethodEntry, RpcError
from pydantic import BaseModel, ConfigDict, Field

log = logging.getLogger("interop.handlers")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- arith -------------------------------------------------------------------------------

class AddParams(_Strict):
    a: float
    b: float


class AddResult(_Strict):
    sum: float


class SlowAddParams(_Strict):
    a: float
    b: float
    sleep_ms: int = Field(alias="sleepMs", ge=0)


class DivideParams(_Strict):
    a: float
    b: float


class DivideResult(_Strict):
    q: float


class EchoText(_Strict):
    text: str


ARITH = Contract(service="arith", methods={
    "add": MethodEntry(params_model=AddParams, result_model=AddResult, handler_attr="add"),
    "slowAdd": MethodEntry(params_model=SlowAddParams, result_model=AddResult, handler_attr="slow_add"),
    "divide": MethodEntry(params_model=DivideParams, result_model=DivideResult, handler_attr="divide"),
    "echoText": MethodEntry(params_model=EchoText, result_model=EchoText, handler_attr="echo_text"),
})


# --- notifications -----------------------------------------------------------------------

class PingParams(_Strict):
    tag: str | None = None


NOTIFICATIONS = Contract(service="notifications", methods={
    "ping": MethodEntry(params_model=PingParams, result_model=None, handler_attr="ping"),
})


# --- shapes (this suite's own) -----------------------------------------------------------

class AnyObject(BaseModel):
    """Any JSON object, kept as received."""
    model_config = ConfigDict(extra="allow")


class Customer(_Strict):
    name: str
    email: str | None = None


class Line(_Strict):
    sku: str
    qty: int = Field(ge=1)
    unit_price: float = Field(alias="unitPrice")


class Order(_Strict):
    order_id: str = Field(alias="orderId")
    customer: Customer
    lines: list[Line]
    tags: list[str]
    note: str | None = None


class OrderSummary(_Strict):
    order_id: str = Field(alias="orderId")
    customer: Customer
    line_count: int = Field(alias="lineCount")
    total: float
    skus: list[str]
    tags: list[str]
    note: str | None = None


class FailParams(_Strict):
    message: str


class Empty(_Strict):
    pass


class Amounts(_Strict):
    amounts: list[Decimal]
    reference: int


class Sum(_Strict):
    total: Decimal
    count: int
    reference: int


SHAPES = Contract(service="shapes", methods={
    "echo": MethodEntry(params_model=AnyObject, result_model=AnyObject, handler_attr="echo"),
    "order": MethodEntry(params_model=Order, result_model=OrderSummary, handler_attr="order"),
    "fail": MethodEntry(params_model=FailParams, result_model=Empty, handler_attr="fail"),
    "sum": MethodEntry(params_model=Amounts, result_model=Sum, handler_attr="sum"),
})


# --- handlers ----------------------------------------------------------------------------

class HandledCounter:
    """Counts handler invocations, notifications included."""

    def __init__(self) -> None:
        self.count = 0

    def hit(self) -> None:
        self.count += 1


class ArithHandlers:
    def __init__(self, counter: HandledCounter) -> None:
        self._counter = counter

    async def add(self, params: AddParams) -> AddResult:
        self._counter.hit()
        return AddResult(sum=params.a + params.b)

    async def slow_add(self, params: SlowAddParams) -> AddResult:
        self._counter.hit()
        await asyncio.sleep(params.sleep_ms / 1000)
        return AddResult(sum=params.a + params.b)

    async def divide(self, params: DivideParams) -> DivideResult:
        self._counter.hit()
        if params.b == 0:
            raise RpcError(-32000, "division by zero")
        return DivideResult(q=params.a / params.b)

    async def echo_text(self, params: EchoText) -> EchoText:
        self._counter.hit()
        return EchoText(text=params.text)


class NotificationHandlers:
    def __init__(self, counter: HandledCounter) -> None:
        self._counter = counter

    async def ping(self, params: PingParams) -> None:
        self._counter.hit()
        log.info("ping tag=%s", params.tag)


class ShapesHandlers:
    def __init__(self, counter: HandledCounter) -> None:
        self._counter = counter

    async def echo(self, params: AnyObject) -> dict[str, Any]:
        self._counter.hit()
        return params.model_dump(mode="json")

    async def order(self, params: Order) -> OrderSummary:
        self._counter.hit()
        total = 0.0
        for line in params.lines:
            total += line.qty * line.unit_price
        return OrderSummary(
            orderId=params.order_id,
            customer=params.customer,
            lineCount=len(params.lines),
            total=total,
            skus=[line.sku for line in params.lines],
            tags=params.tags,
            note=params.note,
        )

    async def sum(self, params: Amounts) -> Sum:
        self._counter.hit()
        return Sum(total=sum(params.amounts, Decimal(0)), count=len(params.amounts), reference=params.reference)

    async def fail(self, params: FailParams) -> Empty:
        self._counter.hit()
        raise RuntimeError(params.message)


CONTRACTS = {
    "arith": (ARITH, ArithHandlers),
    "notifications": (NOTIFICATIONS, NotificationHandlers),
    "shapes": (SHAPES, ShapesHandlers),
}

"""Faults on demand: what the next N requests suffer, in the order they were asked for.

* ``drop``: the request is read and processed (an order is created), then the connection is closed without an
  answer: the client cannot know the outcome, the case the SDK must never resend blindly.
* ``status``: the operation answers this status (500, 510, or any status it documents) with the body the spec
  documents for it, without processing the request.
* ``stall``: the request is processed, and the answer comes ``seconds`` late (a client with a shorter read
  timeout gives up; the order exists).

A fault may be limited to one ``operation`` (its operationId, e.g. ``send_invoice``); admin routes never fault.
"""

from __future__ import annotations

import threading
from typing import Any, Literal

import attrs

FaultKind = Literal["drop", "status", "stall"]
KINDS = ("drop", "status", "stall")


@attrs.define
class Fault:
    kind: FaultKind
    remaining: int = 1
    status: int | None = None
    seconds: float = 0.0
    operation: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return attrs.asdict(self)


def parse_fault(spec: dict[str, Any]) -> Fault:
    """A fault from its JSON form (the admin route's body); ValueError names what is wrong."""
    kind = spec.get("kind")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    count = spec.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise ValueError("count must be a positive integer")
    status = spec.get("status")
    if kind == "status" and (not isinstance(status, int) or not 100 <= status <= 599):
        raise ValueError("a status fault needs a status between 100 and 599")
    seconds = spec.get("seconds", 0.0)
    if not isinstance(seconds, int | float) or isinstance(seconds, bool) or not 0 <= seconds <= 3600:
        raise ValueError("seconds must be a number from 0 to 3600")
    operation = spec.get("operation")
    if operation is not None and not isinstance(operation, str):
        raise ValueError("operation must be an operationId")
    return Fault(kind, count, status if kind == "status" else None, float(seconds), operation)


class FaultPlan:
    """The pending faults; ``take(operation)`` consumes one use of the first that applies."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return [attrs.evolve(f) for f in self._faults]

    def take(self, operation: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.operation in (None, operation):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return attrs.evolve(fault, remaining=1)
            return None

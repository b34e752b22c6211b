"""The sandbox's state: orders in memory, or in an SQLite file that outlives the process (``--db FILE``).

Every read returns a copy, so a test that holds an ``OrderRecord`` sees the state of that moment, and the server
thread and the test thread never share a mutable object. One lock serialises access; the sandbox is a test tool,
not a database benchmark.
"""

from __future__ import annotations

import copy
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

# An invoice number exists only for invoiced orders in these statuses (shared/api-notes.md, seed 000).
INVOICED_STATUSES = frozenset({"INVOICED", "INKASSO", "PURRING", "PAID", "REFUNDED", "PARTIAL REFUNDED"})
PAID_STATUSES = frozenset({"PAID", "REFUNDED", "PARTIAL REFUNDED"})


@attrs.define
class Product:
    """One order line as Get Order Details shows it, with the ``id`` a refund names."""

    id: int
    name: str
    product_id: str | None
    quantity: Decimal
    rate: Decimal
    discount: Decimal
    tax: Decimal
    amount: Decimal
    refunded: Decimal = Decimal(0)


@attrs.define
class OrderRecord:
    """An order the sandbox holds. ``history`` lists every status it has had, oldest first."""

    uuid: str
    customer_uuid: str
    operation: str
    status: str
    amount: Decimal
    created_at: int
    payload: dict[str, Any] = attrs.field(repr=False)
    products: list[Product] = attrs.field(factory=list, repr=False)
    refunded: Decimal = Decimal(0)
    invoice_number: str | None = None
    callback_url: str | None = None
    cancellation_note: str | None = attrs.field(default=None, repr=False)
    refund_requests: list[dict[str, Any]] = attrs.field(factory=list, repr=False)
    resends: int = 0
    history: list[str] = attrs.field(factory=list)

    def summary(self) -> dict[str, Any]:
        """What the admin routes show: no customer details."""
        return {
            "uuid": self.uuid,
            "customerUuid": self.customer_uuid,
            "operation": self.operation,
            "status": self.status,
            "amount": self.amount,
            "refundedAmount": self.refunded,
            "invoiceNumber": self.invoice_number,
            "callbackUrl": self.callback_url,
            "createdAt": self.created_at,
            "history": list(self.history),
            "refundRequests": len(self.refund_requests),
            "resends": self.resends,
        }


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$decimal": f"{value:f}"}
    raise TypeError(type(value).__name__)


def _decode(obj: dict[str, Any]) -> Any:
    return Decimal(obj["$decimal"]) if set(obj) == {"$decimal"} else obj


def _to_json(order: OrderRecord) -> str:
    return json.dumps(attrs.asdict(order), default=_encode)


def _from_json(text: str) -> OrderRecord:
    data = json.loads(text, object_hook=_decode)
    data["products"] = [Product(**p) for p in data["products"]]
    return OrderRecord(**data)


class Store:
    """Orders by UUID, in memory or (``path``) in SQLite; thread-safe; reads and writes copy."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._lock = threading.Lock()
        self._memory: dict[str, OrderRecord] = {}
        self._db: sqlite3.Connection | None = None
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS orders (uuid TEXT PRIMARY KEY, body TEXT NOT NULL)")

    def get(self, uuid: str) -> OrderRecord | None:
        with self._lock:
            if self._db is None:
                found = self._memory.get(uuid)
                return copy.deepcopy(found) if found is not None else None
            row = self._db.execute("SELECT body FROM orders WHERE uuid = ?", (uuid,)).fetchone()
            return _from_json(row[0]) if row else None

    def put(self, order: OrderRecord) -> None:
        with self._lock:
            if self._db is None:
                self._memory[order.uuid] = copy.deepcopy(order)
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO orders (uuid, body) VALUES (?, ?)", (order.uuid, _to_json(order))
                )

    def all(self) -> list[OrderRecord]:
        """Every order, oldest first."""
        with self._lock:
            if self._db is None:
                orders = [copy.deepcopy(o) for o in self._memory.values()]
            else:
                orders = [_from_json(r[0]) for r in self._db.execute("SELECT body FROM orders ORDER BY rowid")]
        return sorted(orders, key=lambda o: o.created_at)

    def clear(self) -> None:
        with self._lock:
            self._memory.clear()
            if self._db is not None:
                self._db.execute("DELETE FROM orders")

    def new_uuid(self, prefix: str) -> str:
        """A fresh identifier in the server's form (``ODR`` or ``CSRT`` and ten digits), unused in this store."""
        while True:
            candidate = f"{prefix}{secrets.randbelow(9 * 10**9) + 10**9}"
            if prefix != "ODR" or self.get(candidate) is None:
                return candidate

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __iter__(self) -> Iterator[OrderRecord]:
        return iter(self.all())


class OrdersView(Mapping[str, OrderRecord]):
    """The store's orders by UUID, read-only; each lookup reads the current state (a copy)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getitem__(self, uuid: str) -> OrderRecord:
        order = self._store.get(uuid)
        if order is None:
            raise KeyError(uuid)
        return order

    def __iter__(self) -> Iterator[str]:
        return iter([o.uuid for o in self._store.all()])

    def __len__(self) -> int:
        return len(self._store.all())


def now() -> int:
    return int(time.time())

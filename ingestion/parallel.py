"""Loading several files at once: worker threads, each with its own warehouse connection.

COPY and the bulk SQL are CPU-bound on the server (PERFORMANCE.md), and a file's load is one
transaction on one connection, so two files in flight keep both cores busy. Files are independent
transactions, so running them side by side changes no result.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import psycopg

T = TypeVar("T")
R = TypeVar("R")


class ThreadConnections:
    """One connection per thread, opened on first use (again if it broke), all closed at the end."""

    def __init__(self, connect: Callable[[], psycopg.Connection]) -> None:
        self._connect = connect
        self._local = threading.local()
        self._opened: list[psycopg.Connection] = []
        self._lock = threading.Lock()

    def get(self) -> psycopg.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.broken:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    def close_all(self) -> None:
        with self._lock:
            for conn in self._opened:
                conn.close()
            self._opened.clear()


def map_in_threads(work: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """work(item) for every item, at most `workers` at a time; results in the items' order."""
    if workers <= 1 or len(items) <= 1:
        return [work(item) for item in items]
    with ThreadPoolExecutor(max_workers=min(workers, len(items)), thread_name_prefix="shoplens-load") as pool:
        return list(pool.map(work, items))

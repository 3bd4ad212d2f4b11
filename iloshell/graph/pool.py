"""Worker threads for concurrent fetching that never keep the process alive.

concurrent.futures' pool joins its threads when Python exits, so a request still waiting on
a dead BMC (a cancelled crawl, a completion prefetch) would hold ``exit`` for the whole
timeout and its retries. These threads are daemons: leaving the shell is immediate.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import Any, TypeVar

from iloshell.errors import Cancelled, IloshellError

T = TypeVar("T")
K = TypeVar("K")

_STOP = None


class DaemonPool:
    def __init__(self, workers: int, name: str = "worker") -> None:
        self.workers = max(1, workers)
        self.name = name
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the pool is shut down")
            self._jobs.put((future, fn, args))
            if len(self._threads) < self.workers:
                thread = threading.Thread(
                    target=self._work, name=f"{self.name}-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        return future

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _STOP:
                return
            future, fn, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = fn(*args)
            except BaseException as exc:  # handed to whoever waits on the future
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self) -> None:
        """Cancel what has not started and let the threads end; never waits for them."""
        with self._lock:
            self._closed = True
            threads = len(self._threads)
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not _STOP:
                job[0].cancel()
        for _ in range(threads):
            self._jobs.put(_STOP)


def completed(
    pending: dict[Future[T], K], cancel: threading.Event | None = None
) -> Iterator[tuple[K, T | IloshellError]]:
    """(key, result or the IloshellError it raised) for each future as it finishes.

    The caller may add futures to ``pending`` between items (a crawl does). Ctrl-C is seen
    within a tenth of a second through ``cancel``; on any way out what has not started is
    cancelled. Other exceptions are bugs and propagate.
    """
    try:
        while pending:
            done, _ = wait(list(pending), timeout=0.1, return_when=FIRST_COMPLETED)
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled")
            for future in done:
                key = pending.pop(future)
                error = future.exception()
                if error is None:
                    yield key, future.result()
                elif isinstance(error, IloshellError):
                    yield key, error
                else:
                    raise error
    finally:
        for future in pending:
            future.cancel()

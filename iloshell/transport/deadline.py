"""A deadline on a whole HTTP exchange, from connect to the last byte of the body.

A socket's read timeout only bounds the wait for the next byte: a service that trickles its
status line and headers a byte every half second, or sends ``100 Continue`` without end,
never trips it, and http.client reads all of that before requests hands anything back. So a
watchdog timer shuts the connection's socket down at the deadline; the read in progress then
fails at once, and the exchange reports that the deadline passed.

The connection is found by the pool classes below, which note each connection they hand out
in the exchange of the thread that asked for it (requests and urllib3 run an exchange on the
caller's thread).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()


class Watch:
    """One exchange's deadline: ``fired`` once the socket was shut down for it."""

    def __init__(self) -> None:
        self.connection: Any = None
        self.fired = False
        self.done = False
        self._lock = threading.Lock()

    def expire(self) -> None:
        with self._lock:
            if self.done:  # too late: the connection may serve another exchange by now
                return
            self.fired = True
            sock = getattr(self.connection, "sock", None)
            if sock is None:
                # Still connecting (or waiting for a connection): look again shortly, so a
                # connection made just after the deadline is not read from without end.
                again = threading.Timer(0.1, self.expire)
                again.daemon = True
                again.start()
                return
            # The plain socket's shutdown, also under TLS: the reading thread fails at once,
            # and the TLS state it is using is left alone.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def finish(self) -> None:
        """The answer is in: from now on the connection is left alone (it goes back to the
        pool for another exchange)."""
        with self._lock:
            self.done = True


@contextlib.contextmanager
def watched(seconds: float) -> Iterator[Watch]:
    """Run one exchange on this thread with its socket shut down after ``seconds``."""
    watch = Watch()
    timer = threading.Timer(seconds, watch.expire)
    timer.daemon = True
    _current.watch = watch
    timer.start()
    try:
        yield watch
    finally:
        watch.finish()
        timer.cancel()
        _current.watch = None


def _noted(connection: Any) -> Any:
    watch = getattr(_current, "watch", None)
    if watch is not None:
        with watch._lock:
            watch.connection = connection
        if watch.fired:  # the deadline passed while waiting for a free connection
            watch.expire()
    return connection


class WatchedHTTPConnectionPool(HTTPConnectionPool):
    def _get_conn(self, timeout: float | None = None) -> Any:
        return _noted(super()._get_conn(timeout))


class WatchedHTTPSConnectionPool(HTTPSConnectionPool):
    def _get_conn(self, timeout: float | None = None) -> Any:
        return _noted(super()._get_conn(timeout))


class WatchedAdapter(HTTPAdapter):
    """requests' adapter, with connection pools whose connections a Watch can reach."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": WatchedHTTPConnectionPool,
            "https": WatchedHTTPSConnectionPool,
        }

"""A pause in a script run by a subprocess: the script ``source``s a named pipe, which blocks
until the test has done what it wanted at that point (look at ``ps``, change the service)."""

from __future__ import annotations

import errno
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def release_pause(proc: subprocess.Popen, pipe: Path, action: Callable[[], None] | None) -> bool:
    """Wait until the script reads the pipe, run ``action``, then let the script go on (the
    sourced "script" is empty). False when the script ended before reaching the pause."""
    while proc.poll() is None:
        try:
            fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as err:
            if err.errno != errno.ENXIO:  # ENXIO: nobody is reading yet
                raise
            time.sleep(0.01)
            continue
        try:
            if action is not None:
                action()
        finally:
            os.close(fd)
        return True
    return False

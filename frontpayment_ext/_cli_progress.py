"""The batch's progress line on stderr.

On a terminal it is one line rewritten in place, re-drawn every ``tick`` seconds even when no order completes (the
rate and ETA are computed when drawn, so they keep moving while the batch waits for a rate-limit slot), and ended
exactly once: by the final line, or by ``close()`` when the run stops early (Ctrl-C, an error), so that what is
printed next starts on its own line. Elsewhere (a log file, a pipe) it is a plain line every few seconds, and the
final line once.
"""

from __future__ import annotations

import threading
import time
import weakref
from typing import TextIO

from .batch import Progress

_ACTIVE: weakref.WeakSet[ProgressPrinter] = weakref.WeakSet()


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # a closed or minimal stream
        return False


def render(progress: Progress) -> str:
    eta = "--" if progress.eta is None else f"{int(progress.eta) // 60}:{int(progress.eta) % 60:02d}"
    return (
        f"sent {progress.sent}  failed {progress.failed}  unknown {progress.unknown}  "
        f"remaining {progress.remaining}  {progress.rate:.1f}/s  ETA {eta}"
    )


class ProgressPrinter:
    """The batch's progress on stderr: one updating line on a terminal, a plain line every few seconds otherwise."""

    def __init__(self, stream: TextIO, *, interval: float | None = None, tick: float | None = None) -> None:
        self.stream = stream
        self.tty = _isatty(stream)
        self.interval = interval if interval is not None else (0.2 if self.tty else 5.0)
        self.tick = tick if tick is not None else 1.0
        self._last = 0.0
        self._latest: Progress | None = None
        self._open = False  # a line without its newline is on the terminal
        self._finished = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None
        _ACTIVE.add(self)

    def __call__(self, progress: Progress) -> None:
        final = not progress.remaining
        with self._lock:
            if self._finished:
                return
            self._latest = progress
            if not final and time.monotonic() - self._last < self.interval:
                return
            self._draw(progress, final)
        if final:
            self._stop.set()
        elif self.tty and self._ticker is None:
            self._ticker = threading.Thread(target=self._redraw, name="frontpayment-progress", daemon=True)
            self._ticker.start()

    def _draw(self, progress: Progress, final: bool) -> None:
        self._last = time.monotonic()
        line = render(progress)
        if self.tty:
            self.stream.write(f"\r{line}\x1b[K" + ("\n" if final else ""))
            self._open = not final
        else:
            self.stream.write(f"{line}\n")
        self._finished = final
        self.stream.flush()

    def _redraw(self) -> None:
        while not self._stop.wait(self.tick):
            with self._lock:
                if self._finished:
                    return
                if self._latest is not None and time.monotonic() - self._last >= self.tick:
                    self._draw(self._latest, False)

    def close(self) -> None:
        """Stop drawing; on a terminal, end the open line so that the next output starts on its own line."""
        self._stop.set()
        with self._lock:
            if self._open:
                self.stream.write("\n")
                self.stream.flush()
                self._open = False
            self._finished = True
        ticker = self._ticker
        if ticker is not None and ticker is not threading.current_thread():
            ticker.join(timeout=1.0)


def close_all() -> None:
    """Close every progress line still drawn (before the command prints an error or an interruption)."""
    for printer in list(_ACTIVE):
        printer.close()

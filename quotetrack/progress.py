"""A one-line progress display for long runs on a terminal: a bar (when the total is known),
counts, rate and time left, redrawn at most a few times a second on stderr."""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 24


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class ProgressLine:
    """Draws ``render``'s text in place; shown only once the run has taken ``delay`` seconds."""

    def __init__(self, stream: TextIO, *, interval: float = 0.2, delay: float = 1.0) -> None:
        self.stream = stream
        self.interval = interval
        self.delay = delay
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.width = 0
        self.last = ""

    def show(self, text: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and (now - self.started < self.delay or now - self.drawn_at < self.interval):
            self.last = text
            return
        self.last = text
        self.drawn_at = now
        self._draw(text)

    def _draw(self, text: str) -> None:
        padding = " " * max(0, self.width - len(text))
        self.stream.write("\r" + text + padding)
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0

    def message(self, text: str) -> None:
        """Prints a line above the progress line."""
        shown = self.width > 0
        self.clear()
        self.stream.write(text + "\n")
        if shown and self.last:
            self._draw(self.last)
        self.stream.flush()


def ingest_text(
    *, done: int, new: int, known: int, failed: int, bytes_done: int, bytes_total: int | None, seconds: float
) -> str:
    """The progress line, e.g. ``[#####·····]  42%  1,234 inputs (1,200 new, 30 known, 4 failed)
    85.3/s  2m10s left``."""
    rate = done / seconds if seconds > 0 else 0.0
    parts = []
    if bytes_total:
        share = min(1.0, bytes_done / bytes_total)
        filled = int(share * BAR_WIDTH)
        parts.append("[" + "#" * filled + "·" * (BAR_WIDTH - filled) + f"] {share * 100:3.0f}%")
    parts.append(f"{done:,} inputs ({new:,} new, {known:,} known, {failed:,} failed)")
    parts.append(f"{rate:,.1f}/s")
    if bytes_total and bytes_done and seconds > 2:
        left = seconds * (bytes_total - bytes_done) / bytes_done
        parts.append(f"{_duration(left)} left")
    return "  ".join(parts)

"""The progress bar of a batch on stderr: done of total, the rate and the time left, in Russian.

    Организации:  37%|███▋      | 3700/10000 · 16,2 орг./с · прошло 3 мин 48 с · осталось ≈ 6 мин 29 с

Shown only on a terminal (a log file or a pipe gets no bar) and not with ``--quiet``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from typing import Any, TextIO

from tqdm import tqdm

BAR_FORMAT = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} · {rate_ru} · прошло {elapsed_ru}{left_ru}{postfix}"


def duration(seconds: float) -> str:
    """«4 с», «3 мин 05 с», «1 ч 02 мин»."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} ч {minutes:02d} мин"
    if minutes:
        return f"{minutes} мин {secs:02d} с"
    return f"{secs} с"


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")  # a decimal comma, as Russian writes it


class BatchBar(tqdm):
    """tqdm with the rate and the time left in Russian (``{rate_ru}``, ``{elapsed_ru}``, ``{left_ru}``)."""

    @property
    def format_dict(self) -> MutableMapping[str, Any]:
        data = super().format_dict
        n, total, elapsed = data.get("n") or 0, data.get("total"), data.get("elapsed") or 0
        rate = data.get("rate") or (n / elapsed if n and elapsed else None)
        if not rate:
            data["rate_ru"] = "… орг./с"
        elif rate >= 1:
            data["rate_ru"] = f"{_number(rate)} орг./с"
        else:
            data["rate_ru"] = f"{_number(1 / rate)} с на организацию"
        data["elapsed_ru"] = duration(elapsed)
        if total is not None and rate and total > n:
            data["left_ru"] = f" · осталось ≈ {duration((total - n) / rate)}"
        else:
            data["left_ru"] = ""
        return data


def batch_bar(total: int, enabled: bool, stream: TextIO | None = None) -> BatchBar:
    """The bar of a batch of ``total`` organisations; disabled unless ``enabled`` and ``stream`` (stderr) is a
    terminal."""
    stream = stream if stream is not None else sys.stderr
    terminal = bool(getattr(stream, "isatty", lambda: False)())
    try:
        columns, lines = os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        columns, lines = 0, 0
    # The size given, not tqdm's guess: a terminal that does not tell it (0 × 0) made tqdm hide the bar.
    return BatchBar(total=total, desc="Организации", unit="орг.", file=stream, disable=not (enabled and terminal),
                    bar_format=BAR_FORMAT, smoothing=0.1, mininterval=0.2,
                    ncols=columns if columns >= 60 else 120, nrows=lines if lines > 0 else 24)

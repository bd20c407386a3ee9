"""Hand a task to the broker without ever making a request wait on it.

Tasks are published after commit (``transaction.on_commit``), with no publish
retries and short socket timeouts (settings). When a publish fails the broker
is treated as down for ``CELERY_BROKER_BACKOFF_SECONDS``: later requests skip
publishing at once instead of each paying for a failed connection. Nothing is
lost: every task enqueued this way has a durable record (an unsent notice, a
pending history row) that a beat sweep picks up again.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)

_down_until = 0.0
_guard = threading.Lock()


def broker_marked_down() -> bool:
    return time.monotonic() < _down_until


def broker_mark_up() -> None:
    global _down_until
    with _guard:
        _down_until = 0.0


def enqueue(task: Any, *args: Any, sweep: bool = False) -> bool:
    """Publish ``task(*args)``; return False (and log) if the broker is unavailable.

    ``sweep=True`` (beat's sweeps, in a worker) tries even while the broker counts as
    down, and a success marks it up again for everyone in this process.
    """
    global _down_until
    eager = bool(task.app.conf.task_always_eager)
    if not eager and not sweep and broker_marked_down():
        return False
    try:
        task.apply_async(args=args, retry=False)
    except Exception as exc:  # noqa: BLE001 - any broker failure: the durable record stays for the sweep
        if not eager:
            with _guard:
                _down_until = time.monotonic() + settings.CELERY_BROKER_BACKOFF_SECONDS
        logger.warning("Could not enqueue %s%r (%s); left for the next sweep", task.name, args, exc)
        return False
    if sweep:
        broker_mark_up()
    return True

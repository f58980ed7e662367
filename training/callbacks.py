"""spaCy registry entries used by the training configs (imported by train.py before training)."""

from __future__ import annotations

import time

from spacy.util import registry


class TimeUp(Exception):
    """Raised by the time-limit callback; spaCy's loop then keeps the best checkpoint and stops."""


@registry.callbacks("hoopoe.time_limit.v1")
def time_limit(minutes: float):
    """A ``before_update`` callback that ends training after ``minutes`` of wall time (0 = no limit)."""
    start = time.monotonic()

    def before_update(nlp, args):
        if minutes and time.monotonic() - start > minutes * 60:
            raise TimeUp(f"time limit of {minutes} min reached at step {args.get('step')}")

    return before_update

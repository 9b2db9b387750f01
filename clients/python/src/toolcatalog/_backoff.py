from __future__ import annotations

import random


class Backoff:
    """Capped exponential backoff with jitter.

    The n-th retry in a row waits a random time between half and all of
    ``min(maximum, initial * 2**n)``, so many clients that lost the same node do not all come back
    to the next one at the same instant.
    """

    def __init__(self, initial: float, maximum: float) -> None:
        self._initial = max(0.001, initial)
        self._maximum = max(self._initial, maximum)
        self._failures = 0

    def next(self) -> float:
        ceiling = min(self._maximum, self._initial * (2 ** min(self._failures, 30)))
        self._failures += 1
        return random.uniform(ceiling / 2, ceiling)

    def reset(self) -> None:
        self._failures = 0

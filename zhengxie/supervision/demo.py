"""Demo data of 重点提案与督办 (idempotent)."""
from __future__ import annotations

import random
from collections import Counter


def seed(city, rng: random.Random | None = None) -> Counter:
    return Counter()

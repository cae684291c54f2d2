"""Demo data of 表决（匿名投票） (idempotent)."""
from __future__ import annotations

import random
from collections import Counter


def seed(city, rng: random.Random | None = None) -> Counter:
    return Counter()

"""Demo data of 提案线索与选题目录 (idempotent)."""
from __future__ import annotations

import random
from collections import Counter


def seed(city, rng: random.Random | None = None) -> Counter:
    return Counter()

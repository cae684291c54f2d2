"""Demo data of 民主评议与评优 (idempotent)."""
from __future__ import annotations

import random
from collections import Counter


def seed(city, rng: random.Random | None = None) -> Counter:
    return Counter()

"""`make bench` scenarios of issue 6's 履职积分 (the data: `zhengxie/activities/bench.py` seeds the attendance
records and each year's ledger).

- 履职档案 of one member (the member persona, about twice the average member's records): p95 ≤ 200 ms.
- A year's recompute for the 10,000 members (target ≤ 60 s): one POST of the staff's 重新计算 button, timed once
  without warm-up (`once=True`: a long write is not repeated 50 times); it rebuilds the current year's ledger
  from the 2,000,000 attendance rows, the 提案 and the 社情民意 exactly as the page does.
"""
from django.utils import timezone

from zhengxie.core.bench.registry import scenario
from zhengxie.core.roles import Role

DOSSIER_P95_MS = 200
RECOMPUTE_MS = 60_000

scenario("履职档案（一名委员）", lambda ctx: f"/performance/members/{ctx.member_id(0)}/", as_role=Role.COMMITTEE_STAFF,
         target_p95_ms=DOSSIER_P95_MS, order=600)
scenario("履职积分：一年重新计算（全体委员，POST，单次）",
         lambda ctx: f"/performance/years/{timezone.localdate().year}/recompute/", as_role=Role.COMMITTEE_STAFF,
         target_p95_ms=RECOMPUTE_MS, method="POST", once=True, expect=(302,), order=690)

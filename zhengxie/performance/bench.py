"""`make bench` scenario of the 履职档案 (issue 6: one member's 档案 p95 ≤ 200 ms).

The recompute of a year for 10k members (target ≤ 60 s) is a single long write, not a page: it is not registered
as a repeated scenario (see docs/performance.md)."""
from zhengxie.core.bench.registry import scenario
from zhengxie.core.roles import Role

scenario("履职档案（一名委员）", lambda ctx: f"/performance/members/{ctx.member_id(0)}/", as_role=Role.COMMITTEE_STAFF,
         target_p95_ms=200, order=600)

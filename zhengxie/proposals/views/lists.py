"""The lists per role: 提案查询, 我的提案, 提案委 queues, 承办单位 inbox, 督办审核, overdue view."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.urls import reverse

from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import Role
from zhengxie.proposals import permissions, selectors

from ._common import list_page, require

MINE_ROLES = (Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER)


def _tabs(request, choices, counts=None) -> tuple[list[dict], str]:
    codes = [c for c, _ in choices]
    tab = request.GET.get("tab") if request.GET.get("tab") in codes else codes[0]
    return [{"code": c, "label": label, "count": (counts or {}).get(c)} for c, label in choices], tab


@login_required
def proposal_list(request):
    qs = selectors.proposal_list_for(request.user)
    intro = "" if selectors.sees_all(request.user) else "这里列出您有权查看的提案：本人提出或联名的，交由本单位办理的，以及已立案并同意公开的提案。"
    return list_page(request, qs, title="提案查询", intro=intro, export_name="提案办理进度表",
                     empty="没有符合条件的提案。可以换个关键词（案由、提案人、承办单位或提案号），或清除筛选。")


@login_required
def mine(request):
    require(has_role(request.user, *MINE_ROLES), "只有委员和集体提案单位账号有“我的提案”。")
    tabs, tab = _tabs(request, selectors.my_tabs(), selectors.my_counts(request.user))
    empty = {"lead": "您还没有提出提案。点击“写提案”开始起草，草稿会自动保存，关闭浏览器也不会丢失。",
             "cosigned": "您还没有联名提案。", "to_confirm": "目前没有等待您确认的联名邀请。",
             "to_evaluate": "目前没有等待您评价的答复。"}[tab]
    extra = {"create_url": reverse("proposals:create") if permissions.can_create(request.user) else ""}
    return list_page(request, selectors.my_proposals(request.user, tab), title="我的提案", tabs=tabs, tab=tab,
                     empty=empty, export_name="我的提案", extra=extra, columns="mine")


@login_required
def queue(request):
    require(permissions.can_manage(request.user), "只有提案委工作人员可以进入审查和交办工作台。")
    tabs, tab = _tabs(request, selectors.staff_queue_tabs(), selectors.queue_counts(request.user))
    intro = {"to_receive": "联名确认已截止、尚未收件的提案：逾期未确认的联名人将不计入。",
             "to_pre_review": "已收件的提案：检查提案者资格、内容和格式后“初审通过”，提交审查会复审。",
             "under_review": "待审查会集体研究决定的提案。可在“审查会”中逐件或批量登记审查结果。",
             "to_assign": "已立案待交办的提案：确定主办、会办、分办或独办单位和办理期限。",
             "reassigning": "承办单位申请调整的提案：协商后调整承办单位。",
             "extensions": "承办单位申请延期的提案：在详情页审批。",
             "to_close": "已答复或已评价的提案：评价期满或评价完成后办结，不满意的商请重新办理。"}[tab]
    extra = {"export_assignments": tab == "to_assign", "reviews_url": reverse("proposals:reviews")}
    return list_page(request, selectors.staff_queue(request.user, tab), title="提案审查与交办", tabs=tabs, tab=tab,
                     intro=intro, empty="这一栏目前没有待办的提案。", export_name=f"提案-{dict(selectors.staff_queue_tabs())[tab]}",
                     extra=extra, columns="staff")


@login_required
def inbox(request):
    require(has_role(request.user, Role.HANDLING_UNIT), "只有承办单位可以查看承办提案。")
    counts = {c: selectors.unit_inbox(request.user, c).count() for c, _ in selectors.unit_inbox_tabs() if c != "all"}
    tabs, tab = _tabs(request, selectors.unit_inbox_tabs(), counts)
    units = selectors.unit_ids_of(request.user)
    rates = selectors.meeting_rate(request.user, units)
    extra = {"rates": [(o, *rates.get(o.pk, (0, 0))) for o in selectors.handling_units_for(request.user) if o.pk in units]}
    intro = {"to_accept": "新交办的提案：请签收；不属于本单位职责的，在申请调整期限内说明理由申请调整（不得自行转办）。",
             "in_progress": "办理中的提案：先与提案者协商（办前），起草答复，经领导签发后报送。",
             "to_cosign": "主办单位已报送答复、等待本单位会签的提案。", "returned": "答复被退回修改的提案，请按意见修改后重新签发报送。",
             "follow_up": "答复为B类（正在解决）的提案：问题解决前请继续报告进展。",
             "reference": "转来的意见建议（参考件），无需正式答复。", "all": ""}[tab]
    return list_page(request, selectors.unit_inbox(request.user, tab), title="承办提案", tabs=tabs, tab=tab, intro=intro,
                     empty="这一栏目前没有提案。", export_name="承办提案", extra=extra, columns="unit")


@login_required
def audit(request):
    require(bool(selectors.reviewer_systems(request.user)), "只有督办部门（或负责审核的提案委）可以审核答复。")
    return list_page(request, selectors.audit_queue(request.user), title="答复审核",
                     intro="承办单位已报送并完成会签的答复。审核时可更正办理结果类别（A/B/C）；不合格的退回修改。",
                     empty="目前没有待审核的答复。", export_name="待审核答复", columns="unit")


@login_required
def overdue(request):
    allowed = selectors.sees_all(request.user) or has_role(request.user, Role.HANDLING_UNIT)
    require(allowed, "只有提案委、领导和承办单位可以查看逾期情况。")
    rows = list(selectors.overdue_assignments(request.user)[:200])
    pattern = selectors.number_pattern(request.user.cppcc_id)
    today = selectors.today()
    for a in rows:
        a.num = pattern.format(n=a.proposal.number) if a.proposal.number else a.proposal.receipt_no
        a.days_late = (today - a.due_date).days
    return list_page(request, selectors.overdue_proposals(request.user), title="逾期提案", export_name="逾期提案",
                     intro="已过办理期限仍未答复的提案和承办单位。", empty="没有逾期的提案。", extra={"overdue_rows": rows},
                     columns="unit")

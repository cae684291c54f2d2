"""What the home page says to each role, and its quick links (only pages that exist and the role may open)."""
from __future__ import annotations

from django.urls import Resolver404, resolve

from . import nav
from .roles import Role

ROLE_HINTS: dict[str, str] = {
    Role.MEMBER: "作为委员，您可以在这里查看待办、委员名录和消息，参与履职。",
    Role.STANDING_MEMBER: "作为常委，您可以在这里查看待办、委员名录和消息，参加常委会议履职。",
    Role.ORG_SUBMITTER: "您以集体提案/报送单位账号登录，可代表本单位提交集体提案和社情民意信息。",
    Role.INFORMANT: "作为特邀信息员，您可以报送社情民意信息并查看采用反馈。",
    Role.PROPOSAL_STAFF: "提案委（办）工作人员：审查、交办、督办提案，并做统计。",
    Role.INFO_EDITOR: "信息编辑：编辑社情民意信息、组织期刊。",
    Role.INFO_APPROVER: "信息审核签发：审核并签发社情民意信息期刊。",
    Role.COMMITTEE_STAFF: "专委会工作人员：记录本专委会组织的活动，对口督办重点提案。",
    Role.HANDLING_UNIT: "承办单位：接收交办的提案，按期办理并答复。",
    Role.SUPERVISING_OFFICE: "督办部门：审核承办单位的答复和分类后再送达委员。",
    Role.LEADER: "领导：查看全局情况，领衔督办重点提案，录入批示。",
    Role.GRASSROOTS_HOST: "基层协商召集人：组织“有事来商量”等基层协商议题。",
    Role.ADMIN: "系统管理员：管理用户、角色和组织机构，维护参数配置和节假日安排，查看审计日志。",
    Role.EXPERT: "智库专家：参与咨询论证，查看邀请您参与的事项。",
}

#: Always offered when the page exists (another app may not have built it yet).
EXTRA_PATHS = [("消息中心", "/notifications/")]


def _exists(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def quick_links(roles: set[str]) -> list[dict]:
    links = [i for i in nav.items_for(roles)]
    known = {i["url"] for i in links}
    for label, path in EXTRA_PATHS:
        if path not in known and _exists(path):
            links.append({"label": label, "url": path, "url_name": "", "group": ""})
    return links


def hints_for(roles: set[str]) -> list[str]:
    return [ROLE_HINTS[r] for r in Role.values if r in roles and r in ROLE_HINTS]

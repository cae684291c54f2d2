"""Builders for the product tests of the intelligence app (proposals with chosen texts, on the proposals World)."""
from __future__ import annotations

import itertools

from zhengxie.core.roles import Role
from zhengxie.proposals.models import Proposal, ProposerType
from zhengxie.proposals.workflow import Status

_seq = itertools.count(1)

PARKING = dict(
    title="关于破解老旧小区停车难问题的建议",
    situation="我市老旧小区建成年代早，普遍没有规划停车位，车辆乱停乱放挤占消防通道，居民出行和应急救援受到影响。",
    suggestions="一是利用小区周边闲置地块建设立体停车场；二是推行错时共享停车，机关单位夜间向居民开放停车位；三是加快老旧小区改造中停车设施配建。",
)
PARKING_2 = dict(
    title="关于缓解老旧小区停车矛盾的建议",
    situation="老旧小区普遍没有规划停车位，车辆乱停乱放挤占消防通道，夜间停车矛盾突出，居民意见较大。",
    suggestions="建议利用周边闲置地块建设立体停车场，推行机关单位停车位夜间错时共享，在老旧小区改造中同步配建停车设施。",
)
EDUCATION = dict(
    title="关于加强农村学校音体美教师配备的建议",
    situation="全市农村中小学音乐、体育、美术教师缺口较大，部分学校由语文数学教师兼任，课程开不齐开不足。",
    suggestions="一是在教师招聘中单列音体美岗位；二是推行县域内教师走教制度；三是提高乡村教师生活补助。",
)
GAS = dict(
    title="关于加快老旧燃气管网改造的建议",
    situation="城区部分燃气管道铺设于上世纪九十年代，管材老化锈蚀，存在泄漏和爆炸隐患，近年多次发生燃气泄漏事件。",
    suggestions="一是摸清老旧燃气管网底数，制定改造计划；二是落实燃气企业主体责任，加强日常巡检；三是争取中央预算内资金支持改造。",
)


def make(w, text: dict, *, status: str = Status.RECEIVED, proposer: str = Role.STANDING_MEMBER, is_public: bool = True,
         meeting=None, number=None) -> Proposal:
    """A proposal of `proposer` (a persona of the World) with the given texts and state."""
    n = next(_seq)
    return Proposal.objects.create(
        cppcc=w.cppcc, meeting=meeting or w.meeting, title=text["title"], situation=text["situation"],
        analysis=text.get("analysis", ""), suggestions=text["suggestions"], category=w.category, status=status,
        proposer_type=ProposerType.INDIVIDUAL, lead_member=w.users[proposer].member, sector=w.sector,
        is_public=is_public, receipt_no="" if status == Status.DRAFT else f"142-S{n:04d}", number=number)

"""委员 import from Excel: read → validate every row → preview → apply ALL rows in one transaction, or nothing.

The uploaded file waits between preview and confirm in a private temporary file named by a random token
(never in the database, never half-applied); confirm re-reads and re-validates it before writing.
"""
from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write
from zhengxie.documents.xlsx import (
    CellError,
    Column,
    RowError,
    date_value,
    phone_text,
    read_xlsx,
    write_xlsx,
    yes_no,
)

from . import permissions, selectors, services
from .models import Member, Membership, Term

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_TTL_SECONDS = 2 * 60 * 60
_TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")


def _gender(value) -> str:
    raw = (str(value).strip() if value is not None else "")
    mapping = {"": "", "男": "M", "女": "F", "m": "M", "f": "F"}
    if raw.lower() in mapping:
        return mapping[raw.lower()]
    raise CellError(f"「{raw}」应填写“男”或“女”")


def _start_reason(value) -> str:
    raw = (str(value).strip() if value is not None else "")
    if not raw:
        return Membership.StartReason.ELECTED
    for code, label in Membership.StartReason.choices:
        if raw in (code, label):
            return code
    raise CellError(f"「{raw}」应为：当选、增补或调入")


def _pinyin(value) -> str:
    raw = (str(value).strip() if value is not None else "").lower().replace(" ", "")
    if raw and not services.PINYIN_RE.match(raw):
        raise CellError(f"「{raw}」只能是英文字母（如 sxm）")
    return raw


#: header, column width, parsing rule. The order is the template's and the export's.
COLUMNS: list[tuple[str, float, Column]] = [
    ("姓名", 10, Column("name", required=True)),
    ("性别", 6, Column("gender", parser=_gender)),
    ("民族", 8, Column("ethnicity")),
    ("出生日期", 12, Column("birth_date", parser=date_value)),
    ("学历", 10, Column("education")),
    ("工作单位及职务", 32, Column("employer")),
    ("手机", 14, Column("phone", parser=phone_text)),
    ("电子邮箱", 24, Column("email")),
    ("界别", 16, Column("sector", required=True)),
    ("专委会", 18, Column("committee")),
    ("党派", 12, Column("party")),
    ("是否常委", 9, Column("is_standing", parser=yes_no)),
    ("任职开始日期", 13, Column("start_date", parser=date_value)),
    ("开始原因", 9, Column("start_reason", parser=_start_reason)),
    ("拼音首字母(可选)", 15, Column("pinyin_override", parser=_pinyin)),
]
SCHEMA = {header: column for header, _, column in COLUMNS}
CONTACT_HEADERS = {"出生日期", "手机", "电子邮箱"}
PREVIEW_HEADERS = ["姓名", "性别", "界别", "专委会", "党派", "手机", "是否常委", "任职开始日期"]


@dataclass
class PlannedRow:
    number: int
    raw: dict
    data: dict
    errors: list[str] = field(default_factory=list)
    existing: Member | None = None  # an earlier 届's record of the same person: add a seat to it
    sector: Organisation | None = None
    committee: Organisation | None = None
    party: Organisation | None = None

    @property
    def display(self) -> list[str]:
        return [self.raw.get(h, "") for h in PREVIEW_HEADERS]

    @property
    def note(self) -> str:
        return "已有档案，新增本届任职" if self.existing else "新建档案"


@dataclass
class Preview:
    term: Term
    rows: list[PlannedRow]
    file_errors: list[str]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]

    @property
    def error_row_count(self) -> int:
        return len({e.row for e in self.errors if e.row})


def _lookup(table: dict[str, Organisation], name: str):
    return table.get(name.strip()) if name else None


def member_import_preview(*, data: bytes, term: Term, by) -> Preview:
    """Validate the whole file against the 政协's 界别/专委会/党派 and the 届; write nothing."""
    if not permissions.can_import_members(by):
        raise PermissionDenied("您的角色不能导入委员。")
    if term.cppcc_id != by.cppcc_id:
        raise PermissionDenied("只能导入到本政协的届次。")
    result = read_xlsx(BytesIO(data), SCHEMA)
    errors = list(result.errors)
    cppcc_id = by.cppcc_id
    sectors = selectors.organisation_lookup(cppcc_id, Organisation.Kind.SECTOR)
    committees = selectors.organisation_lookup(cppcc_id, Organisation.Kind.COMMITTEE)
    parties = selectors.organisation_lookup(cppcc_id, Organisation.Kind.PARTY)
    existing = selectors.existing_members_by_name_phone(cppcc_id)
    in_term = selectors.member_ids_in_term(term)
    seen: dict[tuple[str, str], int] = {}
    rows: list[PlannedRow] = []

    for source in result.rows:
        row = PlannedRow(number=source.number, raw=source.raw, data=dict(source.data), errors=result.errors_for(source.number))
        d = row.data

        def bad(message: str, row=row) -> None:
            row.errors.append(message)
            errors.append(RowError(row.number, message))

        name = d.get("name", "")
        for key, table, label in (("sector", sectors, "界别"), ("committee", committees, "专委会"), ("party", parties, "党派")):
            value = d.get(key, "")
            org = _lookup(table, value)
            if value and org is None:
                bad(f"{label}「{value}」不存在，请使用本政协已设置的{label}名称")
            setattr(row, key, org)
        phone = d.get("phone", "")
        if phone and not services.MOBILE_RE.match(phone):
            bad(f"手机「{phone}」格式不正确，应为11位手机号")
        try:
            services.clean_member_data({k: v for k, v in d.items() if k in {"email", "birth_date"}})
        except ApplicationError as exc:
            bad(exc.message.rstrip("。"))
        start = d.get("start_date") or term.start_date
        d["start_date"] = start
        if start < term.start_date or (term.end_date and start > term.end_date):
            span = f"{term.start_date:%Y-%m-%d}至{term.end_date:%Y-%m-%d}" if term.end_date else f"{term.start_date:%Y-%m-%d}以后"
            bad(f"任职开始日期{start:%Y-%m-%d}不在{term.name}期间（{span}）")
        if name:
            key = (name, phone)
            if key in seen:
                bad(f"与第{seen[key]}行重复（姓名和手机相同）")
            else:
                seen[key] = row.number
            person = existing.get(key)
            if person is not None and person.pk in in_term:
                bad(f"{name}{f'（{phone}）' if phone else ''}已是{term.name}委员，不能重复导入")
            row.existing = person
        rows.append(row)

    if not result.rows and not errors:
        errors.append(RowError(None, "文件中没有委员数据：请在表头下方逐行填写。"))
    errors.sort(key=lambda e: (e.row or 0))
    return Preview(term=term, rows=rows, file_errors=[str(e) for e in errors if not e.row], errors=errors)


PROFILE_KEYS = ("gender", "ethnicity", "birth_date", "education", "employer", "phone", "email", "pinyin_override")


def member_import_apply(*, data: bytes, term: Term, by) -> int:
    """Re-validate, then create every member and seat in ONE transaction; any error → nothing written."""
    preview = member_import_preview(data=data, term=term, by=by)
    if not preview.ok:
        raise ApplicationError(
            f"导入文件中有 {len(preview.errors)} 处错误，未导入任何数据；请修改后重新上传。", errors=preview.messages
        )
    message = f"从Excel导入{term.name}委员 {len(preview.rows)} 人"
    with recorded_write(by=by, action="members.import", allowed=permissions.can_import_members(by), message=message):
        for row in preview.rows:
            d = row.data
            member = row.existing or services.member_create(
                cppcc=by.cppcc, by=by, name=d["name"], **{k: d.get(k) for k in PROFILE_KEYS if d.get(k) not in (None, "")}
            )
            services.membership_add(
                member=member, term=term, sector=row.sector, committee=row.committee, party=row.party,
                start_date=d["start_date"], start_reason=d.get("start_reason") or Membership.StartReason.ELECTED,
                is_standing=bool(d.get("is_standing")), by=by,
            )
    return len(preview.rows)


# Template and export ------------------------------------------------------------------------------

def import_template(user) -> bytes:
    """An empty sheet with the import headers, plus a 填写说明 sheet listing the valid names."""
    names = {
        kind: "、".join(o.name for o in selectors.organisations_of_kind(user, kind)) or "（尚未设置，请先在组织机构中添加）"
        for kind in (Organisation.Kind.SECTOR, Organisation.Kind.COMMITTEE, Organisation.Kind.PARTY)
    }
    notes = [
        ["列名", "填写说明"],
        ["姓名", "必填。"],
        ["性别", "男 或 女。"],
        ["出生日期 / 任职开始日期", "日期格式，如 2023-01-05、2023/1/5 或 2023年1月5日；任职开始日期不填则为届次开始日期。"],
        ["手机", "11位手机号。姓名和手机相同的行视为同一人。"],
        ["界别", "必填，须为本政协已设置的界别：" + names[Organisation.Kind.SECTOR]],
        ["专委会", "可不填；须为：" + names[Organisation.Kind.COMMITTEE]],
        ["党派", "可不填；须为：" + names[Organisation.Kind.PARTY]],
        ["是否常委", "是 或 否（不填为否）。"],
        ["开始原因", "当选、增补 或 调入（不填为当选）。"],
        ["拼音首字母(可选)", "多音字姓氏识别有误时填写，如 单雄信 填 sxx。"],
        ["导入规则", "任何一行有错误时不会导入任何数据；预览页会逐行列出错误。"],
    ]
    return write_xlsx("委员导入模板", [(h, w) for h, w, _ in COLUMNS], [], extra_sheets={"填写说明": notes})


EXTRA_EXPORT = [("届次", 8), ("职务", 8), ("任职结束日期", 13), ("结束原因", 9), ("专长/关注领域", 24)]
CONTACT_EXTRA = [("通讯地址", 28), ("委员编号", 12)]


def _export_row(m: Member, contact: bool) -> list:
    seat = m.seats[0] if getattr(m, "seats", None) else None
    values = {
        "姓名": m.name, "性别": m.get_gender_display(), "民族": m.ethnicity, "出生日期": m.birth_date,
        "学历": m.education, "工作单位及职务": m.employer, "手机": m.phone, "电子邮箱": m.email,
        "界别": seat.sector.name if seat else "", "专委会": seat.committee.name if seat and seat.committee else "",
        "党派": seat.party.name if seat and seat.party else "", "是否常委": bool(seat and seat.is_standing),
        "任职开始日期": seat.start_date if seat else None, "开始原因": seat.get_start_reason_display() if seat else "",
        "拼音首字母(可选)": m.pinyin_override,
    }
    row = [values[h] for h, _, _ in COLUMNS if contact or h not in CONTACT_HEADERS]
    row += [seat.term.name if seat else "", seat.get_position_display() if seat else "",
            seat.end_date if seat else None, seat.get_end_reason_display() if seat else "", m.specialty]
    if contact:
        row += [m.address, m.id_code]
    return row


def member_export(*, user, filters: dict) -> bytes:
    """The filtered directory as Excel, columns as the user may see them; audited as a personal-data export."""
    members = list(selectors.member_list_for(user, **filters))
    contact = permissions.can_see_contact(user)
    columns = [(h, w) for h, w, _ in COLUMNS if contact or h not in CONTACT_HEADERS] + EXTRA_EXPORT
    if contact:
        columns += CONTACT_EXTRA
    with recorded_write(by=user, action="members.export", allowed=permissions.can_export_members(user),
                        message=f"导出委员名录 {len(members)} 人"):
        data = write_xlsx("委员名录", columns, (_export_row(m, contact) for m in members))
    return data


# Upload stash -------------------------------------------------------------------------------------

def _stash_dir() -> Path:
    path = Path(settings.VAR_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _stash_path(user, token: str) -> Path:
    if not _TOKEN_RE.match(token or ""):
        raise ApplicationError("导入文件已失效，请重新上传。")
    return _stash_dir() / f"members-{user.pk}-{token}.xlsx"


def upload_store(*, user, data: bytes) -> str:
    """Keep an uploaded file for the confirm step; returns its token (bound to this user)."""
    if not data:
        raise ApplicationError("请选择要导入的 Excel 文件。")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ApplicationError(f"文件超过 {MAX_UPLOAD_BYTES // 1024 // 1024}MB，请分批导入。")
    cutoff = time.time() - UPLOAD_TTL_SECONDS
    for old in _stash_dir().glob("members-*.xlsx"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    _stash_path(user, token).write_bytes(data)
    return token


def upload_load(*, user, token: str) -> bytes:
    path = _stash_path(user, token)
    if not path.exists() or path.stat().st_mtime < time.time() - UPLOAD_TTL_SECONDS:
        raise ApplicationError("导入文件已失效（超过2小时或已导入），请重新上传。")
    return path.read_bytes()


def upload_discard(*, user, token: str) -> None:
    try:
        _stash_path(user, token).unlink(missing_ok=True)
    except ApplicationError:
        pass


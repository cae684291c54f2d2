"""How a link reads from each side. "…" stands for the other record in sentences."""
from .models import Link

LABELS: dict[str, tuple[str, str]] = {
    Link.Kind.RELATED: ("相关", "相关"),
    Link.Kind.DERIVED: ("由此产生", "由…产生"),
    Link.Kind.CONVERTED: ("转化为", "由…转化而来"),
    Link.Kind.MERGED: ("并入", "合并了"),
    Link.Kind.CITES: ("引用", "被…引用"),
    Link.Kind.SUPERVISES: ("督办", "受…督办"),
    Link.Kind.OUTPUT: ("成果", "成果来源"),
}


def label(kind: str, *, outgoing: bool) -> str:
    forward, backward = LABELS.get(kind, (kind, kind))
    return forward if outgoing else backward


def sentence(kind: str, other, *, outgoing: bool) -> str:
    """'转化为「某社情民意」' / '由「某提案」转化而来'."""
    text = label(kind, outgoing=outgoing)
    name = f"「{other}」"
    return text.replace("…", name) if "…" in text else f"{text}{name}"

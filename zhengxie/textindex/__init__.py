"""Chinese full-text search shared by all apps (see docs/textindex.md).

Public API (import as `from zhengxie import textindex`):
    register, unregister, is_registered, registration_for       — registry (safe to use from ready())
    index, index_on_commit, remove, remove_on_commit, reindex   — keeping the index in step
    search, search_queryset, search_page, similar                            — queries, always per 政协
    highlight                                                   — <mark> the query words in a text
The query functions are loaded lazily so that importing this package never touches models.
"""
from .registry import is_registered, register, registration_for, unregister

_LAZY = {
    "index": "services",
    "index_on_commit": "services",
    "remove": "services",
    "remove_on_commit": "services",
    "reindex": "services",
    "search": "selectors",
    "search_queryset": "selectors",
    "search_page": "selectors",
    "similar": "selectors",
    "highlight": "highlight",
}

__all__ = ["register", "unregister", "is_registered", "registration_for", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

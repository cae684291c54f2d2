from django import template

from zhengxie.attachments.selectors import panel_context

register = template.Library()


@register.inclusion_tag("attachments/_panel_body.html", takes_context=True)
def attachments_panel(context, obj, title="附件"):
    """`{% load attachments_tags %}{% attachments_panel proposal %}`: list + upload form for any record."""
    request = context.get("request")
    data = panel_context(context["user"], obj, next_url=request.get_full_path() if request else "")
    data.update({"csrf_token": context.get("csrf_token"), "title": title})
    return data


@register.filter
def filesize_cn(size) -> str:
    size = int(size or 0)
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1048576:.1f} MB"

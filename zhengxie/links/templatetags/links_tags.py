from django import template

from zhengxie.links.selectors import panel_context

register = template.Library()


@register.inclusion_tag("links/_panel_body.html", takes_context=True)
def links_panel(context, obj, title="关联记录"):
    """`{% load links_tags %}{% links_panel member %}`: the 关联记录 card of any detail page."""
    request = context.get("request")
    data = panel_context(context["user"], obj, next_url=request.get_full_path() if request else "")
    data.update({"csrf_token": context.get("csrf_token"), "title": title})
    return data

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):  # type: ignore[no-untyped-def]
    return mapping.get(key) if mapping else None


@register.filter
def model_label(obj) -> str:  # type: ignore[no-untyped-def]
    return obj._meta.label_lower

"""One registry answering "which records of this model may this user see?".

Each app registers its ``*_visible_to`` selectors at start-up. Generic pages
(the history page, the permission matrix) ask the registry, so a new model
cannot be shown without a policy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models

VisibleTo = Callable[[Any], models.QuerySet]
_registry: dict[type[models.Model], VisibleTo] = {}


def register_visibility(model: type[models.Model], visible_to: VisibleTo) -> None:
    _registry[model] = visible_to


def visible_queryset(user: Any, model: type[models.Model]) -> models.QuerySet | None:
    """The records of ``model`` the user may see, or None if the model has no policy."""
    visible_to = _registry.get(model)
    return visible_to(user) if visible_to is not None else None


def registered_models() -> list[type[models.Model]]:
    return list(_registry)

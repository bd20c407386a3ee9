"""Complainants who hold no office (residents, contractors) and the complainant's choice of first office."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from roles.models import Person

from ..models import RoutingChain


@dataclass(frozen=True)
class Outsider:
    """A resident's name and contact details, recorded by the clerk. They get no login."""

    name: str
    email: str = ""
    phone: str = ""

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if not self.name.strip():
            errors["complainant_name"] = "Enter the complainant's name."
        if self.email.strip():
            try:
                validate_email(self.email.strip())
            except ValidationError:
                errors["complainant_email"] = "Enter a valid e-mail address, like name@example.com."
        elif not self.phone.strip():
            errors["complainant_email"] = "Enter an e-mail address or telephone number so the council can reply."
        if errors:
            raise ValidationError(errors)

    def unsaved_person(self) -> Person:
        """A person record with no usable password and no office: never signs in, never on a public page."""
        first, _, last = self.name.strip().partition(" ")
        person = Person(
            username=f"outsider-{secrets.token_hex(6)}",
            first_name=first[:150],
            last_name=last[:150],
            display_name=self.name.strip()[:150],
            email=self.email.strip(),
            phone=self.phone.strip()[:40],
            is_active=False,
        )
        person.set_unusable_password()
        return person


def addressed_step_position(*, chain: RoutingChain, office_slug: str) -> int | None:
    """The position of the step the complainant chose to address, or a clear refusal."""
    if not office_slug:
        return None
    steps = [s for s in chain.steps.select_related("office") if s.complainant_may_choose]
    for step in steps:
        if step.office is not None and step.office.slug == office_slug:
            return step.position
    offered = ", ".join(s.office.slug for s in steps if s.office is not None)
    raise ValidationError(
        {
            "addressed_to": f"'{chain.name}' does not let the complainant address '{office_slug}'"
            + (f": choose one of {offered}." if offered else ": it offers no choice.")
        }
    )

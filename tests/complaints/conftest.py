import pytest

from complaints.routing import route_resolve
from complaints.selectors import complaint_parties_resolve
from roles.models import Council, Person


@pytest.fixture
def route_for(demo):
    """``route_for("tw", "tw-councillor-1", "tw-officer-1")`` -> the Route the council's chain gives."""

    def resolve(code: str, complainant: str, subject: str):  # type: ignore[no-untyped-def]
        council = Council.objects.get(code=code)
        parties = complaint_parties_resolve(
            council=council,
            complainant=Person.objects.get(username=complainant),
            subject=Person.objects.get(username=subject),
        )
        return route_resolve(
            chain=parties.chain,
            complainant=parties.complainant,
            complainant_office=parties.complainant_office,
            subject=parties.subject,
            subject_office=parties.subject_office,
        )

    return resolve


def handler_of(route) -> str | None:  # type: ignore[no-untyped-def]
    decision = route.handler_decision
    return decision.holder.username if decision else None

from __future__ import annotations

import pytest

from roles.models import Council


@pytest.fixture
def peacehaven(demo):
    return Council.objects.get(slug="peacehaven")


@pytest.fixture
def new_case(peacehaven, person):
    """An officer of Peacehaven complains about a councillor: it goes to Lewes District's Monitoring Officer."""
    from standards.services import conduct_complaint_create

    def make(**overrides):  # type: ignore[no-untyped-def]
        values = {
            "actor": person("ph-officer-1"),
            "council": peacehaven,
            "subject": person("ph-councillor-1"),
            "complainant": person("ph-officer-1"),
            "allegation": "Shouted at me in the council office and called me incompetent in front of residents.",
        }
        values.update(overrides)
        return conduct_complaint_create(**values)

    return make


@pytest.fixture
def investigated_case(new_case, person):
    from standards.services import conduct_assess

    case = new_case()
    return conduct_assess(
        actor=person("ld-monitoring-officer"), case_id=case.pk, decision="investigate", reasons="Potential breach."
    )

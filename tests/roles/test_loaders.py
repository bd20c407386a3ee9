import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from roles.models import Appointment, Council, Office, Person

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "roles"


def _counts():
    return {
        model.__name__: (model.objects.count(), model.history.count())
        for model in (Council, Office, Person, Appointment)
    }


def test_load_demo_twice_changes_nothing(demo):
    before = _counts()
    call_command("load_demo")
    assert _counts() == before


def test_every_council_and_office_of_the_fixtures_is_loaded(demo):
    slugs = set(Council.objects.values_list("slug", flat=True))
    assert {"leighton-linslade", "kingsthorpe", "peacehaven", "cabinet-district", "tewkesbury"} <= slugs
    for path in FIXTURES.glob("*.json"):
        if path.name.startswith("_"):
            continue
        data = json.loads(path.read_text())
        council = Council.objects.get(slug=data["council"]["slug"])
        assert set(council.offices.values_list("slug", flat=True)) == {o["slug"] for o in data["offices"]}


def test_every_office_has_a_demo_holder_with_contract_username(demo):
    vacant = [o for o in Office.objects.all() if not Appointment.objects.current().filter(office=o).exists()]
    assert vacant == []
    for username in (
        "ll-town-clerk",
        "ll-town-mayor",
        "tw-chief-executive",
        "tw-monitoring-officer",
        "cd-executive-director",
        "ll-councillor-1",
    ):
        assert Person.objects.get(username=username).check_password(settings.DEMO_PASSWORD)


def test_principal_councils_carry_the_monitoring_officer(demo):
    from roles.selectors import council_monitoring_officers

    ki = Council.objects.get(slug="kingsthorpe")
    ph = Council.objects.get(slug="peacehaven")
    assert ki.principal_council.slug == "west-northamptonshire"
    assert ph.principal_council.slug == "lewes-district"
    assert [p.username for p in council_monitoring_officers(council=ph)] == ["ld-monitoring-officer"]
    tw = Council.objects.get(slug="tewkesbury")
    assert [p.username for p in council_monitoring_officers(council=tw)] == ["tw-monitoring-officer"]


def test_reporting_lines_resolve_the_chief_officer_and_head_of_service(demo):
    from roles.selectors import office_line_above, office_nearest_at_or_above_level

    def nearest(office, level):
        return office_nearest_at_or_above_level(candidates=[office, *office_line_above(office=office)], level=level)

    officer = Office.objects.get(council__slug="tewkesbury", slug="officer")
    assert nearest(officer, "chief_officer").slug == "director"
    planning = Office.objects.get(council__slug="cabinet-district", slug="planning-officer")
    assert nearest(planning, "head_of_service").slug == "head-of-planning"
    assert nearest(planning, "chief_officer").slug == "executive-director"  # no chief officer: the head is senior


def test_loaded_rows_have_history_with_a_reason(demo):
    record = Office.history.filter(slug="town-clerk").first()
    assert record.history_change_reason.startswith("Loaded from fixtures/roles/")

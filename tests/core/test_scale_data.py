import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from protocol_portal.core.audit_chain import history_models
from protocol_portal.core.audit_verify import verify_table
from roles.models import Appointment, Council, Office

pytestmark = pytest.mark.django_db


def test_small_scale_data_is_complete_consistent_and_sealed(capsys):
    call_command("generate_scale_data", "--size", "small", "--no-progress")
    out = capsys.readouterr().out
    assert "Generated 'small' scale data" in out
    assert Council.objects.filter(slug__startswith="scale-").count() == 20
    locals_ = Council.objects.filter(tier__in=["parish", "town"], slug__startswith="scale-")
    assert locals_.exists() and not locals_.filter(principal_council__isnull=True).exists()
    officer = Office.objects.filter(council__tier="borough", slug="officer").first()
    assert officer.reports_to.slug == "senior-officer"
    assert Appointment.objects.current().filter(office=officer).exists()
    for model in history_models():
        assert verify_table(model).ok, model


def test_refuses_to_generate_twice():
    call_command("generate_scale_data", "--size", "small", "--no-progress")
    with pytest.raises(CommandError, match="already present"):
        call_command("generate_scale_data", "--size", "small", "--no-progress")

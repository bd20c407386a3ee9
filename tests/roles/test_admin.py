"""The Django admin reads governance records; changing them goes through the pages and their services."""

import pytest

from roles.models import Appointment, GroupMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, demo, django_user_model):
    admin = django_user_model.objects.create_superuser("site-admin", "admin@example.invalid", "pw-for-tests-only")
    client.force_login(admin)
    return client


def test_governance_records_are_read_only_in_the_admin(superuser_client):
    appointment = Appointment.objects.select_related("office").first()
    url = f"/admin/roles/appointment/{appointment.pk}/change/"
    page = superuser_client.get(url)
    assert page.status_code == 200 and appointment.office.name in page.content.decode()
    before = (appointment.end_date, appointment.history.count())
    assert superuser_client.post(url, {"end_date": "2020-01-01"}).status_code == 403
    appointment.refresh_from_db()
    assert (appointment.end_date, appointment.history.count()) == before
    assert superuser_client.get("/admin/roles/appointment/add/").status_code == 403
    membership = GroupMembership.objects.first()
    assert (
        superuser_client.post(f"/admin/roles/groupmembership/{membership.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert GroupMembership.objects.filter(pk=membership.pk).exists()

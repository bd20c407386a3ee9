import pytest

from roles.models import Office

pytestmark = pytest.mark.django_db


def test_history_page_shows_who_and_why(client, demo, login):
    office = Office.objects.get(council__slug="leighton-linslade", slug="town-clerk")
    login("ll-councillor-1")
    content = client.get(f"/history/roles.office/{office.pk}/").content.decode()
    assert "Loaded from fixtures/roles/leighton-linslade.json" in content


def test_history_requires_sign_in_and_a_known_model(client, demo, login):
    office = Office.objects.get(council__slug="leighton-linslade", slug="town-clerk")
    assert client.get(f"/history/roles.office/{office.pk}/").status_code == 302
    login("ll-councillor-1")
    assert client.get("/history/auth.permission/1/").status_code == 404
    assert client.get("/history/nonsense/1/").status_code == 404

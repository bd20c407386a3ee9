import pytest
from rest_framework.test import APIClient

from access_requests.models import AccessRequest, Document, Grant
from roles.models import RelationshipDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(demo, person):
    client = APIClient()

    def as_user(username):
        client.force_authenticate(person(username))
        return client

    return as_user


@pytest.fixture
def exempt(demo):
    return Document.objects.get(title="Mill Road depot disposal: heads of terms")


def create(api, exempt, username="tw-councillor-2", **body):
    payload = {"document": exempt.pk, "basis": "need_to_know", "purpose": "Scrutiny at committee.", "interests": ""}
    payload.update(body)
    return api(username).post("/api/access-requests/", payload, format="json")


def test_create_returns_id_state_and_recommendation(api, exempt):
    response = create(api, exempt)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "submitted" and body["id"]
    assert body["recommendation"]["outcome"] == "review"
    assert any(r["clause"] == "3.3" for r in body["recommendation"]["reasons"])


def test_interests_text_declares_an_interest(api, exempt):
    body = create(api, exempt, interests="I advise a bidder").json()
    assert body["has_interest"] is True
    assert any(r["rule"] == "refuse_private_interest" for r in body["recommendation"]["reasons"])


def test_missing_purpose_is_400_and_writes_nothing(api, exempt):
    response = create(api, exempt, purpose="")
    assert response.status_code == 400 and "purpose" in response.json()
    assert AccessRequest.objects.count() == 0


def test_document_of_another_council_is_400(api, exempt):
    ll = Document.objects.get(title="Grounds maintenance contract: tender evaluation")
    response = create(api, ll)
    assert response.status_code == 400 and "document" in response.json()
    assert AccessRequest.objects.count() == 0


def test_bad_basis_is_400(api, exempt):
    assert create(api, exempt, basis="curiosity").status_code == 400


def test_decide_refer_determine_and_content(api, exempt):
    rid = create(api, exempt).json()["id"]
    assert (
        api("tw-councillor-3")
        .post(f"/api/access-requests/{rid}/decide/", {"decision": "grant_copy", "reasons": "x"}, format="json")
        .status_code
        == 404
    )
    assert (
        api("tw-officer-1")
        .post(f"/api/access-requests/{rid}/decide/", {"decision": "grant_copy", "reasons": "x"}, format="json")
        .status_code
        == 404
    )
    bad = api("tw-director").post(
        f"/api/access-requests/{rid}/decide/", {"decision": "refuse", "reasons": "x"}, format="json"
    )
    assert bad.status_code == 400 and "grounds" in bad.json()
    bad = api("tw-director").post(f"/api/access-requests/{rid}/decide/", {"decision": "maybe"}, format="json")
    assert bad.status_code == 400 and "decision" in bad.json()
    done = api("tw-director").post(
        f"/api/access-requests/{rid}/decide/",
        {"decision": "refuse", "grounds": ["restricted_need_to_know"], "reasons": "No need shown."},
        format="json",
    )
    assert done.status_code == 200 and done.json()["state"] == "refused"
    assert done.json()["grounds"][0]["clause"] == "3.3"
    assert (
        api("tw-councillor-2").post(f"/api/access-requests/{rid}/refer/", {"reason": ""}, format="json").status_code
        == 400
    )
    referred = api("tw-councillor-2").post(
        f"/api/access-requests/{rid}/refer/", {"reason": "Committee member."}, format="json"
    )
    assert referred.status_code == 200 and referred.json()["state"] == "referred"
    assert (
        api("tw-director")
        .post(f"/api/access-requests/{rid}/determine/", {"decision": "refuse", "reasons": "x"}, format="json")
        .status_code
        == 403
    )
    determined = api("tw-monitoring-officer").post(
        f"/api/access-requests/{rid}/determine/", {"decision": "grant_copy", "reasons": "Need shown."}, format="json"
    )
    assert determined.status_code == 200 and determined.json()["state"] == "determined_granted"
    # before the undertaking, no content; after it, a stamped copy
    assert api("tw-councillor-2").get(f"/api/documents/{exempt.pk}/content/").status_code == 403
    assert (
        api("tw-monitoring-officer")
        .post(f"/api/access-requests/{rid}/undertaking/", {"accept": True}, format="json")
        .status_code
        == 403
    )
    refused = api("tw-councillor-2").post(f"/api/access-requests/{rid}/undertaking/", {"accept": False}, format="json")
    assert refused.status_code == 400 and "accept: true" in refused.json()["accept"][0]
    accepted = api("tw-councillor-2").post(f"/api/access-requests/{rid}/undertaking/", {"accept": True}, format="json")
    assert accepted.status_code == 200 and accepted.json()["undertaking_accepted_at"]
    assert Grant.objects.get(request_id=rid).history.latest().history_user.username == "tw-councillor-2"
    content = api("tw-councillor-2").get(f"/api/documents/{exempt.pk}/content/")
    assert content.status_code == 200 and content["Content-Type"] == "application/pdf"
    assert b"%PDF" in b"".join(content.streaming_content)


def test_conflicted_mo_gets_403_with_the_reason(api, exempt, person):
    RelationshipDeclaration.objects.create(
        council=exempt.council,
        member=person("tw-councillor-2"),
        officer=person("tw-monitoring-officer"),
        nature="relative",
        start_date="2020-01-01",
    )
    rid = create(api, exempt).json()["id"]
    api("tw-director").post(f"/api/access-requests/{rid}/refer/", {"reason": "In doubt."}, format="json")
    response = api("tw-monitoring-officer").post(
        f"/api/access-requests/{rid}/determine/", {"decision": "grant_copy", "reasons": "x"}, format="json"
    )
    assert response.status_code == 403 and "close relationship" in response.json()["detail"]
    assert AccessRequest.objects.get(pk=rid).state == "referred" and not Grant.objects.exists()


def test_documents_list_shows_only_councils_served(api):
    titles = {d["title"] for d in api("ll-town-clerk").get("/api/documents/").json()["results"]}
    assert "Grounds maintenance contract: tender evaluation" in titles
    assert "Mill Road depot disposal: heads of terms" not in titles


def test_lists_run_a_fixed_number_of_queries(api, exempt, django_assert_max_num_queries):
    create(api, exempt)
    with django_assert_max_num_queries(12):
        assert api("tw-chief-executive").get("/api/access-requests/").status_code == 200
    with django_assert_max_num_queries(12):
        assert api("tw-chief-executive").get("/api/documents/").status_code == 200


def test_schema_is_served(client):
    assert client.get("/api/schema/").status_code == 200

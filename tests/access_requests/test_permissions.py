"""Every request and document URL as every relevant demo role, against an expected table."""

import pytest

from access_requests import services
from access_requests.models import AccessLogEntry, Document, Grant

pytestmark = pytest.mark.django_db

ROLES = [
    "tw-councillor-2",  # requester: inspect-only grant by the MO
    "tw-councillor-3",  # unrelated councillor of the same council
    "tw-director",  # owner office of the exempt document; refused it
    "tw-chief-executive",  # may decide any TW request (policy level)
    "tw-member-services-officer",  # TW administrator
    "tw-monitoring-officer",
    "tw-officer-1",  # staff officer: neither owner nor decider
    "ll-town-clerk",  # another council's clerk
    "cd-monitoring-officer",  # another council's MO
]


@pytest.fixture
def world(demo, person):
    exempt = Document.objects.get(title="Mill Road depot disposal: heads of terms")
    councillor = person("tw-councillor-2")
    r = services.access_request_submit(
        actor=councillor,
        council=exempt.council,
        requester=councillor,
        document=exempt,
        basis="need_to_know",
        purpose="Scrutiny.",
    )
    services.access_request_decide(
        actor=person("tw-director"),
        access_request=r,
        decision="refuse",
        grounds=["restricted_need_to_know"],
        reasons="No need shown.",
    )
    services.access_request_refer(actor=councillor, access_request=r, reason="Committee member.")
    services.access_request_determine(
        actor=person("tw-monitoring-officer"), access_request=r, decision="grant_inspect", reasons="Need shown."
    )
    services.grant_accept_undertaking(actor=councillor, grant=Grant.objects.get(request=r))
    log = services.access_log_record(
        person=councillor, document=exempt, grant=Grant.objects.get(request=r), action="view", via="page"
    )
    counsel = Document.objects.get(title="Counsel's opinion: Mill Road planning appeal")
    other = person("tw-councillor-4")
    pending = services.access_request_submit(
        actor=other, council=counsel.council, requester=other, document=counsel, basis="need_to_know", purpose="Appeal."
    )
    return {"r": r.pk, "pending": pending.pk, "doc": exempt.pk, "log": log.pk}


# url template -> expected status per role, in ROLES order
TABLE = {
    "/requests/": [200] * 9,
    "/requests/{r}/": [200, 404, 200, 200, 200, 200, 404, 404, 404],
    # the pending request is for counsel's opinion, owned by the Monitoring Officer's office
    "/requests/{pending}/": [404, 404, 200, 200, 200, 200, 404, 404, 404],
    "/requests/{pending}/decide/": [404, 404, 200, 200, 200, 200, 404, 404, 404],
    "/requests/{r}/determine/": [403, 404, 403, 403, 403, 403, 404, 404, 404],
    "/requests/{pending}/refer/": [404, 404, 200, 200, 200, 200, 404, 404, 404],
    "/requests/disputes/": [403, 403, 403, 403, 403, 200, 403, 403, 200],
    "/requests/documents/": [200] * 9,
    "/requests/documents/{doc}/": [200, 200, 200, 200, 200, 200, 200, 404, 404],
    "/requests/documents/{doc}/read/": [200, 403, 200, 403, 200, 200, 403, 404, 404],
    "/requests/documents/{doc}/copy/": [403, 403, 200, 403, 200, 200, 403, 404, 404],
    "/requests/documents/{doc}/log/": [403, 403, 200, 403, 200, 200, 403, 404, 404],
    "/api/documents/{doc}/content/": [403, 403, 200, 403, 200, 200, 403, 404, 404],
    "/api/access-requests/{r}/": [200, 404, 200, 200, 200, 200, 404, 404, 404],
    "/history/access_requests.accessrequest/{r}/": [200, 404, 200, 200, 200, 200, 404, 404, 404],
    "/history/access_requests.document/{doc}/": [200, 200, 200, 200, 200, 200, 200, 404, 404],
    "/history/access_requests.accesslogentry/{log}/": [200, 404, 200, 404, 200, 200, 404, 404, 404],
    "/history/access_requests.grant/{r_grant}/": [200, 404, 200, 200, 200, 200, 404, 404, 404],
}


def test_permission_table(world, client, person):
    world["r_grant"] = Grant.objects.get(request_id=world["r"]).pk
    got, want = {}, {}
    for template, expected in TABLE.items():
        url = template.format(**world)
        for username, status in zip(ROLES, expected, strict=True):
            client.force_login(person(username))
            got[(url, username)] = client.get(url).status_code
            want[(url, username)] = status
    wrong = [f"{k[0]} as {k[1]}: got {got[k]}, want {want[k]}" for k in want if got[k] != want[k]]
    assert not wrong, "\n".join(wrong)


def test_refused_councillor_cannot_read_by_any_route(world, client, person):
    client.force_login(person("tw-councillor-3"))
    doc = world["doc"]
    assert client.get(f"/requests/documents/{doc}/read/").status_code == 403
    assert client.get(f"/api/documents/{doc}/content/").status_code == 403
    listed = client.get("/api/documents/").json()
    assert all("commercially" not in str(item) for item in listed["results"])
    assert "commercially sensitive" not in client.get(f"/history/access_requests.document/{doc}/").content.decode()
    assert AccessLogEntry.objects.filter(person__username="tw-councillor-3").count() == 0


def test_reads_are_logged_with_the_grant(world, client, person):
    client.force_login(person("tw-councillor-2"))
    client.get(f"/requests/documents/{world['doc']}/read/")
    entry = AccessLogEntry.objects.filter(person__username="tw-councillor-2").latest("at")
    assert entry.grant.request_id == world["r"] and entry.action == "view"
    client.force_login(person("tw-director"))
    client.get(f"/requests/documents/{world['doc']}/copy/")
    assert AccessLogEntry.objects.filter(person__username="tw-director", action="download", grant=None).exists()

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from access_requests import permissions, services
from access_requests.models import AccessLogEntry, AccessRequest, Document, Grant, State
from notifications.models import Notice

pytestmark = pytest.mark.django_db

EXEMPT = "Mill Road depot disposal: heads of terms"


@pytest.fixture
def exempt(demo):
    return Document.objects.get(title=EXEMPT)


def submit(person, doc, **kwargs):
    values = {"basis": "need_to_know", "purpose": "To scrutinise the disposal at Executive Committee."}
    values.update(kwargs)
    return services.access_request_submit(actor=person, council=doc.council, requester=person, document=doc, **values)


def test_need_to_know_dispute_end_to_end(exempt, person):
    councillor, officer, mo = person("tw-councillor-2"), person("tw-director"), person("tw-monitoring-officer")
    r = submit(councillor, exempt)
    assert r.state == State.SUBMITTED
    assert r.recommendation["outcome"] == "review"
    assert "restricted_need_to_know" in [x["rule"] for x in r.recommendation["reasons"]]
    assert Notice.objects.filter(recipient=officer, key__startswith=f"access-request:{r.pk}:submitted").exists()

    r = services.access_request_decide(
        actor=officer,
        access_request=r,
        decision="refuse",
        grounds=["restricted_need_to_know"],
        reasons="No need to know shown.",
    )
    assert r.state == State.REFUSED and r.grounds[0]["rule"] == "restricted_need_to_know"
    assert r.closed_at is not None  # retention counts from here
    with pytest.raises(PermissionDenied):
        permissions.document_content_check(councillor, "inspect", exempt)

    r = services.access_request_refer(actor=councillor, access_request=r, reason="I sit on the committee.")
    assert r.state == State.REFERRED
    assert r.closed_at is None  # open again while the Monitoring Officer looks at it
    assert Notice.objects.filter(recipient=mo, key__startswith=f"access-request:{r.pk}:referred").exists()

    r = services.access_request_determine(actor=mo, access_request=r, decision="grant_inspect", reasons="Need shown.")
    assert r.state == State.DETERMINED_GRANTED
    assert r.closed_at is not None
    grant = Grant.objects.get(request=r)
    assert councillor.has_perm("access_requests.inspect_document", exempt)
    assert not councillor.has_perm("access_requests.copy_document", exempt)
    assert Notice.objects.filter(recipient=councillor, key__startswith=f"access-request:{r.pk}:determined").exists()
    assert Notice.objects.filter(recipient=officer, key__startswith=f"access-request:{r.pk}:determined").exists()

    with pytest.raises(permissions.UndertakingRequired):
        permissions.document_content_check(councillor, "inspect", exempt)
    services.grant_accept_undertaking(actor=councillor, grant=grant)
    councillor = type(councillor).objects.get(pk=councillor.pk)  # fresh permission cache
    assert permissions.document_content_check(councillor, "inspect", exempt).pk == grant.pk
    with pytest.raises(PermissionDenied):
        permissions.document_content_check(councillor, "copy", exempt)
    history = AccessRequest.history.filter(id=r.pk).order_by("history_date")
    assert [h.history_user for h in history] == [councillor, officer, councillor, mo]


def test_no_purpose_writes_nothing(exempt, person):
    notices = Notice.objects.count()
    with pytest.raises(ValidationError) as exc:
        submit(person("tw-councillor-2"), exempt, purpose="  ")
    assert "purpose" in exc.value.error_dict
    assert AccessRequest.objects.count() == 0 and Notice.objects.count() == notices


def test_document_of_another_council_is_refused(exempt, person):
    ll_doc = Document.objects.get(title="Grounds maintenance contract: tender evaluation")
    with pytest.raises(ValidationError) as exc:
        services.access_request_submit(
            actor=person("tw-councillor-2"),
            council=exempt.council,
            requester=person("tw-councillor-2"),
            document=ll_doc,
            basis="statutory",
            purpose="x",
        )
    assert "another council" in str(exc.value)
    assert AccessRequest.objects.count() == 0


def test_a_second_open_request_for_the_same_document_is_refused(exempt, person):
    submit(person("tw-councillor-2"), exempt)
    with pytest.raises(ValidationError) as exc:
        submit(person("tw-councillor-2"), exempt)
    assert "already have an open request" in str(exc.value)
    assert AccessRequest.objects.count() == 1


@pytest.mark.parametrize("username", ["tw-councillor-3", "tw-officer-1", "tw-senior-officer", "ll-town-clerk"])
def test_decision_by_someone_not_entitled_writes_nothing(exempt, person, username):
    r = submit(person("tw-councillor-2"), exempt)
    with pytest.raises(PermissionDenied):
        services.access_request_decide(actor=person(username), access_request=r, decision="grant_copy", reasons="ok")
    r.refresh_from_db()
    assert r.state == State.SUBMITTED and not Grant.objects.exists()
    assert AccessRequest.history.filter(id=r.pk).count() == 1


@pytest.mark.parametrize("username", ["tw-director", "tw-chief-executive", "tw-member-services-officer"])
def test_owner_administrator_and_senior_officers_may_decide(exempt, person, username):
    r = submit(person("tw-councillor-2"), exempt)
    r = services.access_request_decide(actor=person(username), access_request=r, decision="grant_copy", reasons="ok")
    assert r.state == State.GRANTED and Grant.objects.get(request=r).can_copy


def test_refusal_needs_grounds_and_reasons(exempt, person):
    r = submit(person("tw-councillor-2"), exempt)
    with pytest.raises(ValidationError) as exc:
        services.access_request_decide(actor=person("tw-director"), access_request=r, decision="refuse", reasons="")
    assert set(exc.value.error_dict) == {"grounds", "reasons"}
    with pytest.raises(ValidationError):
        services.access_request_decide(
            actor=person("tw-director"), access_request=r, decision="refuse", grounds=["made_up"], reasons="x"
        )
    r.refresh_from_db()
    assert r.state == State.SUBMITTED


def test_conflicted_monitoring_officer_cannot_determine(exempt, person):
    from roles.models import RelationshipDeclaration

    councillor, mo = person("tw-councillor-2"), person("tw-monitoring-officer")
    RelationshipDeclaration.objects.create(
        council=exempt.council, member=councillor, officer=mo, nature="friendship", start_date="2020-01-01"
    )
    r = submit(councillor, exempt)
    r = services.access_request_refer(actor=person("tw-director"), access_request=r, reason="In doubt (TW 3.6).")
    with pytest.raises(PermissionDenied) as exc:
        services.access_request_determine(actor=mo, access_request=r, decision="grant_copy", reasons="x")
    assert "close relationship" in str(exc.value)
    r.refresh_from_db()
    assert r.state == State.REFERRED and not Grant.objects.exists()


def test_only_the_councils_monitoring_officer_determines(exempt, person):
    r = submit(person("tw-councillor-2"), exempt)
    r = services.access_request_refer(actor=person("tw-director"), access_request=r, reason="In doubt.")
    for username in ("cd-monitoring-officer", "tw-chief-executive"):
        with pytest.raises(PermissionDenied):
            services.access_request_determine(actor=person(username), access_request=r, decision="refuse", reasons="x")


def test_refused_determination_is_final(exempt, person):
    councillor = person("tw-councillor-2")
    r = submit(councillor, exempt)
    r = services.access_request_decide(
        actor=person("tw-director"), access_request=r, decision="refuse", grounds=["refuse_hostile"], reasons="x"
    )
    r = services.access_request_refer(actor=councillor, access_request=r, reason="Disagree.")
    r = services.access_request_determine(
        actor=person("tw-monitoring-officer"), access_request=r, decision="refuse", reasons="Upheld."
    )
    assert r.state == State.DETERMINED_REFUSED
    with pytest.raises((PermissionDenied, ValidationError)):
        services.access_request_refer(actor=councillor, access_request=r, reason="Again.")
    r.refresh_from_db()
    assert r.state == State.DETERMINED_REFUSED


def test_access_log_records_non_public_reads_only(exempt, person):
    public = Document.objects.get(title="Budget monitoring report Q2")
    services.access_log_record(person=person("tw-director"), document=exempt, grant=None, action="view", via="page")
    services.access_log_record(person=person("tw-director"), document=public, grant=None, action="view", via="page")
    assert AccessLogEntry.objects.count() == 1


def test_upload_checks_content_type(exempt, person):
    clerk = person("tw-member-services-officer")
    with pytest.raises(ValidationError) as exc:
        services.document_upload(
            actor=clerk,
            council=exempt.council,
            title="Bad",
            classification="public",
            category="other",
            owner_office=exempt.owner_office,
            upload=ContentFile(b"MZ\x90\x00" + b"\x00" * 200, name="x.pdf"),
        )
    assert "file" in exc.value.error_dict
    with pytest.raises(PermissionDenied):
        services.document_upload(
            actor=person("tw-councillor-1"),
            council=exempt.council,
            title="Not mine",
            classification="public",
            category="other",
            owner_office=exempt.owner_office,
            upload=ContentFile(b"hello", name="x.txt"),
        )

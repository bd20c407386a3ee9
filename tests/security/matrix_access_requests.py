"""Expected access for the information-access pages and API (demo register, fixtures/access_requests)."""

from __future__ import annotations

from access_requests.models import AccessRequest, Document, Meeting

from .matrix import Case

LL = {"slug": "leighton-linslade"}


def data_ll_exempt_document() -> Document:
    """Exempt and contractual; owned by the Town Clerk's office."""
    return Document.objects.get(title="Grounds maintenance contract: tender evaluation")


def data_tw_exempt_document() -> Document:
    return Document.objects.filter(council__slug="tewkesbury", classification="exempt").order_by("pk").first()  # type: ignore[return-value]


def data_ll_meeting() -> Meeting:
    return Meeting.objects.filter(council__slug="leighton-linslade").order_by("pk").first()  # type: ignore[return-value]


def data_ll_request() -> AccessRequest:
    """ll-councillor-1 asks for the exempt tender evaluation (awaiting decision)."""
    from access_requests import services
    from roles.models import Person

    existing = AccessRequest.objects.filter(requester__username="ll-councillor-1").order_by("pk").first()
    if existing is not None:
        return existing
    councillor = Person.objects.get(username="ll-councillor-1")
    document = data_ll_exempt_document()
    return services.access_request_submit(
        actor=councillor,
        council=document.council,
        requester=councillor,
        document=document,
        basis="need_to_know",
        purpose="Scrutiny of the contract award.",
    )


R = lambda d: {"pk": d.ll_request.pk}  # noqa: E731
DOC = lambda d: {"pk": d.ll_exempt_document.pk}  # noqa: E731
TW_DOC = lambda d: {"pk": d.tw_exempt_document.pk}  # noqa: E731

ROLES = ("anonymous", "clerk", "councillor", "officer", "mo", "other_clerk", "other_councillor")


def table(*statuses: int) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


# clerk = ll-town-clerk (administrator, holds the owner office), councillor = ll-councillor-1 (the requester),
# officer = ll-officer-1, mo = cb-monitoring-officer (LL's MO: sees disputes only), other_* = Tewkesbury.
CASES: list[Case] = [
    Case("access_requests:request-list", table(302, 200, 200, 200, 200, 200, 200)),
    Case("access_requests:dispute-list", table(302, 403, 403, 403, 200, 403, 403)),
    Case("access_requests:request-detail", table(302, 200, 200, 404, 404, 404, 404), R),
    Case("access_requests:request-decide", table(302, 200, 403, 404, 404, 404, 404), R),
    Case("access_requests:request-refer", table(302, 200, 403, 404, 404, 404, 404), R),
    Case("access_requests:request-determine", table(302, 403, 403, 404, 404, 404, 404), R),
    Case("access_requests:undertaking", table(302, 403, 404, 404, 404, 404, 404), R),
    Case("access_requests:request-revoke-grant", table(302, 403, 403, 404, 404, 404, 404), R),
    Case("access_requests:request-withdraw", table(302, 405, 405, 405, 405, 405, 405), R),
    Case("access_requests:document-list", table(302, 200, 200, 200, 200, 200, 200)),
    Case("access_requests:document-detail", table(302, 200, 200, 200, 200, 404, 404), DOC, label="own council"),
    Case("access_requests:document-detail", table(302, 404, 404, 404, 404, 200, 200), TW_DOC, label="other council"),
    Case("access_requests:document-read", table(302, 200, 403, 403, 200, 404, 404), DOC),
    Case("access_requests:document-copy", table(302, 200, 403, 403, 200, 404, 404), DOC),
    Case("access_requests:document-log", table(302, 200, 403, 403, 200, 404, 404), DOC),
    Case("access_requests:request-create", table(302, 200, 200, 200, 403, 403, 403), lambda d: LL),
    Case("access_requests:document-create", table(302, 200, 403, 403, 403, 403, 403), lambda d: LL),
    Case("access_requests:meeting-list", table(302, 200, 200, 200, 200, 200, 200), lambda d: LL),
    Case("access_requests:meeting-create", table(302, 200, 403, 403, 403, 403, 403), lambda d: LL),
    Case(
        "access_requests:agenda-item-create",
        table(302, 200, 403, 403, 403, 403, 403),
        lambda d: {**LL, "meeting": d.ll_meeting.pk},
    ),
    Case("access_requests:rule-list", table(302, 200, 200, 200, 200, 200, 200), lambda d: LL),
    Case("access_requests:policy-edit", table(302, 200, 403, 403, 403, 403, 403), lambda d: LL),
    Case(
        "access_requests:rule-edit",
        table(302, 200, 403, 403, 403, 403, 403),
        lambda d: {**LL, "kind": "statutory_inspection"},
    ),
    # The API answers unauthenticated calls with 403; decide/refer/determine are POST-only (405 on GET).
    Case("api-document-list", table(403, 200, 200, 200, 200, 200, 200)),
    Case("api-document-content", table(403, 200, 403, 403, 200, 404, 404), DOC),
    Case("api-access-request-list", table(403, 200, 200, 200, 200, 200, 200)),
    Case("api-access-request-detail", table(403, 200, 200, 404, 404, 404, 404), R),
    Case("api-access-request-decide", table(403, 405, 405, 405, 405, 405, 405), R),
    Case("api-access-request-refer", table(403, 405, 405, 405, 405, 405, 405), R),
    Case("api-access-request-determine", table(403, 405, 405, 405, 405, 405, 405), R),
    Case("api-access-request-revoke-grant", table(403, 405, 405, 405, 405, 405, 405), R),
    Case("api-access-request-undertaking", table(403, 405, 405, 405, 405, 405, 405), R),
]

"""Expected access for the complaints app's pages and API (demo complaints from fixtures/complaints/demo.json)."""

from __future__ import annotations

from complaints.models import Complaint, ComplaintAttachment

from .matrix import FORBIDDEN, NOT_ALLOWED, NOT_FOUND, OK, Case, everyone, only, signed_in

LL = {"slug": "leighton-linslade"}
TW = {"slug": "tewkesbury"}
HIDDEN = NOT_FOUND  # a complaint the caller may not see is one they may not know exists


def data_ll_officer_complaint() -> Complaint:
    """ll-councillor-2 about ll-officer-2, logged by the Town Clerk, who handles it."""
    return Complaint.objects.get(summary="Enquiry about allotment lease not answered")


def data_ll_clerk_complaint() -> Complaint:
    """ll-councillor-1 about the Town Clerk: handled by the Town Mayor, hidden from the clerk."""
    return Complaint.objects.get(summary="Agenda papers sent too late to read")


def data_ll_clerk_attachment() -> ComplaintAttachment:
    complaint = data_ll_clerk_complaint()
    attachment = complaint.attachments.first()
    if attachment is None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from complaints.services import complaint_attachment_add

        attachment = complaint_attachment_add(
            actor=complaint.complainant,
            complaint=complaint,
            upload=SimpleUploadedFile("papers.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        )
    return attachment


def _seen_by(*roles: str, others: int = HIDDEN) -> dict[str, int]:
    return only(set(roles), others=others)


ABOUT_OFFICER = _seen_by("clerk")
ABOUT_CLERK = _seen_by("councillor")
API_ANON = FORBIDDEN  # DRF answers an unauthenticated API call with 403 (session auth first)

CASES = [
    Case("complaints:list", signed_in(OK)),
    Case("complaints:list", signed_in(OK), label="search", query="?q=Agenda&scope=overdue&state=received"),
    Case("complaints:create-choose", signed_in(OK)),
    Case("complaints:create", only({"clerk", "councillor", "officer"}), lambda d: LL),
    Case("complaints:route-preview", signed_in(OK), lambda d: LL),
    Case("complaints:detail", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}, label="about an officer"),
    Case("complaints:detail", ABOUT_CLERK, lambda d: {"pk": d.ll_clerk_complaint.pk}, label="about the clerk"),
    Case("complaints:transition", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case(
        "complaints:transition",
        ABOUT_CLERK,  # the complainant may withdraw
        lambda d: {"pk": d.ll_clerk_complaint.pk},
        label="complainant",
    ),
    Case("complaints:action", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case(
        "complaints:action",
        {**ABOUT_CLERK, "councillor": FORBIDDEN},  # only the handler (the Mayor) records action
        lambda d: {"pk": d.ll_clerk_complaint.pk},
        label="not the handler",
    ),
    Case("complaints:attachment-add", ABOUT_CLERK, lambda d: {"pk": d.ll_clerk_complaint.pk}),
    Case(
        "complaints:attachment",
        ABOUT_CLERK,
        lambda d: {"pk": d.ll_clerk_complaint.pk, "attachment": d.ll_clerk_attachment.pk},
    ),
    Case(
        "history",
        ABOUT_CLERK,
        lambda d: {"label": "complaints.complaint", "pk": d.ll_clerk_complaint.pk},
        label="complaint about the clerk",
    ),
    Case(
        "history",
        ABOUT_OFFICER,
        lambda d: {"label": "complaints.complaintevent", "pk": d.ll_officer_complaint.events.first().pk},
        label="complaint timeline event",
    ),
    Case(
        "history",
        _seen_by(),  # route lines may name declared relationships: the register's readers only
        lambda d: {"label": "complaints.routedecision", "pk": d.ll_clerk_complaint.route.first().pk},
        label="route of a complaint about the clerk",
    ),
    Case("complaints:chains", signed_in(OK), lambda d: LL),
    Case("complaints:chain-detail", signed_in(OK), lambda d: {**LL, "chain": "member-about-officer"}),
    Case("complaints:settings", only({"clerk"}), lambda d: LL),
    Case("complaints:settings", only({"other_clerk"}), lambda d: TW, label="other council"),
    Case("complaints:chain-create", only({"clerk"}), lambda d: LL),
    Case("complaints:chain-edit", only({"clerk"}), lambda d: {**LL, "chain": "member-about-officer"}),
    Case("complaints:step-create", only({"clerk"}), lambda d: {**LL, "chain": "member-about-officer"}),
    Case(
        "complaints:step-edit",
        only({"clerk"}),
        lambda d: {**LL, "chain": "member-about-officer", "step": d.ll_clerk_complaint.chain.steps.first().pk},
    ),
    Case(
        "complaints:step-delete",
        only({"clerk"}),
        lambda d: {**LL, "chain": "member-about-officer", "step": d.ll_clerk_complaint.chain.steps.first().pk},
    ),
    Case(
        "complaints:notice-create",
        only({"clerk"}),
        lambda d: {**LL, "chain": "member-about-officer", "step": d.ll_clerk_complaint.chain.steps.first().pk},
    ),
    Case(
        "complaints:notice-delete",
        signed_in(FORBIDDEN),
        lambda d: {
            "slug": "kingsthorpe",
            "chain": "member-about-officer",
            "step": d.ki_clerk_step.pk,
            "notice": d.ki_clerk_step.notices.first().pk,
        },
        label="another council's chain",
    ),
    Case("api-complaint-list", {**signed_in(OK), "anonymous": API_ANON}),
    Case("api-complaint-detail", {**ABOUT_CLERK, "anonymous": API_ANON}, lambda d: {"pk": d.ll_clerk_complaint.pk}),
    Case(
        "api-complaint-transition",
        {**signed_in(NOT_ALLOWED), "anonymous": API_ANON},
        lambda d: {"pk": d.ll_clerk_complaint.pk},
    ),
    Case("api-complaint-route-preview", {**signed_in(NOT_ALLOWED), "anonymous": API_ANON}),
    # Stages, consent, meetings, the subject's reply, reports (issue 11).
    Case("complaints:respond", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case("complaints:escalate", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case("complaints:extend", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case("complaints:consent-ask", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case("complaints:schedule", ABOUT_OFFICER, lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case("complaints:remedy-done", signed_in(NOT_ALLOWED), lambda d: {"pk": d.ll_officer_complaint.pk, "action": 1}),
    Case("complaints:subject-reply", signed_in(NOT_FOUND), lambda d: {"pk": d.ll_officer_complaint.pk}),
    Case("complaints:consent", everyone(NOT_FOUND), lambda d: {"token": "not-a-token"}, label="unknown link"),
    Case("complaints:report", only({"clerk", "mo"}), lambda d: LL),
    Case("complaints:stage-edit", only({"clerk"}), lambda d: {**LL, "number": 1}),
    Case("complaints:chain-copy", only({"clerk"}), lambda d: {**LL, "chain": "member-about-officer"}),
    Case("api-complaint-respond", {**signed_in(NOT_ALLOWED), "anonymous": API_ANON}, lambda d: {"pk": 1}),
    Case("api-complaint-escalate", {**signed_in(NOT_ALLOWED), "anonymous": API_ANON}, lambda d: {"pk": 1}),
    Case("api-complaint-extend", {**signed_in(NOT_ALLOWED), "anonymous": API_ANON}, lambda d: {"pk": 1}),
    Case("api-complaints-report", only({"clerk", "mo"}, anonymous=API_ANON), lambda d: LL),
]


def data_ki_clerk_step():  # type: ignore[no-untyped-def]
    from complaints.models import ChainStep

    return ChainStep.objects.get(chain__council__slug="kingsthorpe", chain__slug="member-about-officer", position=1)

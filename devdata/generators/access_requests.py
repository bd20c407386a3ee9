"""Scale data for information access: meetings and agenda items, a document register, requests in
every state, grants with their object permissions, and access-log entries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone

from access_requests.models import (
    AccessLogEntry,
    AccessRequest,
    AgendaItem,
    Basis,
    Category,
    Classification,
    Decision,
    Document,
    DocumentUserObjectPermission,
    Grant,
    Meeting,
    State,
)
from devdata.scale import ScaleContext, bulk_plain, bulk_with_history
from protocol_portal.core.files import private_storage

SHARED_FILE = "scale/synthetic-document.txt"
GRANTING: dict[str, str] = {State.GRANTED: Decision.GRANT_COPY, State.DETERMINED_GRANTED: Decision.GRANT_INSPECT}


def _shared_file() -> str:
    storage = private_storage()
    if not storage.exists(SHARED_FILE):
        storage.save(SHARED_FILE, ContentFile(b"Synthetic council document used by the scale data set.\n"))
    return SHARED_FILE


def generate(ctx: ScaleContext) -> None:
    rng = ctx.rng
    councils = [c for c in ctx.councils if ctx.members_by_council.get(c.pk) and ctx.officers_by_council.get(c.pk)]
    meetings = bulk_with_history(
        ctx,
        Meeting,
        [
            Meeting(council=c, title=f"Council meeting {m + 1}", date=ctx.today - timedelta(days=30 * m))
            for c in councils
            for m in range(3)
        ],
        desc="meetings",
    )
    items = bulk_with_history(
        ctx,
        AgendaItem,
        [
            AgendaItem(
                meeting=m,
                number=str(n),
                title=f"Item {n}",
                part=AgendaItem.Part.CLOSED if n == 3 else AgendaItem.Part.OPEN,
            )
            for m in meetings
            for n in range(1, 4)
        ],
        desc="agenda items",
    )
    items_by_council: dict[int, list[AgendaItem]] = {}
    for item in items:
        items_by_council.setdefault(item.meeting.council_id, []).append(item)
    owner_offices = {c.pk: [o for o in ctx.offices_by_council[c.pk].values() if o.kind == "officer"] for c in councils}
    file_name = _shared_file()
    weights = [20 if c.tier not in ("parish", "town") else 1 for c in councils]
    documents = []
    for n in range(ctx.size.documents):
        council = rng.choices(councils, weights)[0]
        item = rng.choice(items_by_council[council.pk])
        documents.append(
            Document(
                council=council,
                title=f"Scale document {n}",
                classification=rng.choice(Classification.values),
                category=rng.choice(Category.values),
                owner_office=rng.choice(owner_offices[council.pk]),
                meeting=item.meeting,
                agenda_item=item,
                matters="synthetic",
                file=file_name,
                content_type="text/plain",
                original_filename="document.txt",
            )
        )
    documents = bulk_with_history(ctx, Document, documents, desc="documents")
    by_council: dict[int, list[Document]] = {}
    for document in documents:
        by_council.setdefault(document.council_id, []).append(document)
    with_documents = [c for c in councils if by_council.get(c.pk)]
    request_weights = [len(by_council[c.pk]) for c in with_documents]
    now = timezone.now()
    requests: list[AccessRequest] = []
    open_pairs: set[tuple[int, int]] = set()
    for n in range(ctx.size.requests):
        council = rng.choices(with_documents, request_weights)[0]
        requester = rng.choice(ctx.members_by_council[council.pk])
        decider = rng.choice(ctx.officers_by_council[council.pk])
        document = rng.choice(by_council[council.pk])
        state = rng.choice(State.values)
        if state in (State.SUBMITTED, State.REFERRED):
            if (requester.pk, document.pk) in open_pairs:
                state = State.REFUSED  # one open request per councillor and document (a database constraint)
            open_pairs.add((requester.pk, document.pk))
        decided = state not in (State.SUBMITTED, State.WITHDRAWN)
        decision: str = GRANTING.get(state, Decision.REFUSE) if decided else ""
        requests.append(
            AccessRequest(
                council=council,
                requester=requester,
                made_by=requester,
                document=document,
                basis=rng.choice(Basis.values),
                purpose=f"Synthetic purpose {n}",
                state=state,
                due_date=ctx.today + timedelta(days=rng.randint(-20, 20)),
                decided_by=decider if decided else None,
                decision=decision,
                reasons="Synthetic." if decided else "",
                decided_at=now if decided else None,
                closed_at=None if state in (State.SUBMITTED, State.REFERRED) else now,
            )
        )
    requests = bulk_with_history(ctx, AccessRequest, requests, desc="access requests")
    granted = [r for r in requests if r.state in GRANTING]
    grants = bulk_with_history(
        ctx,
        Grant,
        [
            Grant(
                request=r,
                person=r.requester,
                document=r.document,
                can_copy=r.state == State.GRANTED,
                undertaking_text="Use only for the stated purpose; do not disclose.",
                undertaking_accepted_at=now,
            )
            for r in granted
        ],
        desc="grants",
    )
    inspect = Permission.objects.get(codename="inspect_document", content_type__app_label="access_requests")
    copy = Permission.objects.get(codename="copy_document", content_type__app_label="access_requests")
    wanted: set[tuple[int, int, int]] = set()
    for grant in grants:
        wanted.add((grant.person_id, inspect.pk, grant.document_id))
        if grant.can_copy:
            wanted.add((grant.person_id, copy.pk, grant.document_id))
    perms: list[Any] = [
        DocumentUserObjectPermission(user_id=user, permission_id=perm, content_object_id=doc)
        for user, perm, doc in sorted(wanted)
    ]
    bulk_plain(ctx, DocumentUserObjectPermission, perms, desc="document permissions")
    log = [
        AccessLogEntry(document=g.document, person=g.person, grant=g, action=AccessLogEntry.Action.VIEW)
        for g in grants
        for _ in range(rng.randint(1, 3))
    ]
    bulk_with_history(ctx, AccessLogEntry, log, desc="access log")

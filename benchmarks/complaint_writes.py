"""The real complaint create (``POST /api/complaints/``) under load: one council, or spread across many.

ApacheBench posts one body over and over; spreading writes across councils needs a body per
request, so writes are driven by threads here (one keep-alive connection each). The client is
light next to a create (tens of milliseconds of server work), so it does not limit the figures.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from typing import Any

ONE_COUNCIL = {"council": "tewkesbury", "complainant": "tw-councillor-2", "subject": "tw-officer-1"}


def write_bodies(*, actor: Any, spread: int) -> dict[str, list[dict[str, Any]]]:
    """Bodies for 'one council' (always the same parties) and 'many councils' (one routable pair per council)."""
    from django.core.exceptions import ValidationError

    from complaints.models import RoutingChain
    from complaints.services import complaint_route_preview
    from roles.models import Council, Office
    from roles.selectors import appointments_current

    def body(council: str, complainant: str, subject: str) -> dict[str, Any]:
        return {
            "council": council,
            "complainant": complainant,
            "subject": subject,
            "summary": "Late reply to a councillor's enquiry",
            "details": "The enquiry of last month has had no reply.",
        }

    many: list[dict[str, Any]] = []
    councils = Council.objects.filter(
        pk__in=RoutingChain.objects.filter(active=True, kind=RoutingChain.Kind.MEMBER_ABOUT_OFFICER).values(
            "council_id"
        )
    ).order_by("id")[: spread * 3]
    for council in councils:
        holders = list(appointments_current().filter(office__council=council).select_related("person", "office"))
        members = [a.person for a in holders if a.office.kind == Office.Kind.MEMBER][:2]
        officers = [a.person for a in holders if a.office.kind == Office.Kind.OFFICER][-3:]  # juniors last
        for member, officer in ((m, o) for m in members for o in reversed(officers)):
            try:
                _, route = complaint_route_preview(actor=actor, council=council, complainant=member, subject=officer)
            except ValidationError:
                continue
            if route.handler_decision is not None:
                many.append(body(council.slug, member.username, officer.username))
                break
        if len(many) >= spread:
            break
    return {"one council": [body(**ONE_COUNCIL)], "many councils": many}


def drive(
    *,
    host: str,
    port: int,
    path: str,
    bodies: list[dict[str, Any]],
    headers: dict[str, str],
    concurrency: int,
    total: int,
) -> dict[str, float]:
    """POST ``total`` requests with ``concurrency`` threads; bodies taken in turn. Returns rps, p50, p95, errors."""
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        while True:
            with lock:
                n = next(counter)
            if n >= total:
                break
            payload = json.dumps(bodies[n % len(bodies)])
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=payload, headers={**headers, "Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                errors.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=120)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 201 and status != 0:
                    errors.append(str(status))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0

    return {"rps": total / wall if wall else 0.0, "p50": pct(0.5), "p95": pct(0.95), "errors": float(len(errors))}

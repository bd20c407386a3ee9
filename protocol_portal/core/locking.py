"""Row locks: one order for the whole portal, and what a request that loses a race is told.

Lock order (a transaction takes locks only in this order, so no two can wait on
each other in a cycle):

1. Council configuration rows, when changing configuration: ``ProtocolDocument``
   (all versions of one council, by id), ``Office``, ``Appointment``,
   memberships, ``ChainStep`` (by position), ``LegalHold``.
2. The one case row a service acts on, first thing in its transaction:
   ``Complaint`` (``complaints.services.lifecycle._lock``) or ``AccessRequest``
   (``access_requests.services.workflow._locked``); a service locks one case.
3. ``Grant`` rows of that case.
4. Nothing else is locked by a request. Children (events, route decisions,
   notices, history rows and their pending digests) are only inserted.

Outside requests, in their own short transactions:
5. ``Notice``: only the delivery worker locks it (claim, mark sent), one at a time.
6. ``AuditChainHead``: only the sealer, which is single-flight (advisory lock).

Every lock is ``select_for_update(of=("self",))`` so a ``select_related`` join
never locks the joined rows (people, councils), and ``no_key=True`` when the
row is updated but not deleted, so inserting children that reference it
(``FOR KEY SHARE``) does not wait. Transactions hold no network I/O: e-mail and
broker publishes happen after commit.

If a request still loses a race (a deadlock the database broke, a lock or
serialization failure, or a unique constraint another request satisfied
first), nothing it wrote is kept; ``LostRaceMiddleware`` answers 409 with a
clear message (JSON for the API, a page otherwise), never a 500.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import IntegrityError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

# PostgreSQL SQLSTATEs of a lost race: deadlock, serialization failure, lock not available,
# unique violation, exclusion violation.
_RACE_STATES = {"40P01", "40001", "55P03", "23505", "23P01"}
LOST_RACE_MESSAGE = (
    "Someone else changed this record at the same moment, so your change was not saved. "
    "Check the record as it is now and try again."
)


def is_lost_race(exc: BaseException) -> bool:
    if not isinstance(exc, OperationalError | IntegrityError):
        return False
    state = getattr(exc.__cause__, "sqlstate", None)
    if state is not None:
        return state in _RACE_STATES
    text = str(exc).lower()
    return "database is locked" in text or ("unique constraint failed" in text and isinstance(exc, IntegrityError))


class LostRaceMiddleware:
    """Turn a lost race into 409 Conflict with a message, instead of a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_lost_race(exception):
            return None
        logger.warning("Lost race on %s %s: %s", request.method, request.path, exception)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": LOST_RACE_MESSAGE}, status=409)
        return render(request, "core/conflict.html", {"message": LOST_RACE_MESSAGE}, status=409)

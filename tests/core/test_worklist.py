from datetime import date

from protocol_portal.core import worklist
from protocol_portal.core.worklist import WorkQueue


def test_work_for_orders_overdue_first_then_next_date_and_drops_empty_queues(monkeypatch):
    monkeypatch.setattr(worklist, "_providers", [])

    def provider(person):
        return [
            WorkQueue("a", "Later", 2, "/a", next_due=date(2026, 12, 9)),
            WorkQueue("b", "Overdue", 1, "/b", overdue=1, next_due=date(2026, 11, 1)),
            WorkQueue("c", "Empty", 0, "/c"),
            WorkQueue("d", "Mine", 1, "/d", own=True, next_due=date(2026, 11, 2)),
            WorkQueue("e", "Sooner", 3, "/e", next_due=date(2026, 12, 1)),
        ]

    worklist.register(provider)
    worklist.register(provider)
    assert [q.key for q in worklist.work_for(object())] == ["b", "e", "a", "d"]

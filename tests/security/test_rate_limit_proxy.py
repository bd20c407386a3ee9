"""Finding 6: behind the configured proxies, rate limits count each real client, not the proxy."""

import pytest
from django.test import RequestFactory

from protocol_portal.core.ratelimit import client_address

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


def reset(client, forwarded_for: str, email: str = "nobody@demo.invalid") -> int:
    return client.post(
        "/accounts/password_reset/",
        {"email": email},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    ).status_code


def test_each_client_behind_the_proxy_has_its_own_budget(client, demo, settings):
    settings.PROXY_COUNT = 1
    first = [reset(client, "203.0.113.7") for _ in range(6)]
    assert first[:5] == [302] * 5 and first[5] == 429
    # Another person behind the same proxy (another address, so the per-e-mail limit is theirs too).
    assert reset(client, "198.51.100.9", "someone-else@demo.invalid") == 302


def test_a_forged_forwarded_for_does_not_buy_a_new_budget(client, demo, settings):
    settings.PROXY_COUNT = 1
    # The proxy appends the real address; whatever the client wrote sits to its left.
    statuses = [reset(client, f"192.0.2.{n}, 203.0.113.7", f"person{n}@demo.invalid") for n in range(6)]
    assert statuses[5] == 429


def test_api_writes_are_limited_per_real_client(demo, settings):
    from rest_framework.test import APIClient

    settings.PROXY_COUNT = 1
    settings.API_WRITE_RATE = "2/m"
    api = APIClient()

    def token(addr: str) -> int:
        return api.post(
            "/api/auth/token/",
            {"username": "x", "password": "y"},
            format="json",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=addr,
        ).status_code

    assert [token("203.0.113.7") for _ in range(3)] == [400, 400, 429]
    assert token("198.51.100.9") == 400


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "1.1.1.1", PROXY),
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),
        (2, "6.6.6.6, 1.1.1.1, 10.0.0.9", "1.1.1.1"),
        (2, "1.1.1.1", PROXY),  # fewer hops than configured proxies: not trusted
    ],
)
def test_client_address(settings, count, forwarded, expected):
    settings.PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected

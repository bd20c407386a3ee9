from __future__ import annotations

import pytest

from .servers import moto_server, s3_env


@pytest.fixture(scope="module")
def s3_endpoint():
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_settings(settings, s3_endpoint):
    """Point django-storages' settings (and our client) at the local S3 server."""
    for name, value in s3_env(s3_endpoint).items():
        setattr(settings, name, value)
    return settings


@pytest.fixture
def s3_client(s3_settings):
    from protocol_portal.core.checkpoint_s3 import s3_client as make_client

    return make_client()

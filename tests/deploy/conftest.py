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


@pytest.fixture
def private_bucket(s3_settings, s3_client, tmp_path):
    """Private files go to a fresh bucket; the local folder is a fresh empty one (to prove nothing lands there)."""
    import uuid

    name = f"pp-private-{uuid.uuid4().hex[:8]}"
    s3_client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    s3_settings.PRIVATE_STORAGE_BUCKET = name
    s3_settings.PRIVATE_MEDIA_ROOT = tmp_path / "local"
    return name

"""Audit checkpoints in a bucket with object lock: appended, read back, never overwritten or deleted early."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from botocore.exceptions import ClientError

from protocol_portal.core.checkpoint_s3 import CheckpointExistsError, S3CheckpointSink


@pytest.fixture
def locked_bucket(s3_client):
    name = f"pp-checkpoints-{uuid.uuid4().hex[:8]}"
    s3_client.create_bucket(
        Bucket=name,
        ObjectLockEnabledForBucket=True,
        CreateBucketConfiguration={"LocationConstraint": "eu-west-2"},
    )
    return name


def test_latest_is_none_for_an_empty_bucket(locked_bucket):
    assert S3CheckpointSink(locked_bucket).latest() is None


def test_each_checkpoint_is_a_new_locked_object_and_latest_reads_the_newest(s3_client, locked_bucket, settings):
    settings.AUDIT_CHECKPOINT_RETENTION_DAYS = 30
    sink = S3CheckpointSink(locked_bucket)
    sink.append({"length": 1, "head": "aa", "at": "2026-11-25T10:00:00Z"})
    sink.append({"length": 2, "head": "bb", "at": "2026-11-25T10:01:00Z"})
    assert sink.latest() == {"length": 2, "head": "bb", "at": "2026-11-25T10:01:00Z"}
    keys = [o["Key"] for o in s3_client.list_objects_v2(Bucket=locked_bucket)["Contents"]]
    assert len(keys) == 2 and all(k.startswith("checkpoints/") for k in keys)
    head = s3_client.head_object(Bucket=locked_bucket, Key=keys[-1])
    assert head["ObjectLockMode"] == "COMPLIANCE"
    until = head["ObjectLockRetainUntilDate"]
    assert datetime.now(UTC) + timedelta(days=29) < until < datetime.now(UTC) + timedelta(days=31)
    assert head["ServerSideEncryption"] == "AES256"


def test_a_checkpoint_cannot_be_deleted_or_replaced(s3_client, locked_bucket):
    sink = S3CheckpointSink(locked_bucket)
    sink.append({"length": 7, "head": "original"})
    key = s3_client.list_objects_v2(Bucket=locked_bucket)["Contents"][0]["Key"]
    version = s3_client.list_object_versions(Bucket=locked_bucket, Prefix=key)["Versions"][0]["VersionId"]
    # Deleting the locked version is refused, even by the bucket's owner.
    with pytest.raises(ClientError) as refused:
        s3_client.delete_object(Bucket=locked_bucket, Key=key, VersionId=version)
    assert refused.value.response["Error"]["Code"] == "AccessDenied"
    # Writing the same name again through S3 only adds a version; the sink still reads the original.
    s3_client.put_object(Bucket=locked_bucket, Key=key, Body=b'{"length": 99, "head": "forged"}')
    assert sink.latest() == {"length": 7, "head": "original"}
    # A delete marker hides the object from a plain listing but not from the sink.
    s3_client.delete_object(Bucket=locked_bucket, Key=key)
    assert sink.latest() == {"length": 7, "head": "original"}
    # The original version is still there, still locked.
    with pytest.raises(ClientError):
        s3_client.delete_object(Bucket=locked_bucket, Key=key, VersionId=version)


def test_the_sink_never_writes_over_an_existing_name(locked_bucket, monkeypatch):
    sink = S3CheckpointSink(locked_bucket)
    monkeypatch.setattr(sink, "object_name", lambda checkpoint, body, now: "checkpoints/fixed.json")
    sink.append({"length": 1, "head": "first"})
    with pytest.raises(CheckpointExistsError):
        sink.append({"length": 2, "head": "second"})
    assert sink.latest() == {"length": 1, "head": "first"}


def test_a_bucket_name_is_required():
    with pytest.raises(ValueError, match="AUDIT_CHECKPOINT_BUCKET"):
        S3CheckpointSink("")


@pytest.mark.django_db
def test_the_portals_signed_checkpoint_goes_to_the_bucket_and_reads_back_intact(locked_bucket, settings):
    from protocol_portal.core import checkpoints

    settings.AUDIT_CHECKPOINT_BUCKET = locked_bucket
    sink = checkpoints.get_checkpoint_sink()
    assert isinstance(sink, S3CheckpointSink)
    checkpoint = checkpoints.checkpoint_build()
    sink.append(checkpoint)
    newest = sink.latest()
    assert newest == checkpoint and checkpoints.checkpoint_signature_ok(newest)

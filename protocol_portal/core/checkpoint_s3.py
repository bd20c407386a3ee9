"""Audit checkpoints in an S3 bucket with object lock: write once, read many.

Each checkpoint is a new object, locked in COMPLIANCE mode until a retain-until date
(``AUDIT_CHECKPOINT_RETENTION_DAYS``): in that mode nobody, the bucket's owner included,
can delete or overwrite that version before the date. The bucket must be created with
object lock enabled (which also turns on versioning). The sink never writes to a name that
already exists, so a second write cannot even hide an earlier one behind a newer version.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings


class CheckpointExistsError(RuntimeError):
    """A checkpoint object of that name is already in the bucket: it is never overwritten."""


def s3_client() -> Any:
    """A boto3 S3 client from django-storages' settings (endpoint, keys, region, addressing style)."""
    import boto3
    from botocore.config import Config

    style = getattr(settings, "AWS_S3_ADDRESSING_STYLE", None)
    return boto3.session.Session().client(
        "s3",
        endpoint_url=getattr(settings, "AWS_S3_ENDPOINT_URL", None),
        aws_access_key_id=getattr(settings, "AWS_ACCESS_KEY_ID", None),
        aws_secret_access_key=getattr(settings, "AWS_SECRET_ACCESS_KEY", None),
        region_name=getattr(settings, "AWS_S3_REGION_NAME", None),
        config=Config(
            s3={"addressing_style": style} if style else {},
            connect_timeout=5,
            read_timeout=10,
            retries={"max_attempts": 3, "mode": "standard"},
        ),
    )


class S3CheckpointSink:
    """Appends checkpoints as locked objects under AUDIT_CHECKPOINT_PREFIX; reads back the newest."""

    def __init__(self, bucket: str) -> None:
        if not bucket:
            raise ValueError("S3CheckpointSink needs a bucket name (AUDIT_CHECKPOINT_BUCKET).")
        self.bucket = bucket
        self.prefix = getattr(settings, "AUDIT_CHECKPOINT_PREFIX", "checkpoints/")
        self.retention_days = int(getattr(settings, "AUDIT_CHECKPOINT_RETENTION_DAYS", 7 * 366))
        if self.retention_days < 1:
            raise ValueError("AUDIT_CHECKPOINT_RETENTION_DAYS must be at least 1.")
        self.client = s3_client()

    def object_name(self, checkpoint: dict, body: bytes, now: datetime) -> str:
        """Names sort by time of writing (so the last name is the newest), then chain length,
        then a digest of the content: two sealers never pick the same name."""
        length = checkpoint.get("length", checkpoint.get("chain_length"))
        length_part = f"{int(length):012d}" if isinstance(length, int) else "unknown"
        digest = hashlib.sha256(body).hexdigest()[:16]
        return f"{self.prefix}{now:%Y%m%dT%H%M%S%fZ}-{length_part}-{digest}-{uuid.uuid4().hex[:8]}.json"

    def append(self, checkpoint: dict) -> None:
        body = json.dumps(checkpoint, sort_keys=True, separators=(",", ":"), default=str).encode()
        now = datetime.now(UTC)
        key = self.object_name(checkpoint, body, now)
        if self._exists(key):
            raise CheckpointExistsError(f"Checkpoint {key} already exists; checkpoints are never overwritten.")
        self.client.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=body,
            ContentType="application/json",
            # Object lock requires an integrity header on the upload.
            ContentMD5=base64.b64encode(hashlib.md5(body, usedforsecurity=False).digest()).decode(),
            ObjectLockMode="COMPLIANCE",
            ObjectLockRetainUntilDate=now + timedelta(days=self.retention_days),
            ServerSideEncryption="AES256",
            IfNoneMatch="*",  # refused by the server if the name appeared in the meantime
        )

    def latest(self) -> dict | None:
        """The newest checkpoint, read from versions (a delete marker cannot hide one), and of
        that name the first version written (a later version under the same name is not ours)."""
        versions: dict[str, list[dict]] = {}
        paginator = self.client.get_paginator("list_object_versions")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix):
            for version in page.get("Versions", []):
                if version["Key"].endswith(".json"):
                    versions.setdefault(version["Key"], []).append(version)
        if not versions:
            return None
        newest = max(versions)
        # S3 lists a name's versions newest first: the last one is the original.
        original = versions[newest][-1]
        kwargs = {"VersionId": original["VersionId"]} if original.get("VersionId") not in (None, "null") else {}
        body = self.client.get_object(Bucket=self.bucket, Key=newest, **kwargs)["Body"].read()
        return json.loads(body)

    def _exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

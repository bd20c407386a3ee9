"""Tamper evidence for the audit history: an HMAC chain over every history row."""

from django.db import models


class AuditChainHead(models.Model):
    """The last link of one history table's chain; moved only by the sealer (one at a time)."""

    table = models.CharField(max_length=120, primary_key=True)
    seq = models.PositiveBigIntegerField(default=0)
    chain_digest = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.table} @ {self.seq}"


class AuditSeal(models.Model):
    """One history row's digest, numbered in its table's chain.

    The digests are keyed HMACs (the key is not in the database), so someone who
    edits history rows directly in the database cannot make their seals match.
    """

    table = models.CharField(max_length=120)
    seq = models.PositiveBigIntegerField()
    history_pk = models.BigIntegerField()
    row_digest = models.CharField(max_length=64)
    chain_digest = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["table", "seq"], name="audit_seal_seq_unique"),
            models.UniqueConstraint(fields=["table", "history_pk"], name="audit_seal_row_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.table} #{self.history_pk}"


class AuditRedaction(models.Model):
    """A history row changed or removed on purpose (retention, erasure), with its new digest.

    ``mac`` is keyed like the seals, so a redaction record cannot be forged in the database.
    """

    table = models.CharField(max_length=120)
    history_pk = models.BigIntegerField()
    row_digest = models.CharField(max_length=64, blank=True, help_text="Digest after redaction; empty if removed.")
    removed = models.BooleanField(default=False)
    reason = models.CharField(max_length=300)
    redacted_at = models.DateTimeField(auto_now_add=True)
    mac = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["table", "history_pk"])]

    def __str__(self) -> str:
        return f"{self.table} #{self.history_pk} redacted"


class ApiTokenDevice(models.Model):
    """The device (or integration) an API token was issued to, so its owner can recognise and revoke it.

    The token itself is django-rest-knox's (only a digest is stored). Linked by the digest, not a
    foreign key: knox's table keeps its primary key in a form SQLite will not reference.
    """

    digest = models.CharField(max_length=128, unique=True)
    person = models.ForeignKey("roles.Person", on_delete=models.CASCADE, related_name="api_token_devices")
    name = models.CharField(max_length=100, blank=True)
    address = models.GenericIPAddressField(null=True, blank=True, help_text="Where the token was requested from.")

    def __str__(self) -> str:
        return self.name or "unnamed device"


class AuditPending(models.Model):
    """A history row the application wrote and the sealer has not yet appended to its chain.

    Written in the same transaction as the history row (one INSERT, no lock on
    anything shared). ``row_digest`` is the keyed digest of the row as the
    application wrote it, so a row inserted or edited directly in the database
    cannot be made to match, and what gets sealed is what the application wrote.
    """

    table = models.CharField(max_length=120)
    history_pk = models.BigIntegerField()
    row_digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["table", "history_pk"], name="audit_pending_row_unique")]

    def __str__(self) -> str:
        return f"{self.table} #{self.history_pk} (awaiting seal)"

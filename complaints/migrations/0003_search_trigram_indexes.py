"""Complaint search through a trigram index on the summary (PostgreSQL; nothing on SQLite)."""

from django.db import migrations

from protocol_portal.core.migration_ops import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_complaint_state_from_its_life")]

    operations = [trigram_indexes("complaints_complaint", ["summary"], prefix="complaints_complaint")]

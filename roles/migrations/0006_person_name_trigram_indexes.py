"""Searching complaints by a person's name: trigram indexes on the name columns (PostgreSQL only)."""

from django.db import migrations

from protocol_portal.core.migration_ops import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("roles", "0005_dated_records_and_one_open_holder")]

    operations = [
        trigram_indexes(
            "roles_person", ["display_name", "first_name", "last_name", "username"], prefix="roles_person"
        )
    ]

"""``field__in_array=[...]``: membership in a list passed as one array parameter on PostgreSQL.

``id IN (1, 2, ..., 1070)`` makes PostgreSQL estimate every constant while planning (10 ms for a
thousand ids); ``id = ANY(%s)`` with one array parameter plans in 0.3 ms and uses the same index.
Elsewhere (SQLite) it is a plain ``IN`` list.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Field, Lookup


@Field.register_lookup
class InArray(Lookup):
    lookup_name = "in_array"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [self.lhs.output_field.get_prep_value(v) for v in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, values]
        if not values:
            return "1 = 0", list(lhs_params)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]

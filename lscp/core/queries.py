"""The query behind a figure, for the annual report's JSON: where listing the records would run to
thousands (a year's bookings) or would put children's records in a public file (child deaths), a
figure names the SQL that lists them instead, which someone allowed to see them can run."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db.models import QuerySet


@dataclass(frozen=True)
class RecordsQuery:
    """The SQL that lists the records behind a figure, with its parameters (run it with a cursor:
    cursor.execute(sql, params)); empty when nothing can match."""

    sql: str
    params: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.sql} -- parameters: {', '.join(self.params)}" if self.sql else "(no records can match)"


def records_query(queryset: QuerySet) -> RecordsQuery:
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:
        return RecordsQuery("", ())
    return RecordsQuery(sql, tuple(str(param) for param in params))

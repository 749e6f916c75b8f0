"""The `<id:name>` path converter: a database row id in a URL.

Django's `<int:...>` matches any number of digits, and a lookup with 30 of
them overflowed SQLite's integers (a 500 on every admin screen of the
project's own that takes a page id). `<id:...>` matches 1 to 18 digits, so a
longer one is a 404 before any view runs. Registered when this module is
imported: every module that routes with it imports it.
"""

from django.urls import register_converter

ID_DIGITS = 18


class RowIdConverter:
    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RowIdConverter, "id")

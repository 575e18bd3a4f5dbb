"""Links to a record's page, cheaply: lists put dozens on a page.

`reverse()` walks the URL resolver each time (about 20 µs); a list of 50 actions spends a
millisecond on links alone. A page that takes only a primary key has one shape, so it is
reversed once per URL name (and URL configuration and script prefix) and the key put in.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARKER = 987654321987


@lru_cache(maxsize=256)
def _around_pk(url_name: str, urlconf: str, script_prefix: str) -> tuple[str, str]:
    before, after = reverse(url_name, args=[_MARKER], urlconf=urlconf).split(str(_MARKER))
    return before, after


def pk_url(url_name: str, pk: int) -> str:
    """The same as reverse(url_name, args=[pk]) for a URL whose only argument is an integer key."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _around_pk(url_name, urlconf, get_script_prefix())
    return f"{before}{int(pk)}{after}"

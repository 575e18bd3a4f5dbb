from django.test import override_settings
from django.urls import reverse, set_script_prefix

from lscp.core.links import pk_url


def test_pk_url_is_what_reverse_gives():
    for name in ("improvement:action", "improvement:recommendation", "governance:meeting"):
        for pk in (1, 42, 10**9):
            assert pk_url(name, pk) == reverse(name, args=[pk])


def test_pk_url_follows_the_script_prefix():
    try:
        set_script_prefix("/lscp/")
        assert pk_url("improvement:action", 7) == reverse("improvement:action", args=[7])
        assert pk_url("improvement:action", 7).startswith("/lscp/")
    finally:
        set_script_prefix("/")
    assert pk_url("improvement:action", 7) == "/actions/7/"


@override_settings(ROOT_URLCONF="bench.urls")
def test_pk_url_follows_the_url_configuration():
    assert pk_url("improvement:action", 7) == reverse("improvement:action", args=[7])

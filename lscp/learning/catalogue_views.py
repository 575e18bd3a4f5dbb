"""Placeholder views: the helper that owns this module replaces them (each answers 404 until then)."""

from django.http import Http404

from lscp.core.permissions import public


@public
def catalogue(request, *args, **kwargs):
    raise Http404


@public
def course(request, *args, **kwargs):
    raise Http404


@public
def session(request, *args, **kwargs):
    raise Http404


@public
def sign_up(request, *args, **kwargs):
    raise Http404

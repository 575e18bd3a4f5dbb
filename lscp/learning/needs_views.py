"""Placeholder views: the helper that owns this module replaces them (each answers 404 until then)."""

from django.http import Http404

from lscp.core.permissions import public


@public
def learning_needs(request, *args, **kwargs):
    raise Http404

"""Placeholder views: the helper that owns this module replaces them (each answers 404 until then)."""

from django.http import Http404

from lscp.core.permissions import public


@public
def evaluate(request, *args, **kwargs):
    raise Http404


@public
def follow_up(request, *args, **kwargs):
    raise Http404


@public
def manager_follow_up(request, *args, **kwargs):
    raise Http404


@public
def certificate(request, *args, **kwargs):
    raise Http404

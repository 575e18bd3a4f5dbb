"""Placeholder views: the helper that owns this module replaces them (each answers 404 until then)."""

from django.http import Http404

from lscp.core.permissions import public


@public
def book(request, *args, **kwargs):
    raise Http404


@public
def my_learning(request, *args, **kwargs):
    raise Http404


@public
def cancel(request, *args, **kwargs):
    raise Http404


@public
def offer(request, *args, **kwargs):
    raise Http404


@public
def confirm_watched(request, *args, **kwargs):
    raise Http404


@public
def approval(request, *args, **kwargs):
    raise Http404


@public
def attendance(request, *args, **kwargs):
    raise Http404

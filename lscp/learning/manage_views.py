"""Placeholder views: the helper that owns this module replaces them (each answers 404 until then)."""

from django.http import Http404

from lscp.core.permissions import public


@public
def manage(request, *args, **kwargs):
    raise Http404


@public
def course_add(request, *args, **kwargs):
    raise Http404


@public
def course_edit(request, *args, **kwargs):
    raise Http404


@public
def session_add(request, *args, **kwargs):
    raise Http404


@public
def session_edit(request, *args, **kwargs):
    raise Http404


@public
def session_cancel(request, *args, **kwargs):
    raise Http404


@public
def session_bookings(request, *args, **kwargs):
    raise Http404


@public
def charges(request, *args, **kwargs):
    raise Http404


@public
def charges_csv(request, *args, **kwargs):
    raise Http404

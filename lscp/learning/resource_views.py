"""Placeholder views: the helper that owns this module replaces them (each answers 404 until then)."""

from django.http import Http404

from lscp.core.permissions import public


@public
def resources(request, *args, **kwargs):
    raise Http404


@public
def resource_add(request, *args, **kwargs):
    raise Http404


@public
def resources_due(request, *args, **kwargs):
    raise Http404


@public
def resource(request, *args, **kwargs):
    raise Http404


@public
def resource_edit(request, *args, **kwargs):
    raise Http404


@public
def version_add(request, *args, **kwargs):
    raise Http404


@public
def resource_file(request, *args, **kwargs):
    raise Http404

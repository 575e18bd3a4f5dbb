"""Placeholder views: the helper that owns this module replaces them (each answers 404 until then)."""

from django.http import Http404

from lscp.core.permissions import public


@public
def evaluations(request, *args, **kwargs):
    raise Http404


@public
def report(request, *args, **kwargs):
    raise Http404


@public
def report_pdf(request, *args, **kwargs):
    raise Http404


@public
def report_csv(request, *args, **kwargs):
    raise Http404


@public
def publish_example(request, *args, **kwargs):
    raise Http404

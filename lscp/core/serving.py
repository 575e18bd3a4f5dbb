"""Keeping Python's cyclic garbage collector out of the way: a serving process settled once the app
is loaded, and the collector paused through work that makes millions of short-lived objects."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def settle() -> None:
    """Collect once, then move everything loaded so far (Django, the apps and their modules:
    some 200,000 objects) out of the cyclic garbage collector's sight. They live as long as the
    process does, but each full collection would walk them all again: on the heaviest page, a
    performance report of 60 KPIs with charts, that was a third of its time. Python's documentation
    suggests the same for servers that fork workers, as gunicorn does (it also keeps the forked
    workers from copying the pages those objects sit in)."""
    gc.collect()
    gc.freeze()


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector through work that makes millions of objects, nearly all freed
    by reference counting as it goes (reading a million KPI rows; laying out a PDF's boxes): the
    collector would walk the growing pile again and again and free little. Measured: it triples
    the time of reading a million rows with the csv module, and adds a quarter to the annual
    report's PDF at national scale, for under 5% more peak memory."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

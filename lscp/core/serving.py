"""Settling a process that serves pages, once the app is loaded."""

import gc


def settle() -> None:
    """Collect once, then move everything loaded so far (Django, the apps and their modules:
    some 200,000 objects) out of the cyclic garbage collector's sight. They live as long as the
    process does, but each full collection would walk them all again: on the heaviest page, a
    performance report of 60 KPIs with charts, that was a third of its time. Python's documentation
    suggests the same for servers that fork workers, as gunicorn does (it also keeps the forked
    workers from copying the pages those objects sit in)."""
    gc.collect()
    gc.freeze()

"""Find one named module (demo.py, bench.py, figures.py) in every lscp app, in dependency order.

Each such module declares `DEPENDS_ON = [app labels]`; core reads the app registry, so it never
imports the apps by name.
"""

import importlib
from graphlib import TopologicalSorter
from types import ModuleType

from django.apps import apps


def app_modules(module_name: str) -> list[tuple[str, ModuleType]]:
    """[(app label, module)] for every lscp app that has `module_name`, dependencies first."""
    found: dict[str, ModuleType] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("lscp."):
            continue
        try:
            found[config.label] = importlib.import_module(f"{config.name}.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.{module_name}":
                raise  # the module exists but imports something missing: a real error
    graph = {
        label: [dep for dep in getattr(module, "DEPENDS_ON", []) if dep in found]
        for label, module in found.items()
    }
    return [(label, found[label]) for label in TopologicalSorter(graph).static_order()]

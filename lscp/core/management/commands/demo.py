"""`lscp demo`: load the demo partnership (Westbrook) from every app's demo.py, in dependency order.

Each app under lscp. may have a `demo.py` with `DEPENDS_ON` (app labels) and `load(rng)`. The
command imports no app's module by name: it finds them through the app registry, so a new app
joins the demo by adding its own demo.py. Running it again changes nothing.
"""

import random
from types import ModuleType

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lscp.core.discovery import app_modules

SEED = 2022
SIGN_IN_URL = "http://127.0.0.1:8000/account/sign-in/"


def demo_modules() -> list[tuple[str, ModuleType]]:
    """[(app label, demo module)], every app after the apps it depends on."""
    modules = app_modules("demo")
    labels = {label for label, _ in modules}
    for label, module in modules:
        if missing := [dep for dep in getattr(module, "DEPENDS_ON", []) if dep not in labels]:
            raise CommandError(f"{label}/demo.py depends on {missing}, which have no demo module.")
    return modules


class Command(BaseCommand):
    help = "Load the synthetic Westbrook partnership (idempotent) and print the demo sign-ins."

    def handle(self, *args, **options):
        modules = demo_modules()
        with transaction.atomic():
            for label, module in modules:
                # Each app gets its own generator, so adding an app never changes another's data.
                summary = module.load(random.Random(f"{SEED}:{label}"))
                if options["verbosity"] >= 1:
                    self.stdout.write(f"{label}: {summary or 'loaded'}")
        for _, module in modules:
            if options["verbosity"] >= 1 and hasattr(module, "sign_ins"):
                self.print_sign_ins(module.sign_ins())

    def print_sign_ins(self, sign_ins: list[dict]) -> None:
        if not sign_ins:
            return
        password = sign_ins[0]["password"]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo sign-ins (password {password}):"))
        role_width = max(len("Role"), *(len(s["role"]) for s in sign_ins))
        email_width = max(len("Email"), *(len(s["email"]) for s in sign_ins))
        header = f"  {'Role':<{role_width}}  {'Email':<{email_width}}  Backup codes (each works once)"
        self.stdout.write(header)
        self.stdout.write("  " + "-" * (len(header) - 2))
        for s in sign_ins:
            codes = " ".join(s["backup_codes"]) if s["backup_codes"] else "none needed (no second factor)"
            if s["two_factor"] and not s["backup_codes"]:
                codes = "all used (set up an authenticator app from your profile)"
            self.stdout.write(f"  {s['role']:<{role_width}}  {s['email']:<{email_width}}  {codes}")
        self.stdout.write("")
        self.stdout.write(f"Sign in at {SIGN_IN_URL}")

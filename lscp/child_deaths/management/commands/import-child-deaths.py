"""`lscp import-child-deaths FILE.csv|FILE.xlsx [--dry-run]`: past child death cases and the panel's
conclusions, from an eCDOP export or a spreadsheet.

Every row is checked first; nothing is written unless every row is good, and then everything is
written in one transaction. Rows whose external_reference is already here are skipped, so running
the same file again is safe. `--dry-run` checks the file and says what would happen.

The columns are listed in the README (made from lscp.child_deaths.importer.COLUMNS); a template
is `lscp.child_deaths.importer.template_csv()`.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lscp.child_deaths.importer import import_file

# Enough to find and fix a file's problems without scrolling past thousands of lines.
ERRORS_SHOWN = 200


class Command(BaseCommand):
    help = "Import child death cases (with the panel's conclusions) from a CSV or XLSX file: all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file to import")
        parser.add_argument("--dry-run", action="store_true", help="Check the file; write nothing")

    def handle(self, *args, file: str, dry_run: bool = False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {file}")
        if path.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError("The file must be a .csv or .xlsx file")
        result = import_file(path.read_bytes(), path.name, dry_run=dry_run)
        if result.errors:
            for error in result.errors[:ERRORS_SHOWN]:
                self.stderr.write(str(error))
            more = len(result.errors) - ERRORS_SHOWN
            if more > 0:
                self.stderr.write(f"... and {more} more")
            raise CommandError(
                f"Nothing imported: {len(result.errors)} problem{'' if len(result.errors) == 1 else 's'} "
                "to fix in the file"
            )
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {result.created} case{'' if result.created == 1 else 's'}; "
            f"skipped {result.skipped} already here."
        )

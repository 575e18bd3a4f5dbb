"""`lscp import-kpis FILE.csv|FILE.xlsx [--dry-run] [--supplied-by TEXT]`: KPI values for the
multi-agency data set, one row per indicator, area and period.

Every row is checked first; nothing is written unless every row is good, and then everything is
written in one transaction. A value already here is skipped when it is the same, so running the
same file again changes nothing; a different value replaces it, the old one kept in the history.
`--dry-run` checks the file and says what would happen.

The columns are listed in the README (made from lscp.performance.importer.COLUMNS); a template
is `lscp.performance.importer.template_csv()`.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lscp.performance.importer import import_file

# Enough to find and fix a file's problems without scrolling past thousands of lines.
ERRORS_SHOWN = 200


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


class Command(BaseCommand):
    help = "Import KPI values (indicator, area, period, value) from a CSV or XLSX file: all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The CSV or XLSX file to import")
        parser.add_argument("--dry-run", action="store_true", help="Check the file; write nothing")
        parser.add_argument(
            "--supplied-by", default="", help="Who supplied the values, for rows that do not say"
        )

    def handle(self, *args, file: str, dry_run: bool = False, supplied_by: str = "", **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {file}")
        if path.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError("The file must be a .csv or .xlsx file")
        result = import_file(path.read_bytes(), path.name, dry_run=dry_run, supplied_by=supplied_by)
        if result.errors:
            for error in result.errors[:ERRORS_SHOWN]:
                self.stderr.write(str(error))
            more = len(result.errors) - ERRORS_SHOWN
            if more > 0:
                self.stderr.write(f"... and {more:,} more")
            raise CommandError(
                f"Nothing imported: {plural(len(result.errors), 'problem')} to fix in the file"
            )
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            f"{verb} {plural(result.created, 'new value')} and {plural(result.corrected, 'correction')}; "
            f"skipped {plural(result.skipped, 'value')} already here and the same."
        )

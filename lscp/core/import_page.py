"""The page every file import has: upload, check (or import), and the file's problems row by row.

An import page's view says only what is its own (how to run the import, what to tell the person
once it has run) and hands the rest to `import_page`:

- "Check the file only" runs the import as a dry run; only the Import button writes, so pressing
  Enter in the form never imports by accident;
- a file that cannot be read at all is the upload field's error, shown in the error summary;
- problems in rows are listed by line (up to PROBLEMS_SHOWN of them), and nothing is saved;
- a successful import is recorded in the audit trail (the importers write in bulk, past the change
  log) and the page redirects with a success message.

The template includes "core/imports/problems.html" and "core/imports/columns.html".
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lscp.core.audit import record_event
from lscp.core.imports import PROBLEMS_SHOWN, Column, RowError, breakable
from lscp.core.models import AccessKind
from lscp.improvement.uploads import MAX_IMPORT_LABEL


class Result(Protocol):
    errors: list[RowError]

    @property
    def ok(self) -> bool: ...


@dataclass(frozen=True)
class ImportPage:
    template: str
    url_name: str  # where a successful import returns to
    records: str  # what the file holds, for the audit trail: "KPI values"
    columns: Sequence[Column]
    # (cleaned form data, the file's bytes, its name, dry run?) -> the import's result
    run: Callable[[dict, bytes, str, bool], Any]
    done: Callable[[Any], str]  # the success message for a result


def import_page(request: HttpRequest, form: forms.Form, page: ImportPage, context: dict) -> HttpResponse:
    """The page for a GET, or for a POST of `form` (bound to the request's data and files)."""
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = request.POST.get("action") != "import"
        result = page.run(form.cleaned_data, upload.read(), upload.name, dry_run)
        unreadable = [error for error in result.errors if error.line == 0]
        if unreadable:
            form.add_error("file", unreadable[0].reason)
            result = None
        elif result.ok and not dry_run:
            message = page.done(result)
            record_event(
                AccessKind.IMPORTED,
                request,
                request.user,
                what=f"{page.records} from {upload.name}: {message}",
            )
            messages.success(request, message)
            return redirect(page.url_name)
    context = {
        "form": form,
        "result": result,
        **problems(result.errors if result else []),
        "columns": columns(page.columns),
        "max_upload": MAX_IMPORT_LABEL,
        **context,
    }
    return render(request, page.template, context)


def problems(errors: list[RowError]) -> dict:
    """The template's problem list, its count and what the error summary says of it."""
    count = len(errors)
    summary = "a problem" if count == 1 else f"{count:,} problems"
    return {
        "problems": [
            RowError(error.line, breakable(error.column), error.reason) for error in errors[:PROBLEMS_SHOWN]
        ],
        "problem_count": count,
        "more_problems": max(count - PROBLEMS_SHOWN, 0),
        "problem_summary": [{"href": "#problems", "message": f"The file has {summary}: nothing was saved"}]
        if errors
        else [],
    }


def columns(file_columns: Sequence[Column]) -> list[dict]:
    """The file's columns for the page's table, long names breakable on a phone."""
    return [
        {
            "name": breakable(column.header),
            "required": column.required,
            "meaning": breakable(column.meaning),
            "example": breakable(column.example),
        }
        for column in file_columns
    ]

"""Which evidence files are accepted: by extension AND by what the content really is.

A file named report.pdf that is really a program is refused; so is anything over 10 MB. The
browser's claimed content type is ignored: it is whatever the sender says.
"""

import zipfile
from dataclasses import dataclass
from pathlib import Path

from django import forms

MAX_BYTES = 10 * 1024 * 1024
MAX_SIZE_LABEL = "10 MB"


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str


ALLOWED = {
    t.extension: t
    for t in [
        FileType("pdf", "application/pdf"),
        FileType("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        FileType("png", "image/png"),
        FileType("jpg", "image/jpeg"),
        FileType("jpeg", "image/jpeg"),
        FileType("txt", "text/plain"),
        FileType("csv", "text/csv"),
    ]
}
ALLOWED_LABEL = "PDF, DOCX, XLSX, PNG, JPG, TXT or CSV"


class FileRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _zip_holds(upload, folder: str) -> bool:
    """An Office Open XML file is a zip with the document's folder inside ("word/", "xl/")."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def content_matches(extension: str, upload) -> bool:
    """Whether the file's first bytes (its magic number) are what its extension claims."""
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "docx":
        return head.startswith(b"PK\x03\x04") and _zip_holds(upload, "word/")
    if extension == "xlsx":
        return head.startswith(b"PK\x03\x04") and _zip_holds(upload, "xl/")
    if extension in ("txt", "csv"):
        return _is_text(head)
    return False


def check_upload(upload) -> FileType:
    """The accepted type of an uploaded file, or FileRefused with a message for the person."""
    if upload.size == 0:
        raise FileRefused("The selected file is empty")
    if upload.size > MAX_BYTES:
        raise FileRefused(f"The selected file must be smaller than {MAX_SIZE_LABEL}")
    extension = Path(upload.name or "").suffix.lower().lstrip(".")
    file_type = ALLOWED.get(extension)
    if file_type is None:
        raise FileRefused(f"The selected file must be a {ALLOWED_LABEL}")
    if not content_matches(extension, upload):
        raise FileRefused(f"The selected file is not a real {extension.upper()} file")
    return file_type


class CheckedFileField(forms.FileField):
    """A form's file field that takes only what `check_upload` accepts, with its message."""

    def __init__(self, *, label: str, required: bool = True, **kwargs) -> None:
        kwargs.setdefault("help_text", f"A {ALLOWED_LABEL} file, smaller than {MAX_SIZE_LABEL}")
        kwargs.setdefault("error_messages", {"required": "Select a file"})
        super().__init__(label=label, required=required, **kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            try:
                check_upload(upload)
            except FileRefused as refused:
                raise forms.ValidationError(refused.message) from refused
        return upload


# --- import files (child deaths, KPI values): bigger than evidence, CSV or XLSX only -----------

MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_LABEL = "20 MB"
IMPORT_EXTENSIONS = (".csv", ".xlsx")


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text=f"A CSV or XLSX file with the columns below, smaller than {MAX_IMPORT_LABEL}",
        error_messages={"required": "Select a CSV or XLSX file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_IMPORT_LABEL}")
        extension = Path(upload.name or "").suffix.lower()
        if extension not in IMPORT_EXTENSIONS:
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        if not _import_looks_like(extension, upload):
            raise forms.ValidationError(f"The selected file is not a real {extension[1:].upper()} file")
        return upload


def _import_looks_like(extension: str, upload) -> bool:
    """Whether the content is what the name says. A CSV need not be UTF-8 (Excel saves Windows-1252,
    which the importers read), so it is only refused when it is plainly not text."""
    if extension == ".xlsx":
        return content_matches("xlsx", upload)
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    return b"\x00" not in head

"""Uploads are checked by what they contain, not by their name.

Documents must be PDFs (`WAGTAILDOCS_EXTENSIONS`), and the name alone proves
nothing: an HTML page renamed `.pdf` would be served from the site's own
address. `DocumentForm` (Wagtail's `WAGTAILDOCS_DOCUMENT_FORM_BASE`, used by
every document upload: single, multiple and in choosers) accepts a file only
if it starts with the PDF signature and declares no JavaScript: `/JS` and
`/JavaScript` names are looked for in the file's objects and in its
compressed object streams, not in other stream data (images, fonts), where
the bytes are arbitrary.

Images are opened by Willow, which refuses anything that is not an image of
its extension's format; `ImageForm` only explains the pixel limit
(`WAGTAILIMAGES_MAX_IMAGE_PIXELS`), which keeps thumbnails from needing
hundreds of megabytes of memory.
"""

from __future__ import annotations

import re
import zlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

PDF_SIGNATURE = b"%PDF-"
SCRIPT_NAMES = frozenset({b"JS", b"JavaScript"})
# PDF names (`/Type`), which may spell any byte as #hh (`/J#53` is `/JS`).
NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*)")
NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
# How much compressed object-stream data one upload may inflate when checked.
INFLATE_BUDGET = 64 * 1024 * 1024

NOT_A_PDF = _(
    "This file is not a PDF document, whatever its name says. Upload a PDF "
    "file (for example, save or print the document as PDF)."
)
PDF_WITH_SCRIPT = _(
    "This PDF contains JavaScript, which the site does not publish. Save or "
    "print it as a new PDF without scripts and upload that."
)
NO_EXTENSION = _(
    "The file name “%(name)s” has no extension, so its kind is unknown. Upload "
    "a PDF document whose name ends in .pdf."
)
PDF_TOO_COMPLEX = _(
    "This PDF could not be checked for scripts. Save or print it as a new PDF "
    "and upload that."
)

# Wagtail formats the message with the image's pixel count, which this one
# leaves out: the limit is what the editor needs.
TOO_MANY_PIXELS = _(
    "This image is too large: at most %(megapixels)s megapixels (width × "
    "height) are allowed. Make it smaller and upload it again."
)
PIXEL_LIMIT = _("At most %(megapixels)s megapixels.")


class UncheckablePDFError(ValueError):
    """The compressed parts of a PDF are too large to be checked."""


def pdf_names(data: bytes) -> set[bytes]:
    """The names used in a piece of PDF syntax, with #hh escapes decoded."""
    return {
        NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), name)
        for name in NAME.findall(data)
    }


def pdf_has_javascript(data: bytes) -> bool:
    """Whether a PDF declares JavaScript (actions or name-tree entries).

    Raises `UncheckablePDFError` when its object streams inflate beyond the
    budget.
    """
    budget = INFLATE_BUDGET
    position = 0
    for match in STREAM.finditer(data):
        syntax = data[position : match.start()]
        position = match.end()
        if pdf_names(syntax) & SCRIPT_NAMES:
            return True
        dictionary = syntax[syntax.rfind(b"obj") :]
        if b"ObjStm" not in pdf_names(dictionary):
            continue
        objects = inflate(match.group(1), budget)
        budget -= len(objects)
        if pdf_names(objects) & SCRIPT_NAMES:
            return True
    return bool(pdf_names(data[position:]) & SCRIPT_NAMES)


def inflate(raw: bytes, budget: int) -> bytes:
    """A Flate-compressed stream's content, at most `budget` bytes of it."""
    inflater = zlib.decompressobj()
    try:
        content = inflater.decompress(raw, budget + 1)
    except zlib.error:
        return b""
    if len(content) > budget:
        raise UncheckablePDFError
    return content


def pdf_problem(data: bytes) -> str | None:
    """Why `data` may not be published as a document, or None."""
    if not data.startswith(PDF_SIGNATURE):
        return str(NOT_A_PDF)
    try:
        if pdf_has_javascript(data):
            return str(PDF_WITH_SCRIPT)
    except UncheckablePDFError:
        return str(PDF_TOO_COMPLEX)
    return None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, accepting only real PDFs without scripts."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            # The name first: "evil.exe" is told its extension, not its content.
            if "." not in file.name.strip("."):
                raise ValidationError(
                    NO_EXTENSION, code="invalid_extension", params={"name": file.name}
                )
            FileExtensionValidator(settings.WAGTAILDOCS_EXTENSIONS)(file)
            file.seek(0)
            problem = pdf_problem(file.read())
            file.seek(0)
            if problem:
                raise ValidationError(problem, code="not_a_safe_pdf")
        return file

    def add_error(self, field, error):
        """Without the model's check of a file this form already refused:
        Wagtail's `Document.clean` then checks a file with no name, and said
        "File extension “” is not allowed" beside the reason."""
        if field is None and "file" in self.errors and hasattr(error, "error_dict"):
            others = {k: v for k, v in error.error_dict.items() if k != "file"}
            if not others:
                return
            error = ValidationError(others)
        super().add_error(field, error)


class ReadableImageField(WagtailImageField):
    """Wagtail's image field, refusing an image that cannot be read to its
    end (an upload cut short on a phone's connection) with Django's "Upload a
    valid image" next to the field: Pillow's OSError went through Wagtail's
    pixel check and was a 500."""

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except OSError as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    """Wagtail's image form, saying how large an image may be."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is None:
            return
        self.fields["file"] = field = ReadableImageField(
            label=field.label, required=field.required, widget=field.widget
        )
        megapixels = {"megapixels": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // 10**6}
        field.error_messages["file_too_many_pixels"] = TOO_MANY_PIXELS % megapixels
        field.help_text = f"{field.help_text} {PIXEL_LIMIT % megapixels}".strip()

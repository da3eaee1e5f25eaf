"""The upload check reads a new upload's first bytes; a file already stored is not read again."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile, FileField

from cluster_portal.core.files import document_validator


def test_an_upload_whose_bytes_do_not_match_its_extension_is_refused():
    with pytest.raises(ValidationError, match="не соответствует расширению"):
        document_validator(SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf"))
    document_validator(SimpleUploadedFile("plan.pdf", b"%PDF-1.7"))


def test_a_stored_file_is_not_read_again(tmp_path):
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "plan.pdf").write_bytes(b"stored before the check existed")
    field = FileField(upload_to="documents/", storage=FileSystemStorage(location=tmp_path))
    stored = FieldFile(None, field, "documents/plan.pdf")
    document_validator(stored)  # its bytes would be refused: it is not read
    assert stored.closed

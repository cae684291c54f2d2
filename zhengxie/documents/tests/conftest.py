"""Shared, session-scoped outputs: each LibreOffice / WeasyPrint run happens once per test session."""

import io
import time

import docx as python_docx
import pytest

from zhengxie.documents import pdf
from zhengxie.documents.docx import sample_reply_letter


@pytest.fixture(scope="session")
def reply_docx_bytes():
    return sample_reply_letter()


@pytest.fixture
def reply_document(reply_docx_bytes):
    """The sample 答复函 reopened with python-docx (as Word would read it)."""
    return python_docx.Document(io.BytesIO(reply_docx_bytes))


@pytest.fixture(scope="session")
def reply_pdf_bytes(reply_docx_bytes):
    started = time.perf_counter()
    data = pdf.docx_to_pdf(reply_docx_bytes)
    print(f"\nLibreOffice 答复函 docx→pdf: {time.perf_counter() - started:.2f} s")
    return data


@pytest.fixture(scope="session")
def periodical_pdf_bytes():
    started = time.perf_counter()
    data = pdf.periodical_pdf(**pdf.sample_periodical_issue(10))
    print(f"\nWeasyPrint 10-article periodical: {time.perf_counter() - started:.2f} s")
    return data


"""Files with real magic bytes (built here, no fixtures on disk) and a private MEDIA_ROOT per test."""
import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40 + b"\xff\xd9"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 20 + b";"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100 + b"This program cannot be run in DOS mode."
TXT = "政协委员提案：关于加强社区养老服务的建议\n".encode()


def ooxml(parts: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in parts:
            z.writestr(name, "<?xml version='1.0'?><x/>")
    return buf.getvalue()


def docx_bytes() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    doc = Document()
    doc.add_paragraph("关于推进城乡教育均衡发展的提案")
    doc.save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buf = io.BytesIO()
    wb = Workbook()
    wb.active["A1"] = "委员名单"
    wb.save(buf)
    return buf.getvalue()


def ole_bytes(stream: str) -> bytes:
    """A minimal MS-CFB (v3, 512-byte sectors): sector 0 = FAT, sector 1 = directory, sector 2 = data."""
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 76, 0, *([free] * 108))
    fat = struct.pack("<128I", fatsect, end, end, *([free] * 125))

    def entry(name: str, kind: int, start: int, size: int, child: int = free) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00"
        e = bytearray(128)
        e[0:len(raw)] = raw
        struct.pack_into("<HBBIII", e, 64, len(raw), kind, 1, free, free, child)
        struct.pack_into("<IQ", e, 116, start, size)
        return bytes(e)

    directory = entry("Root Entry", 5, end, 0, child=1) + entry(stream, 2, 2, 100) + b"\x00" * 256
    return bytes(header) + fat + directory + b"\x01" * 512


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def stored_files(media):
    def files() -> list:
        return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []

    return files


@pytest.fixture
def staff(persona):
    return persona(Role.PROPOSAL_STAFF)


@pytest.fixture
def record(city):
    return make_member(city, "张委员")

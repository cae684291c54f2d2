"""What a file really is, from its bytes (never from its name or the browser's Content-Type)."""
from __future__ import annotations

import codecs
import struct
import zipfile

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_END = 0xFFFFFFFA  # sector numbers at or above this end a chain

MIME = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "zip": "application/zip",
    "txt": "text/plain; charset=utf-8",
}

#: File name extensions and the detected type each must have.
EXTENSIONS = {
    "pdf": "pdf", "png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif", "docx": "docx", "xlsx": "xlsx",
    "pptx": "pptx", "doc": "doc", "xls": "xls", "ppt": "ppt", "zip": "zip", "txt": "txt",
}


def extension_kind(filename: str) -> str:
    """'报告.PDF' → 'pdf'; 'photo.jpeg' → 'jpg'; unknown or missing extension → the raw extension or ''."""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return EXTENSIONS.get(ext, ext)


def detect(f) -> str | None:
    """The type code of an open binary file, or None if it is none of the types we know."""
    f.seek(0)
    head = f.read(16)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpg"
        if head[:6] in (b"GIF87a", b"GIF89a"):
            return "gif"
        if head.startswith(b"PK\x03\x04"):
            return _zip_kind(f)
        if head.startswith(OLE_MAGIC):
            return _ole_kind(f)
        return "txt" if _is_utf8_text(f) else None
    finally:
        f.seek(0)


def _zip_kind(f) -> str | None:
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(n.startswith(prefix) for n in names):
                return kind
    return "zip"


def _ole_kind(f) -> str | None:
    names = _ole_stream_names(f)
    if "WordDocument" in names:
        return "doc"
    if "Workbook" in names or "Book" in names:
        return "xls"
    if "PowerPoint Document" in names:
        return "ppt"
    return None


def _ole_stream_names(f) -> set[str]:
    """Names in the directory of an OLE compound file (MS-CFB), following the FAT chain."""
    f.seek(0)
    header = f.read(512)
    if len(header) < 512:
        return set()
    sector_size = 1 << struct.unpack_from("<H", header, 30)[0]
    if sector_size not in (512, 4096):
        return set()
    fat_count, dir_start = struct.unpack_from("<II", header, 44)
    difat_next, difat_count = struct.unpack_from("<II", header, 68)
    per_sector = sector_size // 4

    def sector(n: int) -> bytes:
        f.seek((n + 1) * sector_size)
        return f.read(sector_size)

    difat = list(struct.unpack_from("<109I", header, 76))
    for _ in range(min(difat_count, 10_000)):
        if difat_next >= _END:
            break
        data = sector(difat_next)
        if len(data) < sector_size:
            break
        entries = struct.unpack(f"<{per_sector}I", data)
        difat.extend(entries[:-1])
        difat_next = entries[-1]
    fat: list[int] = []
    for n in [s for s in difat if s < _END][:fat_count]:
        data = sector(n)
        if len(data) == sector_size:
            fat.extend(struct.unpack(f"<{per_sector}I", data))
    names, seen, n = set(), set(), dir_start
    while n < _END and n not in seen and len(seen) < 100_000:
        seen.add(n)
        data = sector(n)
        for i in range(0, len(data) - 127, 128):
            length = struct.unpack_from("<H", data, i + 64)[0]
            if 2 <= length <= 64:
                names.add(data[i:i + length - 2].decode("utf-16-le", "ignore"))
        n = fat[n] if n < len(fat) else _END
    return names


def _is_utf8_text(f, chunk: int = 64 * 1024) -> bool:
    f.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while block := f.read(chunk):
            if b"\x00" in block:
                return False
            decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True

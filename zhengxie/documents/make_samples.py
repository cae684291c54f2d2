"""Write sample documents and their page-1 pictures for docs/screenshots/ and print timings.

    DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python -m zhengxie.documents.make_samples [--out DIR]

Writes document-reply-letter.png (答复函, .docx → LibreOffice PDF) and document-periodical.png
(《政协社情民意》 issue with 10 articles, WeasyPrint); with ``--keep`` also the .docx/.pdf files.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    from zhengxie.documents import pdf
    from zhengxie.documents.docx import sample_reply_letter

    parser = argparse.ArgumentParser(description="生成公文样例及截图")
    parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="同时保存 .docx 和 .pdf")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    docx_bytes = sample_reply_letter()
    docx_seconds = time.perf_counter() - started
    started = time.perf_counter()
    reply_pdf = pdf.docx_to_pdf(docx_bytes)
    soffice_seconds = time.perf_counter() - started
    (out / "document-reply-letter.png").write_bytes(pdf.pdf_page_png(reply_pdf, page=1, dpi=args.dpi))

    issue = pdf.sample_periodical_issue(10)
    started = time.perf_counter()
    periodical = pdf.periodical_pdf(**issue)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    periodical = pdf.periodical_pdf(**issue)
    weasy_seconds = time.perf_counter() - started
    (out / "document-periodical.png").write_bytes(pdf.pdf_page_png(periodical, page=1, dpi=args.dpi))

    if args.keep:
        (out / "document-reply-letter.docx").write_bytes(docx_bytes)
        (out / "document-reply-letter.pdf").write_bytes(reply_pdf)
        (out / "document-periodical.pdf").write_bytes(periodical)

    pages = pdf.pdf_info(periodical)["pages"]
    print(f"答复函 .docx 生成: {docx_seconds * 1000:.0f} ms")
    print(f"答复函 LibreOffice 转 PDF: {soffice_seconds:.2f} s ({pdf.pdf_info(reply_pdf)['pages']} 页)")
    print(f"社情民意 10 篇 WeasyPrint: 首次 {first_seconds:.2f} s（含加载），再次 {weasy_seconds:.2f} s（{pages} 页）")
    print(f"截图已写入 {out}")


if __name__ == "__main__":
    main()

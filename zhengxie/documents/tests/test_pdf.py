"""PDF engines: LibreOffice for Word documents, WeasyPrint for HTML periodicals, poppler to check them."""

import stat
import threading
import time

import pytest

from zhengxie.core.exceptions import ApplicationError
from zhengxie.documents import pdf
from zhengxie.documents.docx import sample_reply_letter


def squeeze(text: str) -> str:
    """Remove all whitespace: pdftotext may put spaces between CJK characters."""
    return "".join(text.split())


def font_keys(pdf_bytes: bytes) -> list[str]:
    return [name.replace("-", "").replace(" ", "").lower() for name in pdf.pdf_fonts(pdf_bytes)]


def fake_soffice(tmp_path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_libreoffice_turns_the_reply_letter_into_an_a4_pdf_with_its_title_and_body(reply_pdf_bytes):
    info = pdf.pdf_info(reply_pdf_bytes)
    width, height = info["page_size_mm"]
    assert abs(width - 210) < 0.5 and abs(height - 297) < 0.5
    assert info["pages"] >= 1
    text = squeeze(pdf.pdf_text(reply_pdf_bytes))
    assert "关于市政协十四届二次会议第0123号提案的答复" in text
    assert "尊敬的张三委员：" in text
    assert "您提出的《关于加强近海渔业资源保护的提案》收悉。" in text
    assert "舟海渔提〔2024〕12号" in text
    assert "2024年5月20日" in text
    assert "抄送：市政协提案委员会，市政府督查室。" in text
    assert "—1—" in text  # page number in the footer


def test_the_converted_letter_embeds_the_stand_in_cjk_fonts_not_wenquanyi(reply_pdf_bytes):
    keys = font_keys(reply_pdf_bytes)
    assert any("notoserifcjk" in k and "bold" in k for k in keys), keys  # 方正小标宋 (bold title)
    assert any("gbzenkai" in k or "kaitim" in k for k in keys), keys  # 仿宋_GB2312 / 楷体_GB2312 → AR PL KaitiM GB
    assert any("notosanscjk" in k for k in keys), keys  # 黑体 (class mark, 一、 headings)
    assert not any("wenquanyi" in k or "wqy" in k for k in keys), keys


def test_the_class_mark_is_printed_at_the_top_right_of_page_one(reply_pdf_bytes):
    words = pdf.pdf_words(reply_pdf_bytes, page=1)
    top = min(words, key=lambda w: w["y0"])
    assert top["text"] == "A"
    assert abs(top["x1"] - (210 - 26)) < 3  # at the right edge of the 156 mm 版心
    assert 36 <= top["y0"] < 50  # on the first line below the 37 mm 天头


def test_the_body_of_the_converted_letter_stays_inside_the_gongwen_text_block(reply_pdf_bytes):
    words = pdf.pdf_words(reply_pdf_bytes, page=1)
    footer = [w for w in words if w["y0"] > 297 - 35]
    assert "".join(w["text"] for w in footer) == "—1—"
    assert all(297 - 35 + 4 < w["y0"] < 297 - 35 + 10 for w in footer)  # 一字线上距版心下边缘 7 mm
    words = [w for w in words if w not in footer]
    assert min(w["x0"] for w in words) >= 28 - 0.5
    for word in words:  # a closing mark may hang into the margin (Word's 允许标点溢出边界)
        overhang = 16 * 25.4 / 72 if word["text"][-1] in "，。、；：！？”）》" else 0
        assert word["x1"] - overhang <= 210 - 26 + 1, word
    assert max(w["y1"] for w in words) <= 297 - 35 + 1


def test_two_conversions_in_parallel_threads_both_succeed():
    letters = [sample_reply_letter(class_mark=mark, number=f"舟海渔提〔2024〕{n}号") for mark, n in (("A", 21), ("B", 22))]
    results, errors = {}, []

    def convert(index):
        try:
            results[index] = pdf.docx_to_pdf(letters[index])
        except Exception as exc:  # the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=convert, args=(i,)) for i in range(2)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"\nTwo parallel LibreOffice conversions: {time.perf_counter() - started:.2f} s")
    assert errors == []
    assert "舟海渔提〔2024〕21号" in squeeze(pdf.pdf_text(results[0]))
    assert "舟海渔提〔2024〕22号" in squeeze(pdf.pdf_text(results[1]))


def test_a_missing_libreoffice_is_reported_in_chinese(settings):
    settings.DOCUMENTS_SOFFICE = "/nonexistent/soffice"
    with pytest.raises(ApplicationError, match="未安装 LibreOffice"):
        pdf.docx_to_pdf(b"PK fake docx")


def test_a_failed_conversion_is_reported_in_chinese(settings, tmp_path):
    settings.DOCUMENTS_SOFFICE = fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    with pytest.raises(ApplicationError, match="Word 转 PDF 失败.*source file could not be loaded"):
        pdf.docx_to_pdf(b"PK fake docx")


def test_a_hanging_conversion_is_stopped_after_the_timeout(settings, tmp_path):
    settings.DOCUMENTS_SOFFICE = fake_soffice(tmp_path, "sleep 30")
    started = time.perf_counter()
    with pytest.raises(ApplicationError, match="超时"):
        pdf.docx_to_pdf(b"PK fake docx", timeout=1)
    assert time.perf_counter() - started < 10


def test_empty_input_is_refused_before_starting_libreoffice():
    with pytest.raises(ApplicationError, match="没有可转换的 Word 文档内容"):
        pdf.docx_to_pdf(b"")


def test_the_fontconfig_file_is_passed_to_the_converter(settings, tmp_path):
    seen = tmp_path / "env.txt"
    settings.DOCUMENTS_SOFFICE = fake_soffice(tmp_path, f'echo "$FONTCONFIG_FILE" > {seen}; exit 1')
    with pytest.raises(ApplicationError):
        pdf.docx_to_pdf(b"PK fake docx")
    assert seen.read_text().strip().endswith("zhengxie/documents/fontconfig/fonts.conf")
    assert "<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>" in pdf.fonts.FONTCONFIG_FILE.read_text()


def test_a_ten_article_periodical_issue_renders_with_its_masthead_and_articles_in_order(periodical_pdf_bytes):
    info = pdf.pdf_info(periodical_pdf_bytes)
    assert info["page_size_mm"] == (210.0, 297.0)
    text = squeeze(pdf.pdf_text(periodical_pdf_bytes))
    assert "政协社情民意" in text
    assert "第5期（总第128期）" in text
    assert "内部资料注意保存" in text
    assert "2024年5月20日" in text
    assert "报送：市委、市人大常委会、市政府、市政协领导，省政协办公厅。" in text
    issue = pdf.sample_periodical_issue(10)
    positions = [text.rindex(squeeze(a["title"])) for a in issue["articles"]]  # rindex skips the 目录
    assert positions == sorted(positions)
    assert "（民建舟山市委会张三）" in text
    assert "推行“一件事”集成办理" in text


def test_the_periodical_uses_the_cjk_stand_in_fonts_not_wenquanyi(periodical_pdf_bytes):
    keys = font_keys(periodical_pdf_bytes)
    assert "notoserifcjkscbold" in keys, keys  # titles, masthead
    assert "arplkaitimgb" in keys, keys  # body (仿宋 stand-in)
    assert not any("wenquanyi" in k or "wqy" in k for k in keys), keys


def test_ten_articles_render_within_a_few_seconds():
    started = time.perf_counter()
    data = pdf.periodical_pdf(**pdf.sample_periodical_issue(10))
    elapsed = time.perf_counter() - started
    print(f"\nWeasyPrint 10-article periodical (warm): {elapsed:.2f} s, {pdf.pdf_info(data)['pages']} pages")
    assert elapsed < 10


def test_an_issue_without_articles_or_with_an_untitled_article_is_refused():
    with pytest.raises(ApplicationError, match="本期没有稿件"):
        pdf.periodical_context(articles=[], number=1, date="2024年1月1日")
    with pytest.raises(ApplicationError, match="第2篇稿件缺少标题"):
        pdf.periodical_context(articles=[{"title": "甲", "body": "正文"}, {"title": " ", "body": "正文"}],
                               number=1, date="2024年1月1日")


def test_article_text_keeps_each_line_as_a_paragraph_and_html_is_escaped():
    context = pdf.periodical_context(
        articles=[{"title": "<b>标题</b>", "body": "　　第一段。\r\n\r\n第二段<script>。", "author": "张三"}],
        number=3, date="2024年3月1日",
    )
    assert context["articles"][0]["paragraphs"] == ["第一段。", "第二段<script>。"]
    assert context["show_contents"] is False
    html = pdf.render_to_string("documents/periodical.html", context)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "&lt;b&gt;标题&lt;/b&gt;" in html


def test_the_gongwen_base_template_gives_a4_pages_with_the_gongwen_text_block():
    html = pdf.render_to_string("documents/gongwen_base.html", {"title": "测试"}).replace(
        "<body>\n\n</body>", '<body><h1 class="title">关于测试的通知</h1><p>正文。</p></body>'
    )
    data = pdf.html_to_pdf(html)
    assert pdf.pdf_info(data)["page_size_mm"] == (210.0, 297.0)
    assert "关于测试的通知" in squeeze(pdf.pdf_text(data))
    words = pdf.pdf_words(data)
    body = [w for w in words if not w["text"].startswith("—")]
    assert min(w["x0"] for w in body) >= 28 - 0.5  # nothing left of the 28 mm 订口
    assert min(w["y0"] for w in body) >= 37 - 0.5  # nothing above the 37 mm 天头
    assert "".join(w["text"] for w in words if w["y0"] > 297 - 35) == "—1—"  # page number below the text block


def test_pages_can_be_pictured_as_png(periodical_pdf_bytes):
    png = pdf.pdf_page_png(periodical_pdf_bytes, page=1, dpi=30)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ApplicationError, match="读取 PDF 失败"):
        pdf.pdf_page_png(b"not a pdf")

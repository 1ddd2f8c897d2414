"""Files people actually have: text in any encoding, web pages, Word and PDF files, built here from the
real reports in seeds/ and tests/data/reports/; every other file gets one ReportError naming it and why.

Measured figures (encodings read back, Big5 not taken for GB18030, page paragraphs kept) are printed:
run with `pytest -s tests/test_readers.py`.
"""
from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

import jxanalysis as jx
from jxanalysis import loading
from jxanalysis.readers import read_document, read_text
from jxanalysis.readers.html import visible_lines
from jxanalysis.readers.pdf import NO_TEXT_LAYER
from jxanalysis.readers.text import decode, detect

from conftest import ROOT

REAL = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "reports").glob("*.txt"))
TEXTS = {p.name: p.read_bytes().decode("gb18030" if ".gbk." in p.name else "utf-8") for p in REAL}
DOCX = sorted((ROOT / "tests" / "data" / "reports").glob("*.docx"))
SEED_TEXT = TEXTS["jinxian-2023-government-work-report.txt"]


def _han(text: str) -> str:
    return "".join(re.findall("[\u4e00-\u9fff]", text))


def _norm(line: str) -> str:
    """As a web page shows a line: whitespace runs as one space, no zero-width characters."""
    return " ".join(re.sub("[\u200b-\u200d]", "", line).split())


def _paragraphs(text: str) -> list[str]:
    """A report's paragraphs: its lines, and for a one-line report the runs between U+3000 U+3000."""
    return [p for p in map(_norm, re.split(r"\n|\u3000\u3000", text)) if p]


def _refused(path: Path, *words: str) -> str:
    """The ReportError message for path; it names the file and every word given."""
    with pytest.raises(jx.ReportError) as err:
        read_text(path)
    message = str(err.value)
    assert str(path) in message and "Traceback" not in message
    for word in words:
        assert word in message, message
    return message


# ---------------------------------------------------------------- plain text in any encoding

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
             "utf-32-le", "utf-32-be"]  # utf-16 / utf-32 write a BOM, -le / -be do not


def test_every_real_report_reads_back_in_every_encoding(tmp_path):
    read = total = 0
    for name, text in TEXTS.items():
        for encoding in ENCODINGS:
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:  # GBK lacks U+200B and friends; GB18030 has them
                continue
            total += 1
            got, _ = detect(data, name)
            assert got == text, (name, encoding)
            read += 1
    print(f"\nplain text: {read}/{total} (report, encoding) pairs read back exactly, "
          f"{len(TEXTS)} reports x {len(ENCODINGS)} encodings with and without BOM")
    assert read == total > 300


def test_big5_is_read_as_big5_never_as_gb18030_mojibake():
    """Big5 bytes also decode as GB18030 without an error, into rare characters: that must never pass.
    The Big5 file is the report with the characters Big5 lacks (simplified-only ones) left out."""
    whole = chunks = chunks_right = 0
    for name, text in TEXTS.items():
        data = text.encode("big5", errors="ignore")
        right = data.decode("big5")
        assert data.decode("gb18030") != right  # the trap is real: GB18030 takes these bytes
        assert detect(data, name)[0] == right
        whole += 1
        lines = right.splitlines(keepends=True)
        for start in range(0, len(lines), 10):  # paragraph-sized pieces: less evidence to go on
            piece = "".join(lines[start:start + 10])
            if len(_han(piece)) < 100:
                continue
            chunks += 1
            try:
                got = decode(piece.encode("big5"), name)
            except jx.ReportError as err:
                assert "decoded" in str(err)  # refused is allowed; mojibake is not
                continue
            assert got == piece, (name, start)
            chunks_right += 1
    print(f"\nBig5: {whole}/{len(TEXTS)} whole reports decoded as Big5; pieces of 10 lines: "
          f"{chunks_right}/{chunks} decoded right, {chunks - chunks_right} refused, 0 read as GB18030")


def test_short_gb18030_pieces_are_read_as_gb18030():
    pieces = 0
    for name, text in TEXTS.items():
        lines = text.splitlines(keepends=True)
        for start in range(0, len(lines), 10):
            piece = "".join(lines[start:start + 10])
            if len(_han(piece)) >= 100:
                assert decode(piece.encode("gb18030"), name) == piece, (name, start)
                pieces += 1
    print(f"\nGB18030: {pieces} pieces of 10 lines, all read back exactly")


@pytest.mark.parametrize("encoding, language", [("shift_jis", "Japanese"), ("euc_kr", "Korean")])
def test_japanese_and_korean_encodings_are_refused_by_name(tmp_path, encoding, language):
    path = tmp_path / f"report.{encoding}.txt"
    path.write_bytes(TEXTS["guangdong-province-2026.txt"].encode(encoding, errors="ignore"))
    _refused(path, "cannot be decoded", "not UTF-8", language, "Save it as UTF-8")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_truncated_utf16_and_utf32_without_bom_are_named_with_the_offset(tmp_path, encoding):
    data = SEED_TEXT.encode(encoding)[:-1]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    _refused(path, f"looks like {encoding.upper()} text without a BOM", "truncated data",
             f"byte offset {len(data) // (2 if '16' in encoding else 4) * (2 if '16' in encoding else 4)}")


def test_undecodable_byte_is_named_by_its_offset(tmp_path):
    at = len(SEED_TEXT[:3000].encode("gb18030"))
    data = SEED_TEXT.encode("gb18030")
    path = tmp_path / "broken.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    _refused(path, "cannot be decoded", f"not GB18030/GBK (bad byte 0xFF at byte offset {at})", "not UTF-8")


@pytest.mark.parametrize("damage", ["cut", "bad byte"])
def test_utf8_with_a_bad_byte_is_named_by_its_offset_not_guessed_at(tmp_path, damage):
    data = SEED_TEXT.encode("utf-8")
    middle = SEED_TEXT.index("。", 5000)  # a full-width full stop: three bytes in UTF-8
    at = len(SEED_TEXT[:middle].encode("utf-8"))
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:at] + b"\xff" + data[at:] if damage == "bad byte" else data[:at + 2])
    _refused(path, "is UTF-8 text but for a bad byte", f"at byte offset {at}", "damaged or cut-off")


def test_utf16_with_bom_and_a_lone_surrogate_is_named_by_its_offset(tmp_path):
    data = "\ufeff".encode("utf-16-le") + SEED_TEXT[:500].encode("utf-16-le")
    path = tmp_path / "surrogate.txt"
    path.write_bytes(data + b"\x00\xd8" + SEED_TEXT[500:].encode("utf-16-le"))
    _refused(path, "cannot be decoded as UTF-16-LE", f"byte offset {len(data)}")


def test_loading_keeps_its_names():
    assert loading.ReportError is jx.ReportError
    assert loading.decode(SEED_TEXT.encode("gbk")) == SEED_TEXT
    with pytest.raises(jx.ReportError, match="<bytes>: the file is empty"):
        loading.decode(b"")


# ---------------------------------------------------------------- web pages

def _page(paragraphs: list[str], charset: str) -> str:
    """A report page as a browser saves it: head, scripts, menus, breadcrumb, the title as a heading
    above the article (when the report starts with one), share bar, footer."""
    heading = ""
    if "报告" in paragraphs[0] and len(paragraphs[0]) < 40:
        heading, paragraphs = f"<h1 class=\"title\">{html.escape(paragraphs[0])}</h1>", paragraphs[1:]
    body = "\n".join(f"<p style=\"text-indent:2em\">{html.escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{html.escape(paragraphs[0][:40])}_人民政府门户网站</title>
<script type="text/javascript">var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script");
hm.src = "https://hm.example.com/hm.js"; }})(); document.write("<span>访问统计</span>");</script>
<style>.nav li {{ float: left; }} .footer {{ color: #666; }}</style></head>
<body><div class="top"><a href="/">无障碍浏览</a> <a href="/old">长者模式</a> <a href="/en">English</a></div>
<div class="header"><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/bsfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/zjxx">走进本地</a></li></ul></div>
<form class="search"><input type="text" placeholder="请输入关键字"><button>搜索</button></form></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a>政府工作报告</a></div>
<div class="article">{heading}<div class="info">发布时间：2023-01-10 09:30 来源：政府办公室 浏览次数：1024
【字号：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="content" id="zoom">
{body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul><li><a>中国政府网</a></li><li><a>省人民政府</a></li><li><a>市人民政府</a></li></ul></div>
<div class="footer"><p>主办单位：人民政府办公室　承办单位：大数据中心</p><p>网站标识码：3601240001　ICP备05004185号</p>
<p>联系电话：0791-85688888　地址：胜利路1号</p></div>
<script>window.onload = function () {{ console.log("页面加载完成"); }};</script></body></html>"""


FURNITURE = ["无障碍浏览", "首页", "政务公开", "当前位置：", "分享到：", "打印本页", "关闭窗口", "主办单位：",
             "网站标识码", "访问统计", "页面加载完成", "请输入关键字"]


def test_every_paragraph_of_every_report_survives_a_web_page(tmp_path):
    kept = total = 0
    furniture = set(visible_lines(_page(["正文"], "utf-8")))
    for name, text in TEXTS.items():
        paragraphs = _paragraphs(text)
        path = tmp_path / f"{name}.html"
        path.write_text(_page(paragraphs, "utf-8"), encoding="utf-8")
        document = read_document(path)
        lines = set(map(_norm, document.text.splitlines()))
        lost = [p for p in paragraphs if p not in lines]
        assert not lost, (name, lost[:3])
        kept += len(paragraphs)
        total += len(paragraphs)
        assert document.kind == "html"
        for word in FURNITURE:
            assert all(word not in line for line in lines if line not in paragraphs), (name, word)
        # what the page showed = what was kept + what was dropped, and the menus are among the dropped
        shown = visible_lines(path.read_text(encoding="utf-8"))
        assert set(shown) <= lines | set(document.dropped), name
        assert {"首页", "打印本页 关闭窗口", "分享到：微信 微博 QQ空间"} <= set(document.dropped)
        assert set(document.dropped) <= furniture, name  # nothing of the report itself
    print(f"\nweb pages: {kept}/{total} paragraphs of {len(TEXTS)} reports kept, each on its own line; "
          f"menus, share bar, footer and scripts left out and listed in Document.dropped")


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "GB18030"])
def test_gbk_page_is_decoded_by_its_meta_charset(tmp_path, charset):
    text = TEXTS["hailar-district-2016.gbk.txt"]
    paragraphs = _paragraphs(text)
    path = tmp_path / "report.htm"
    path.write_bytes(_page(paragraphs, charset).encode("gb18030", errors="xmlcharrefreplace"))
    document = read_document(path)
    assert set(paragraphs) <= set(map(_norm, document.text.splitlines()))
    report = jx.load_report(path)
    assert "海拉尔" in report.title and len(report.paragraphs) > 50


def test_page_with_br_lines_and_a_utf8_bom_keeps_each_line(tmp_path):
    paragraphs = _paragraphs(SEED_TEXT)
    page = _page(["<br>".join(paragraphs)], "utf-8").replace("&lt;br&gt;", "<br>\n")
    path = tmp_path / "br.html"
    path.write_bytes(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert set(paragraphs) <= set(map(_norm, read_text(path).splitlines()))


def test_page_named_doc_or_txt_is_read_as_a_page(tmp_path):
    """Government sites often serve a web page as a "Word" .doc download."""
    for name in ["report.doc", "report.txt"]:
        path = tmp_path / name
        path.write_text(_page(_paragraphs(SEED_TEXT), "utf-8"), encoding="utf-8")
        document = read_document(path)
        assert document.kind == "html" and "首页" in document.dropped


def test_page_without_report_text_is_refused(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><ul><li><a>首页</a></li><li><a>政务公开</a></li></ul></body></html>",
                    encoding="utf-8")
    _refused(path)


def test_load_report_reads_a_page_end_to_end(tmp_path, seed):
    path = tmp_path / "jinxian.html"
    path.write_text(_page(_paragraphs(SEED_TEXT), "utf-8"), encoding="utf-8")
    report = jx.load_report(path)
    assert report.title == seed.title and report.date == seed.date
    assert _han(report.text) == _han(seed.text)
    furniture = report.removed[report.removed.rule == "html-furniture"]
    assert len(furniture) and (furniture.offset == -1).all()  # the page's menus and footer, on record


# ---------------------------------------------------------------- Word .docx

def _docx(paragraphs: list[str]) -> bytes:
    """A .docx with the report's paragraphs and, after the third, a table with a merged header cell."""
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for number, paragraph in enumerate(paragraphs[1:], start=1):
        document.add_paragraph(paragraph)
        if number == 3:
            table = document.add_table(rows=3, cols=3)
            table.cell(0, 0).merge(table.cell(0, 2)).text = "主要预期目标"
            for row, cells in enumerate([["地区生产总值增长", "6%左右", "全市第一"],
                                         ["城镇调查失业率", "5.5%以内", "控制"]], start=1):
                for col, value in enumerate(cells):
                    table.cell(row, col).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_gives_paragraphs_in_order_and_each_table_cell_once(tmp_path):
    paragraphs = _paragraphs(SEED_TEXT)
    path = tmp_path / "report.docx"
    path.write_bytes(_docx(paragraphs))
    document = read_document(path)
    table = ["主要预期目标", "地区生产总值增长", "6%左右", "全市第一", "城镇调查失业率", "5.5%以内", "控制"]
    assert document.kind == "docx"
    assert document.text.splitlines() == paragraphs[:4] + table + paragraphs[4:]


@pytest.mark.parametrize("path", DOCX, ids=lambda p: p.name)
def test_real_docx_loses_no_chinese_character(path):
    """Every Chinese character in the document's body (all <w:t> runs of word/document.xml) is read."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    body = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
    text = read_text(path)
    assert _han(text) == _han(body) and len(_han(text)) > 5000
    report = jx.load_report(path)
    assert "政府工作报告" in report.title and len(report.paragraphs) > 40


def test_docx_saved_as_txt_is_read_as_docx(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(_docx(_paragraphs(SEED_TEXT)))
    assert read_document(path).kind == "docx"


def test_load_report_reads_a_docx_end_to_end(tmp_path, seed):
    path = tmp_path / "jinxian.docx"
    path.write_bytes(_docx(_paragraphs(SEED_TEXT)))
    report = jx.load_report(path)
    assert report.title == seed.title and report.date == seed.date
    assert "主要预期目标" in report.text


# ---------------------------------------------------------------- PDF

def _font() -> str:
    import mplfonts

    return os.path.join(os.path.dirname(mplfonts.__file__), "fonts", "SimHei.ttf")


def _pdf(text: str | None, **encryption) -> bytes:
    """A PDF of the text, hard-wrapped to the page width (None: one page with only an image on it)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if text is None:
        from PIL import Image

        scan = io.BytesIO()
        Image.new("L", (600, 800), 255).save(scan, format="PNG")
        pdf.image(scan, x=10, y=10, w=180)
    else:
        pdf.add_font("cjk", fname=_font())
        pdf.set_font("cjk", size=11)
        for paragraph in text.splitlines():
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return _pdf(SEED_TEXT)


def test_pdf_text_layer_is_read_with_every_chinese_character(tmp_path, seed_pdf):
    path = tmp_path / "report.pdf"
    path.write_bytes(seed_pdf)
    document = read_document(path)
    assert document.kind == "pdf"
    assert _han(document.text) == _han(SEED_TEXT)
    assert len(document.text.splitlines()) > len(SEED_TEXT.splitlines())  # hard-wrapped lines, as extracted


def test_load_report_reads_a_pdf_end_to_end(tmp_path, seed_pdf, seed):
    path = tmp_path / "jinxian.pdf"
    path.write_bytes(seed_pdf)
    report = jx.load_report(path)
    assert report.title == seed.title and report.date == seed.date
    back = len(set(report.body) & set(seed.body)) / len(seed.body)  # hard-wrapped lines re-flowed
    print(f"\nPDF: {back:.0%} of the seed's {len(seed.body)} paragraphs come back whole ({len(report.body)} paragraphs)")
    assert back >= 0.85  # without indents, a paragraph whose last line reaches the margin joins the next


def test_pdf_with_an_owner_password_only_is_read(tmp_path):
    path = tmp_path / "locked-for-editing.pdf"
    path.write_bytes(_pdf(SEED_TEXT[:2000], owner_password="owner"))
    assert _han(read_text(path)) == _han(SEED_TEXT[:2000])


def test_scanned_pdf_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(None))
    _refused(path, NO_TEXT_LAYER)


def test_password_protected_pdf_is_refused(tmp_path):
    path = tmp_path / "secret.pdf"
    path.write_bytes(_pdf(SEED_TEXT[:2000], owner_password="owner", user_password="secret"))
    _refused(path, "password-protected PDF")


@pytest.mark.parametrize("damage", ["truncated", "garbled"])
def test_damaged_pdf_is_refused(tmp_path, seed_pdf, damage):
    path = tmp_path / f"{damage}.pdf"
    if damage == "truncated":
        path.write_bytes(seed_pdf[: len(seed_pdf) // 2])
        _refused(path, "truncated PDF", "download it again")
    else:
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
        _refused(path, "damaged PDF", "convert it to .docx/.txt")


# ---------------------------------------------------------------- everything else: one clear refusal

def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REFUSED = {
    "legacy.doc": (OLE2 + bytes(4000), ["legacy Word .doc", "save it as .docx or .txt"]),
    "encrypted.docx": (OLE2 + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500),
                       ["password-protected Office document", ".docx or .txt"]),
    "archive.zip": (_zip(**{"report.txt": SEED_TEXT.encode()}), ["zip archive", "unpack it"]),
    "renamed.docx": (_zip(**{"report.txt": SEED_TEXT.encode()}), ["zip archive, not a Word .docx"]),
    "sheet.xlsx": (_zip(**{"xl__workbook.xml": b"<workbook/>"}), ["Excel workbook"]),
    "broken.docx": (_zip(**{"word__document.xml": b"<not xml", "[Content_Types].xml": b"<oops"}),
                    ["damaged Word .docx", "save it again as .docx or .txt"]),
    "cut.docx": (b"PK\x03\x04" + bytes(300), ["damaged zip or .docx", "download it again"]),
    "scan.png": (b"\x89PNG\r\n\x1a\n" + bytes(400), ["PNG image", "run OCR"]),
    "scan.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(400), ["JPEG image", "run OCR"]),
    "scan.gif": (b"GIF89a" + bytes(400), ["GIF image", "run OCR"]),
    "report.rtf": (rb"{\rtf1\ansi\ansicpg936 " + SEED_TEXT.encode("gbk"), ["RTF document", ".docx or .txt"]),
    "empty.txt": (b"", ["the file is empty"]),
    "blank.pdf": (b" \n\t\r\n", ["the file is empty"]),
    "text.pdf": (SEED_TEXT.encode(), ["named .pdf but is not a PDF", "misnamed"]),
}


@pytest.mark.parametrize("name", REFUSED)
def test_other_files_are_refused_saying_what_they_are_and_what_to_do(tmp_path, name):
    data, words = REFUSED[name]
    path = tmp_path / name
    path.write_bytes(data)
    _refused(path, *words)
    with pytest.raises(jx.ReportError):
        jx.load_report(path)


def test_missing_file_and_folder_are_refused(tmp_path):
    _refused(tmp_path / "missing.txt", "no such file")
    _refused(tmp_path / "missing" / "report.txt", "no such file")
    _refused(tmp_path, "is a folder")


def test_unreadable_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        def no_permission(file, *args, **kwargs):
            raise PermissionError(13, "Permission denied", str(file))

        monkeypatch.setattr("jxanalysis.readers.open", no_permission, raising=False)
    _refused(path, "cannot be read: permission denied")


# ---------------------------------------------------------------- a pipe is read once

def test_a_named_pipe_is_read_once(tmp_path, seed):
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    data = SEED_TEXT.encode("gbk")

    def write():
        with open(fifo, "wb") as out:
            out.write(data)

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    result = {}
    reader = threading.Thread(target=lambda: result.update(report=jx.load_report(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=60)
    if reader.is_alive():  # a second open waits for a writer that never comes: give it EOF and fail
        with open(fifo, "wb"):
            pass
        reader.join(timeout=10)
        pytest.fail("load_report opened the pipe a second time")
    assert result["report"].text == seed.text


def test_dev_stdin_is_read_once():
    script = "import jxanalysis as jx; r = jx.load_report('/dev/stdin'); print(r.title, len(r.paragraphs))"
    result = subprocess.run([sys.executable, "-c", script], input=SEED_TEXT.encode("utf-16"),
                            capture_output=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr.decode()
    title, paragraphs = result.stdout.decode().split()
    assert title == "进贤县2023年政府工作报告" and int(paragraphs) > 20

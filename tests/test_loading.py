"""Encodings and bad input: every failure is one jxanalysis error naming the file and the problem."""
from __future__ import annotations

import codecs

import pytest

import jxanalysis as jx
from jxanalysis.report import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("gbk", b""), ("gb18030", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)],
)
def test_encodings_give_the_same_report(tmp_path, seed, encoding, bom):
    path = tmp_path / "report.txt"
    path.write_bytes(bom + SEED_TEXT.encode(encoding))
    report = jx.load_report(path)
    assert report.text == seed.text
    assert report.title == "进贤县2023年政府工作报告"


def test_gbk_with_crlf(tmp_path, seed):
    path = tmp_path / "crlf.txt"
    path.write_bytes(SEED_TEXT.replace("\n", "\r\n").encode("gbk"))
    assert jx.load_report(path).text == seed.text


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty"),
        (b"  \n\r\n ", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(400), "binary"),
        (b"\xff\xfe" + b"\x00\xd8" * 3, "decoded"),
        (b"\x81\x20\x80\x7f" * 50, "decoded"),
        (b"This is an English text without any Chinese characters at all.\n" * 20, "no Chinese"),
    ],
    ids=["empty", "blank", "binary", "png", "bad-utf16", "undecodable", "no-chinese"],
)
def test_bad_input_raises_report_error(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(jx.ReportError) as err:
        jx.load_report(path)
    assert str(path) in str(err.value)
    assert problem in str(err.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(jx.ReportError, match="no such file"):
        jx.load_report(tmp_path / "missing.txt")
    with pytest.raises(jx.ReportError, match="folder"):
        jx.load_report(tmp_path)


def test_title_only_is_not_a_report(tmp_path):
    path = tmp_path / "title.txt"
    path.write_text("进贤县2023年政府工作报告(20230106)\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n", encoding="utf-8")
    with pytest.raises(jx.ReportError, match="too short to be a report"):
        jx.load_report(path)


def test_report_error_survives_pickling(tmp_path):
    import pickle

    err = jx.ReportError(tmp_path / "x.txt", "the file is empty")
    back = pickle.loads(pickle.dumps(err))
    assert (type(back), str(back), back.path, back.problem) == (jx.ReportError, str(err), err.path, err.problem)

"""An error says what is wrong and what to do in one bracket at a time: never "（（…））" nor "…）（…）", whether the
fault is in a form field, an upload or anywhere an error's message and hint are put together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.errors import AdvisorError, InputError
from assistant.profile_input import read_profile_input
from assistant.settings import Settings
from ui.upload import accept_upload

DOUBLED = re.compile(r"（（|））|）（|【【|】】")


@pytest.mark.parametrize("fields", [{"employees": "abc"}, {"employees": -5}, {"revenue_wan": "很多"},
                                    {"revenue_wan": 1e12}, {"employees": 3.5}, {"stage": "乱写"},
                                    {"employees": "1e999", "revenue_wan": "一点点"}])
def test_a_form_value_that_cannot_be_read_is_named_in_plain_chinese(fields: dict[str, object]) -> None:
    with pytest.raises(InputError) as caught:
        read_profile_input(**fields)
    said = caught.value.user_message()
    assert not DOUBLED.search(said), said
    assert "employees" not in said and "revenue_wan" not in said, said  # the field's name, not its code


@pytest.mark.parametrize("name, data", [("x.txt", b"\x00\x01\x02" * 100), ("y.txt", bytes(range(128, 256)) * 20),
                                        ("z.pdf", b"%PDF-1.4 garbage"), ("noext", b"abc"), ("w.docx", b"PK\x03\x04")])
def test_a_bad_upload_is_refused_with_its_reason_and_fix_in_one_bracket(tmp_path: Path, name: str, data: bytes) -> None:
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        accept_upload(path, name, settings, set())
    assert not DOUBLED.search(caught.value.user_message()), caught.value.user_message()


@pytest.mark.parametrize("message, hint", [("文件是空的（0 字节）", "请检查文件内容后重新上传"),
                                           ("消息是空的", "（请输入您的问题）"), ("消息太长", "请精简")])
def test_a_hint_is_bracketed_once(message: str, hint: str) -> None:
    said = AdvisorError(message, hint).user_message()
    assert not DOUBLED.search(said) and said.count("（") <= 1 + message.count("（"), said
    assert hint.strip("（）") in said

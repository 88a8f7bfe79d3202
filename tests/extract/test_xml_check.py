"""The streamed XML check is linear in the part's size: one huge token is refused early.

Measured on this machine (expat 2.5, 64 KB chunks), CPU time of ``check_docx``:

- before: a DOCX whose document.xml is one 20 MB comment passed after 7.6 s (quadratic: the
  issue's 2 MB DOCX inflating to ~70 MB cost ~110 s); 8 MB of ``a&gt;`` text took 4.4 s (a
  Python call per piece of text);
- after: the 20 MB comment is refused in 0.04 s; 95 comments of just under 1 MB each (100 MB,
  the worst case the bound allows) pass in 2.5 s; 8 MB of ``a&gt;`` text in 0.08 s.

The tests assert behaviour, never a duration: the regression test runs the check in a child
process under a CPU limit, sized so that the old quadratic check would be killed by it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from app.extract.guard import UnsafeFileError, check_docx, check_xml
from app.extract.xml_check import MAX_XML_TOKEN_BYTES
from tests.extract.documents import zip_bytes

HEAD = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
TAIL = b"<w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"


def _refused(xml: bytes) -> UnsafeFileError:
    with pytest.raises(UnsafeFileError) as info:
        check_xml(xml, "word/document.xml", "dai.docx")
    return info.value


@pytest.mark.parametrize(
    "token",
    [
        b"<!--" + b"a" * (2 * MAX_XML_TOKEN_BYTES) + b"-->",
        b"<!--" + b"a > b " * (MAX_XML_TOKEN_BYTES // 3) + b"-->",  # '>' inside does not end it
        b'<w:x w:val="' + b"q" * (2 * MAX_XML_TOKEN_BYTES) + b'"/>',
        b"<?pi " + b"a" * (2 * MAX_XML_TOKEN_BYTES) + b"?>",
        b"<w:x " + b" ".join(b'a%d="1"' % i for i in range(MAX_XML_TOKEN_BYTES // 6)) + b"/>",
    ],
    ids=["comment", "comment-with-gt", "attribute", "processing-instruction", "many-attributes"],
)
def test_one_token_longer_than_the_bound_is_refused_with_its_message(token: bytes) -> None:
    error = _refused(HEAD + token + TAIL)
    assert error.key == "extract_xml_token_too_long"
    assert str(error) == (
        "dai.docx: Phần word/document.xml có một thẻ, chú thích hoặc chỉ thị XML dài hơn 1 MB, bị từ chối"
        " (văn bản Word không có phần tử nào dài như vậy) / Part word/document.xml holds one XML tag,"
        " comment or processing instruction longer than 1 MB, refused (Word writes none that long)"
    )


def test_long_text_and_cdata_are_not_tokens_and_pass() -> None:
    text = b"<w:t>" + "Tăng cường &amp; ".encode() * (MAX_XML_TOKEN_BYTES // 8) + b"</w:t>"
    cdata = b"<![CDATA[" + b"a<b" * MAX_XML_TOKEN_BYTES + b"]]>"
    check_xml(HEAD + text + cdata + TAIL, "word/document.xml")


def test_a_comment_just_under_the_bound_passes() -> None:
    check_xml(HEAD + b"<!--" + b"a" * (MAX_XML_TOKEN_BYTES - 100) + b"-->" + TAIL, "word/document.xml")


def test_an_undefined_entity_is_still_refused_without_the_python_text_handler() -> None:
    error = _refused(HEAD + b"<w:t>&foo;</w:t>" + TAIL)
    assert error.key == "extract_bad_xml"
    assert "undefined entity" in str(error)


def test_a_docx_with_a_huge_comment_is_refused_within_a_cpu_limit() -> None:
    """A 32 MB comment, stored (so no ratio limit applies): the old check needed ~19 s of CPU
    for it and is killed by the 10 s limit; the bounded one refuses it after the first MB."""
    script = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_CPU, (10, 10))
        from app.extract.guard import UnsafeFileError, check_docx
        from tests.extract.documents import zip_bytes
        import zipfile
        xml = HEAD + b"<!--" + b"a" * (32 * 1024 * 1024) + b"-->" + TAIL
        data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml}, zipfile.ZIP_STORED)
        try:
            check_docx(data, "bom.docx")
        except UnsafeFileError as exc:
            print(exc.key)
        """
    )
    prelude = f"HEAD = {HEAD!r}\nTAIL = {TAIL!r}\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, f"killed or failed ({done.returncode}): {done.stderr[-2000:]}"
    assert done.stdout.strip() == "extract_xml_token_too_long"


def test_the_same_docx_in_process_names_the_part() -> None:
    xml = HEAD + b"<!--" + b"a" * (3 * MAX_XML_TOKEN_BYTES) + b"-->" + TAIL
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml}, zipfile.ZIP_STORED)
    with pytest.raises(UnsafeFileError) as info:
        check_docx(data, "bom.docx")
    assert info.value.key == "extract_xml_token_too_long"
    assert info.value.params["part"] == "word/document.xml"

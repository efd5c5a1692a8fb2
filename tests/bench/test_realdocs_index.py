"""The real-document corpus index (issue 13, bench/data/realdocs): well formed, files present and
unchanged, every PDF with a text layer, the loader resolving ``shared:`` rows."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from realdocs import INDEX, REALDOCS, documents, resolve, rows  # noqa: E402

ROWS = rows()
REQUIRED = {
    "id": str,
    "kind": str,
    "file": str,
    "repo": str,
    "path": str,
    "commit": str,
    "license": str,
    "bytes": int,
    "layout": str,
    "lang": str,
}
PERMISSIVE = {"MIT", "BSD-3-Clause", "Apache-2.0"}
MIN_CHARS_PER_PAGE = 200  # issue 13: a PDF without a text layer cannot show repair defects
LOCAL = [r for r in ROWS if not str(r["file"]).startswith("shared:")]
PDF_PATHS = [d.path for d in documents("pdf")]


@pytest.mark.parametrize("row", ROWS, ids=[str(r["id"]) for r in ROWS])
def test_realdocs_row_is_well_formed(row):
    for key, kind in REQUIRED.items():
        assert isinstance(row.get(key), kind), (row["id"], key)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"]), row["id"]
    assert row["kind"] in ("pdf", "html")
    assert re.fullmatch(r"[0-9a-f]{40}", row["commit"])
    assert re.fullmatch(r"[\w.-]+/[\w.-]+", row["repo"])
    assert row["license"] in PERMISSIVE
    assert row["lang"] == "en"
    assert row["layout"].strip()
    if row["kind"] == "pdf":
        assert isinstance(row.get("pages"), int) and row["pages"] >= 1


def test_realdocs_ids_are_unique():
    ids = [r["id"] for r in ROWS]
    assert len(ids) == len(set(ids))


def test_realdocs_has_enough_of_each_kind():
    kinds = [r["kind"] for r in ROWS]
    assert kinds.count("pdf") >= 30
    assert kinds.count("html") >= 20


@pytest.mark.parametrize("row", LOCAL, ids=[str(r["id"]) for r in LOCAL])
def test_realdocs_local_file_exists_unchanged(row):
    """Bytes and sha1 as fetched from the origin commit, so labels keep pointing at the same text."""
    path = resolve(row["file"])
    assert path.is_file(), path
    assert path.resolve().is_relative_to(REALDOCS.resolve())
    data = path.read_bytes()
    assert len(data) == row["bytes"]
    assert hashlib.sha1(data).hexdigest() == row["sha1"]
    assert path.suffix == "." + row["kind"]
    if row["kind"] == "html":
        assert len(data) <= 1_000_000


def test_realdocs_folder_stays_small():
    total = sum(p.stat().st_size for p in REALDOCS.rglob("*") if p.is_file())
    assert total <= 30 * 2**20


def test_realdocs_origin_lists_every_document():
    origin = (REALDOCS / "ORIGIN.md").read_text(encoding="utf-8")
    missing = [r["id"] for r in ROWS if f"`{r['id']}`" not in origin]
    assert not missing


@pytest.mark.parametrize("path", PDF_PATHS, ids=[p.stem for p in PDF_PATHS])
def test_realdocs_pdf_has_text_layer(path):
    pdfium = pytest.importorskip("pypdfium2")
    doc = pdfium.PdfDocument(str(path))
    try:
        pages = len(doc)
        chars = 0
        for i in range(pages):
            page = doc[i]
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range().strip())
            textpage.close()
            page.close()
    finally:
        doc.close()
    assert pages >= 1
    assert chars / pages >= MIN_CHARS_PER_PAGE, (path.name, chars / pages)


def test_realdocs_documents_filters_by_kind():
    html = documents("html")
    assert html and all(d.kind == "html" and d.path.is_file() for d in html)
    assert all(d.pages is None for d in html)
    with pytest.raises(ValueError, match="kind"):
        documents("docx")


def test_realdocs_documents_skips_missing_file_with_warning(tmp_path, caplog):
    first = next(r for r in ROWS if r["kind"] == "html")
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "present.html").write_bytes(resolve(first["file"]).read_bytes())
    present = dict(first, id="present", file="html/present.html")
    absent = dict(first, id="absent", file="html/absent.html")
    index = tmp_path / "index.jsonl"
    index.write_text("\n".join(json.dumps(r) for r in (present, absent)) + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="realdocs"):
        docs = documents(index=index)
    assert [d.id for d in docs] == ["present"]
    assert "absent" in caplog.text


def test_realdocs_shared_rows_resolve_beside_the_repository():
    shared = [r for r in ROWS if str(r["file"]).startswith("shared:")]
    assert shared
    path = resolve(shared[0]["file"], repo_root=Path("/repo/main"))
    assert path == Path("/repo/shared/data") / shared[0]["file"].removeprefix("shared:")
    assert INDEX.parent == REALDOCS

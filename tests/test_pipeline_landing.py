"""Whether the landing folder holds anything to load: the same answer as the loader's own walk."""

from __future__ import annotations

from pathlib import Path

from ingestion.files import iter_files
from shoplens.pipeline import landing_has_files


def test_a_missing_or_empty_landing_folder_has_no_files(tmp_path: Path) -> None:
    assert not landing_has_files(tmp_path / "nowhere")
    (tmp_path / "olist").mkdir()
    assert not landing_has_files(tmp_path)


def test_hidden_files_and_files_in_hidden_folders_do_not_count(tmp_path: Path) -> None:
    (tmp_path / ".orders.csv.part").write_text("x", encoding="utf-8")
    (tmp_path / ".sync" / "olist").mkdir(parents=True)
    (tmp_path / ".sync" / "olist" / "orders.csv").write_text("x", encoding="utf-8")
    assert not landing_has_files(tmp_path)
    assert list(iter_files([tmp_path])) == []  # the loader would load nothing either


def test_a_file_in_a_subfolder_counts(tmp_path: Path) -> None:
    (tmp_path / "olist").mkdir()
    (tmp_path / "olist" / "orders.csv").write_text("x", encoding="utf-8")
    assert landing_has_files(tmp_path)

"""An ingest killed (SIGKILL) at random points loses nothing: readers keep the last
snapshot, the next ingest finishes the work, and the store equals one built without kills."""

from __future__ import annotations

from pathlib import Path

from bench.kill_ingest import run

ROOT = Path(__file__).resolve().parents[2]


def test_killed_ingests_end_in_the_same_sound_store(tmp_path):
    files = [ROOT / "data" / "articles", ROOT / "tests" / "data" / "articles"]
    equal, sound, lines = run(files, kills=4, seed=5, workers=1, work=tmp_path)
    assert len(lines) == 4
    assert equal and sound

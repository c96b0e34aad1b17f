"""``out/manifest.json`` that cannot be trusted: set aside or pruned with one warning, never a
traceback, and a skip that checks content, not size."""
import json

import pytest

from assets import manifest, outdir
from tests.conftest import consistent, run_build, states

FIGURE = "gradient-level-sets"
BUILD = ("--kind", "figure", "--only", FIGURE)


@pytest.mark.parametrize("content", [
    b'{"assets": []}', b'{"assets": null}', b"[]", b"\x89\xff\xfe random bytes \x00",
    b'{"assets": {"gradient-level-sets": {"files": {"x.pdf": {"sha256": "0"}}}}}',  # no size
    b'{"assets": {"gradient-level-sets": {"files": {"../../etc/passwd": '
    b'{"sha256": "0", "size": 1}}}}}',  # a name outside the folder (a case of our own)
    b'{"assets": {"gradient-level-sets": {"files": "nope"}}}',
    b'{"assets":' + b"[" * 3000 + b"]" * 3000 + b"}",  # nested past Python's recursion limit
    "FOLDER",
])
def test_an_unreadable_manifest_gives_one_warning_and_a_full_render(tmp_path, content):
    # {"assets": []}, null entries, an entry without size, random bytes or a folder once gave
    # AttributeError, KeyError, UnicodeDecodeError or IsADirectoryError tracebacks, and random
    # bytes made every later build fail.
    outdir.claim(tmp_path)
    if content == "FOLDER":
        (tmp_path / manifest.NAME).mkdir()
        (tmp_path / manifest.NAME / "inside").write_text("x")
    else:
        (tmp_path / manifest.NAME).write_bytes(content)
    first = run_build(tmp_path, *BUILD)
    assert states(first) == {FIGURE: "done"}
    assert first.stderr.startswith("warning: ") and len(first.stderr.splitlines()) == 1
    assert manifest.NAME in first.stderr
    consistent(tmp_path)
    again = run_build(tmp_path, *BUILD)
    assert states(again) == {FIGURE: "cached"} and not again.stderr


def test_null_entries_are_dropped_and_the_rest_kept(tmp_path):
    assert run_build(tmp_path, "--kind", "figure", "--only", f"{FIGURE},convexity").returncode == 0
    document = json.loads((tmp_path / manifest.NAME).read_text())
    document["assets"][FIGURE] = None
    (tmp_path / manifest.NAME).write_text(json.dumps(document))
    result = run_build(tmp_path, "--kind", "figure", "--only", f"{FIGURE},convexity")
    assert states(result) == {FIGURE: "done", "convexity": "cached"}
    assert "1 of the 2 entries" in result.stderr


def test_a_same_size_overwrite_is_rendered_again(tmp_path):
    # An SVG overwritten with other bytes of the same size was reported "up to date".
    assert run_build(tmp_path, *BUILD).returncode == 0
    svg = tmp_path / f"{FIGURE}.svg"
    original = svg.read_bytes()
    svg.write_bytes(original.replace(b"<svg", b"<SVG", 1))
    assert len(svg.read_bytes()) == len(original)
    assert states(run_build(tmp_path, *BUILD)) == {FIGURE: "done"}
    assert svg.read_bytes() == original
    consistent(tmp_path)

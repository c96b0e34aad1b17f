"""The command line: listing, rendering, and one clear line with exit code 2 for every bad input."""
import subprocess
import sys

import pytest

from assets import catalogue
from tests.conftest import ROOT, SCENES


def one_line_error(result, code=2):
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_list_shows_every_asset_in_lecture_order(runner, cli):
    result = runner.invoke(cli, ["list"])
    assert result.exit_code == 0
    rows = [r.split() for r in result.output.splitlines()[1:]]
    assert [r[0] for r in rows] == list(catalogue.catalogue())
    assert {r[1] for r in rows} == {"figure", "scene"}


def test_list_filters_by_kind(runner, cli):
    result = runner.invoke(cli, ["list", "--kind", "scene"])
    ids = [r.split()[0] for r in result.output.splitlines()[1:]]
    assert ids == SCENES


def test_list_imports_neither_manim_nor_matplotlib():
    code = ("import sys, cli\n"
            "try:\n    cli.cli.main(['list'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED', 'manim' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert "LOADED False False" in out.stdout, out.stdout + out.stderr


def test_version_and_help_with_examples(runner, cli):
    assert runner.invoke(cli, ["--version"]).output.startswith("gd-lecture, version ")
    help_text = runner.invoke(cli, ["--help"]).output
    assert "Examples:" in help_text and "python cli.py render" in help_text


def test_show_lists_parameters(runner, cli):
    result = runner.invoke(cli, ["show", "gradient-level-sets"])
    assert result.exit_code == 0 and "level=0.6" in result.output


def test_show_lists_the_rules_between_parameters(runner, cli):
    result = runner.invoke(cli, ["show", "epoch-shuffle"])
    assert result.exit_code == 0 and "rules:\n  b <= n (" in result.output


def test_render_writes_requested_formats_and_sidecar(runner, cli, tmp_path):
    result = runner.invoke(cli, ["render", "gradient-level-sets", "--out", str(tmp_path),
                                 "--format", "svg", "--set", "points=3", "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("gradient-level-sets*")) == [
        "gradient-level-sets.json", "gradient-level-sets.svg"]
    import json
    sidecar = json.loads((tmp_path / "gradient-level-sets.json").read_text())
    assert sidecar["params"]["points"] == 3 and sidecar["seed"] == 4
    assert sidecar["files"] == ["gradient-level-sets.svg"]


@pytest.mark.parametrize("args, message", [
    (["render", "gradient-level-set"], "unknown asset 'gradient-level-set' (did you mean 'gradient-level-sets'?)"),
    (["render", "gradient-level-sets", "--set", "levl=1"], "has no parameter 'levl' (did you mean 'level'?)"),
    (["render", "gradient-level-sets", "--set", "level=99"], "level=99 is out of bounds"),
    (["render", "gradient-level-sets", "--set", "points=two"], "points='two' is not a valid int"),
    (["render", "gradient-level-sets", "--set", "surface=sphere"], "surface='sphere' is not allowed"),
    (["render", "gradient-level-sets", "--set", "level"], "--set expects NAME=VALUE"),
    (["render", "gradient-level-sets", "--format", "jpg"], "unknown format 'jpg'"),
    (["render", "gradient-level-sets", "--format", "mp4"], "gradient-level-sets is a figure; its formats are pdf, svg, png"),
    (["render", "gradient-level-sets", "--theme", "sepia"], "Invalid value for '--theme'"),
    (["render", "gradient-level-sets", "--seed", "x"], "Invalid value for '--seed'"),
    (["render"], "Missing argument 'IDS...'"),
    (["rendr"], "No such command 'rendr'"),
])
def test_bad_input_is_one_line_and_exit_2(runner, cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)  # where the default out/ would go
    assert message in one_line_error(runner.invoke(cli, args))
    assert not any(tmp_path.iterdir())  # nothing written, not even a folder


def test_missing_latex_is_named_with_its_install_command(runner, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no latex, no dvisvgm
    result = runner.invoke(cli, ["render", SCENES[0], "--out", str(tmp_path / "out")])
    line = one_line_error(result)
    assert "latex not found" in line and "apt-get install" in line and "texlive-latex-base" in line
    assert not (tmp_path / "out").exists()


def test_path_exports_csv_to_a_file(runner, cli, tmp_path):
    target = tmp_path / "gd.csv"
    result = runner.invoke(cli, ["path", "quadratic", "--lr", "0.1", "--steps", "5",
                                 "--param", "a=1", "--param", "b=10", "--start", "1,1",
                                 "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    rows = target.read_text().splitlines()
    assert rows[0] == "step,epoch,lr,loss,theta1,theta2" and len(rows) == 7
    assert [float(v) for v in rows[-1].split(",")[-2:]] == pytest.approx([0.9**5, 0.0])


def test_path_exports_minibatch_json_with_batches(runner, cli):
    import json

    result = runner.invoke(cli, ["path", "linreg", "--optimizer", "minibatch", "--lr", "0.1",
                                 "--epochs", "2", "--batch-size", "5", "--param", "n=12",
                                 "--seed", "3", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    steps = document["steps"]
    assert steps[0]["batch"] == [] and len(steps) == 1 + 2 * (12 // 5)
    assert len(document["data"]["X"]) == 12 and document["diverged"] is False
    assert all(len(s["batch"]) == 5 for s in steps[1:])


def test_path_exports_the_tanh_regression_with_its_data(runner, cli):
    import json

    import numpy as np

    result = runner.invoke(cli, ["path", "tanh", "--lr", "0.1", "--epochs", "1",
                                 "--param", "n=20", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    x, y = (np.array(document["data"][k]) for k in ("x", "y"))
    assert len(x) == len(y) == 20

    def loss(theta):  # the lecture's one-unit model, written out from the exported data
        return np.mean(0.5 * (y - theta[1] * np.tanh(theta[0] * x)) ** 2)

    start, after = (np.array(s["theta"]) for s in document["steps"])
    h = 1e-6
    gradient = np.array([(loss(start + h * e) - loss(start - h * e)) / (2 * h)
                         for e in np.eye(2)])
    assert document["steps"][0]["loss"] == pytest.approx(loss(start), rel=1e-12)
    np.testing.assert_allclose(after, start - 0.1 * gradient, rtol=1e-7)


def test_path_help_names_every_problem(runner, cli):
    from sim.registry import PROBLEMS

    text = runner.invoke(cli, ["path", "--help"], terminal_width=200).output
    assert all(name in text for name in PROBLEMS)


def test_path_warns_past_the_stability_threshold(runner, cli):
    result = runner.invoke(cli, ["path", "quadratic", "--lr", "0.3", "--steps", "5",
                                 "--param", "b=10"])
    assert result.exit_code == 0 and "warning:" in result.stderr and "0.2" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["path", "quadric", "--lr", "0.1"], "unknown problem 'quadric'"),
    (["path", "quadratic", "--lr", "0"], "--lr must be positive"),
    (["path", "quadratic", "--lr", "0.1", "--start", "1,2,3"], "--start needs 2 coordinates"),
    (["path", "linreg", "--lr", "0.1", "--optimizer", "minibatch", "--batch-size", "999",
      "--param", "n=10"], "batch"),
    (["path", "quadratic", "--lr", "0.1", "--param", "a=x"], "a"),
    (["path", "quadratic", "--lr", "0.1", "--format", "xml"], "unknown format 'xml'"),
])
def test_path_bad_input_is_one_line_and_exit_2(runner, cli, args, message):
    assert message in one_line_error(runner.invoke(cli, args))


def test_verify_checks_every_fact(runner, cli):
    from sim.facts import CHECKS

    result = runner.invoke(cli, ["verify"])
    assert result.exit_code == 0, result.output
    assert result.output.count("\nok  ") + result.output.startswith("ok  ") == len(CHECKS)
    assert f"{len(CHECKS)} of {len(CHECKS)} facts hold" in result.output


def test_verify_exits_1_when_a_fact_fails(runner, cli, monkeypatch):
    from sim import facts

    broken = facts.Check(name="broken", claim="a claim that does not hold", error=1.0,
                         tolerance=1e-12, passed=False)
    monkeypatch.setattr(facts, "run_all", lambda: (broken,))
    result = runner.invoke(cli, ["verify"])
    assert result.exit_code == 1 and "FAIL  broken" in result.output


def test_tex_labels_without_dvipng_name_the_install_line(runner, cli, tmp_path, monkeypatch):
    import shutil

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("latex", "kpsewhich"):  # present; dvipng missing
        (bin_dir / tool).symlink_to(shutil.which(tool))
    monkeypatch.setenv("PATH", str(bin_dir))
    result = runner.invoke(cli, ["render", "gradient-level-sets", "--tex", "--out",
                                 str(tmp_path / "out")])
    line = one_line_error(result)
    assert "dvipng not found" in line and "cm-super-minimal dvipng" in line


@pytest.mark.parametrize("args, message", [
    (["build", "--only", ","], "--only ',' selects no assets"),
    (["build", "--only", ""], "--only '' selects no assets"),  # a case of our own
    (["build", "--kind", "scene", "--only", "gradient-level-sets"], "selects no assets of kind scene"),
    (["render", "epoch-shuffle", "--seed", "-1"], "Invalid value for '--seed'"),
    (["render", "gradient-level-sets", "--seed", str(2**32)], "Invalid value for '--seed'"),
    (["build", "--seed", "-5"], "Invalid value for '--seed'"),
    (["path", "quadratic", "--lr", "0.1", "--seed", "-1"], "Invalid value for '--seed'"),
    (["path", "linreg", "--lr", "0.1", "--param", f"seed={2**32}"], "from 0 to 4294967295"),
    (["path", "tanh", "--lr", "0.1", "--param", "seed=-1"], "from 0 to 4294967295"),
    (["path", "logreg", "--lr", "0.1", "--param", "separation=1e154"], "from 0 to 1000"),
    (["path", "linreg", "--lr", "0.1", "--param", "noise=1e154"], "from 0 to 1000"),
])
def test_empty_selections_and_seeds_out_of_range_are_refused_up_front(runner, cli, tmp_path,
                                                                       monkeypatch, args, message):
    # `build --only ,` and `--kind scene --only gradient-level-sets` crashed with IndexError;
    # `render epoch-shuffle --seed -1` failed deep in the render while figures failed up front.
    monkeypatch.chdir(tmp_path)
    assert message in one_line_error(runner.invoke(cli, args))
    assert not any(tmp_path.iterdir())


PATH_ARGS = ["path", "quadratic", "--lr", "0.1", "--steps", "3"]


def test_path_writes_into_a_device_without_replacing_it(tmp_path):
    # As root, `-o /dev/null` replaced /dev/null with a regular file; here a device of our own.
    import os
    import stat

    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = subprocess.run([sys.executable, "cli.py", *PATH_ARGS, "-o", str(device)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


@pytest.mark.parametrize("target", ["fifo", "/dev/stdout"])
def test_path_streams_into_a_pipe_without_reading_it(tmp_path, target):
    # `-o FIFO` and `-o /dev/stdout` hung: the target was read before being renamed over.
    import os

    if target == "fifo":
        target = tmp_path / "fifo"
        os.mkfifo(target)
        reader = subprocess.Popen(["cat", str(target)], stdout=subprocess.PIPE, text=True)
    result = subprocess.run([sys.executable, "cli.py", *PATH_ARGS, "-o", str(target)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    received = reader.communicate(timeout=30)[0] if target != "/dev/stdout" else result.stdout
    assert received.splitlines()[0] == "step,epoch,lr,loss,theta1,theta2"
    assert len(received.splitlines()) == 5


def test_path_through_a_link_updates_the_file_and_keeps_the_link(runner, cli, tmp_path):
    # A case of our own: a link to a regular file is followed, not replaced by a copy.
    (tmp_path / "data").mkdir()
    real, link = tmp_path / "data" / "gd.csv", tmp_path / "gd.csv"
    real.write_text("old\n")
    link.symlink_to(real)
    assert runner.invoke(cli, [*PATH_ARGS, "-o", str(link)]).exit_code == 0
    assert link.is_symlink() and real.read_text().startswith("step,")


@pytest.mark.parametrize("where, message", [
    ("", "a folder is in the way"), (".", "is a directory"), ("missing/gd.csv", "does not exist"),
    ("file/gd.csv", "not a folder"), ("a" * 300, "too long"),
])
def test_path_to_a_place_that_cannot_take_a_file_is_one_line(runner, cli, tmp_path, monkeypatch,
                                                              where, message):
    # `path -o ''` gave a traceback.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("x")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert message in one_line_error(runner.invoke(cli, [*PATH_ARGS, "-o", where]))
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_verify_shows_what_a_raising_check_raised(runner, cli, monkeypatch):
    from sim import facts

    raised = facts.Check(name="raises", claim="a check that raised", error=float("nan"),
                         tolerance=1e-12, passed=False, message="RuntimeError: boom")
    monkeypatch.setattr(facts, "run_all", lambda: (raised,))
    result = runner.invoke(cli, ["verify"])
    assert result.exit_code == 1 and "FAIL  raises" in result.output
    assert "raises  raised RuntimeError: boom" in result.output


def test_an_error_nobody_foresaw_is_one_line_with_its_traceback_in_a_log(runner, cli,
                                                                        monkeypatch):
    # `path logreg --param separation=1e154` once ended in a 40-line traceback; whatever the
    # next such bug is, the user sees one line and where the traceback went.
    from sim import export

    def broken(*args, **kwargs):
        raise ValueError("cannot convert float NaN to integer")

    monkeypatch.setattr(export, "export_path", broken)
    line = one_line_error(runner.invoke(cli, ["path", "quadratic", "--lr", "0.1"]), code=1)
    assert "internal error, ValueError: cannot convert float NaN" in line
    log = line.rsplit(" in ", 1)[1].rstrip(")")
    assert "Traceback" in open(log, encoding="utf-8").read()

"""A successful figure render says nothing on stderr: no font-tool chatter between real warnings."""
import logging
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest
from matplotlib.backends import _backend_pdf_ps
from matplotlib.font_manager import FontPath

from assets import figure_render  # installs the PDF font loader under test

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_FONTS = sorted((Path(matplotlib.get_data_path()) / "fonts" / "ttf").glob("*.ttf"))


def test_logistic_gradient_step_renders_with_a_clean_stderr(tmp_path):
    """Its label θ′ takes the prime from a BaKoMa font, whose head table dates are 0."""
    result = subprocess.run([sys.executable, "cli.py", "render", "logistic-gradient-step",
                             "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (tmp_path / "logistic-gradient-step.pdf").is_file()


@pytest.mark.parametrize("font", SHIPPED_FONTS, ids=lambda path: path.name)
def test_every_font_mathtext_may_embed_subsets_without_a_warning(font, caplog):
    with caplog.at_level(logging.WARNING, logger="fontTools"):
        with _backend_pdf_ps.get_glyphs_subset(FontPath(str(font), 0), {0, 1}) as result:
            created, modified = result.font["head"].created, result.font["head"].modified
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    assert min(created, modified) >= figure_render._UNIX_EPOCH  # dates as fontTools reads them

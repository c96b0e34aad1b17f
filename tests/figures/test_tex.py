"""Every figure renders with --tex, its labels set in outline fonts (never TeX's bitmap PK fonts).

A text symbol that only a bitmap font has makes TeX generate a PK font, which
matplotlib cannot open (``FT_Open_Face … unknown file format``); the PDF is the
format that reads every font the labels use, so it is the one checked here.
"""
import io
import re

import matplotlib
import pytest
from matplotlib.figure import Figure

import theme as theme_module
from assets import jobs
from tests.conftest import FIGURES


def font_subtypes(pdf: bytes) -> set[bytes]:
    return set(re.findall(rb"/Type /Font\b[^>]*?/Subtype /(\w+)", pdf)
               + re.findall(rb"/Subtype /(\w+)[^>]*?/Type /Font\b", pdf))


@pytest.mark.parametrize("asset_id", FIGURES)
def test_figure_renders_with_tex_in_outline_fonts(asset_id, tmp_path):
    (job,) = jobs.plan([asset_id], formats=["pdf"], out=tmp_path, tex=True)
    jobs.check_tools([job])
    pdf, _sidecar = jobs.run(job)
    fonts = font_subtypes(pdf.read_bytes())
    assert fonts and fonts <= {b"Type1"}, fonts  # LaTeX's outline fonts; Type3 would be bitmaps


@pytest.mark.parametrize("size", sorted({theme_module.FONT_SIZE, theme_module.FONT_SIZE_SMALL,
                                         theme_module.FONT_SIZE_TITLE}))
def test_text_symbols_and_blackboard_letters_typeset_at_every_slide_size(size):
    """Beyond today's labels: text-companion symbols (TS1) and amssymb at each size a figure uses."""
    with matplotlib.rc_context({**theme_module.matplotlib_rc(theme_module.LIGHT, "16:9"),
                                "text.usetex": True}):
        figure = Figure()
        figure.text(0.1, 0.5, r"×41, mean ± std, 90°, 3·4, 5‰, † $\theta \in \mathbb{R}^{4}$",
                    fontsize=size)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="pdf")
    assert font_subtypes(buffer.getvalue()) == {b"Type1"}

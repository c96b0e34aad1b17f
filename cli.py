"""Command line: list, render and build the lecture's figures and animations.

A thin layer over ``assets``: it parses and reports; errors become one line
on stderr and an exit code (2: bad input, 1: a render failed), never a traceback.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from assets import catalogue, options, sweeps
from assets.errors import AssetError, CatalogueError, RenderError, one_line
from sim.errors import SimError
from sim.schedules import SCHEDULE_HELP
from sim.seeds import SEED_MAX

VERSION = "0.1.0"

EXAMPLES = """
\b
Examples:
  python cli.py list
  python cli.py render gradient-level-sets --format pdf
  python cli.py render gd-vs-sgd --set lr=0.05 --seed 3 --quality high
  python cli.py render gd-vs-sgd --theme dark --aspect 4:3
  python cli.py build --out out/
  python cli.py build --sweep gd-vs-sgd.lr=0.01,0.1,0.5
  python cli.py list --out out/
  python cli.py path quadratic --optimizer gd --lr 0.1 --steps 50 --format csv -o gd.csv
  python cli.py verify
"""


class LectureCLI(click.Group):
    """A click group whose errors are one line on stderr, with the exit code the error carries."""

    def main(self, args=None, prog_name=None, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name, standalone_mode=False, **extra)
        except click.ClickException as err:
            click.echo(f"error: {err.format_message()}", err=True)
            sys.exit(err.exit_code)
        except (AssetError, CatalogueError, RenderError) as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)
        except SimError as err:  # the mathematics rejects the input: a usage error
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
        except OSError as err:  # an unwritable place, a full disk: what and how to fix it
            from assets.outdir import os_error, write_error

            error = write_error(os_error(err) or err)
            click.echo(f"error: {error}", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("aborted", err=True)
            sys.exit(130)
        except Exception as err:  # noqa: BLE001 - a bug of ours: one line, the traceback in a log
            click.echo(f"error: {_crash_report(err)}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _crash_report(err: Exception) -> str:
    """One line for an error the code did not foresee, with the traceback kept in a log file."""
    import tempfile
    import traceback

    with tempfile.NamedTemporaryFile("w", prefix="gd-lecture-crash-", suffix=".log",
                                     delete=False, encoding="utf-8") as log:
        log.write(traceback.format_exc())
    return (f"internal error, {one_line(err)} (a bug: please report it with the traceback in "
            f"{log.name})")


# Options shared by render and build.
out_option = click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
                          default=Path("out"), show_default=True, help="Output folder.")
theme_option = click.option("--theme", type=click.Choice(options.THEMES), default="light",
                            show_default=True, help="Colour theme.")
aspect_option = click.option("--aspect", type=click.Choice(options.ASPECTS), default="16:9",
                             show_default=True, help="Slide aspect ratio.")
quality_option = click.option("--quality", type=click.Choice(tuple(options.QUALITIES)),
                              default=options.DEFAULT_QUALITY, show_default=True,
                              help="Scene resolution and frame rate: low 480p15, medium 720p30, "
                                   "high 1080p60, 4k 2160p60.")
SEED = click.IntRange(0, SEED_MAX)  # sim.seeds: one rule for every command and data problem
seed_option = click.option("--seed", type=SEED, default=0, show_default=True,
                           help=f"Seed for every random choice (0 to {SEED_MAX}).")
format_option = click.option(
    "--format", "formats", multiple=True, metavar="FORMAT",
    help="Repeatable; each asset gets the formats that fit its kind. Figures: "
         f"{', '.join(options.FIGURE_FORMATS)} (default all three). Scenes: "
         f"{', '.join(options.SCENE_FORMATS)}, all from one render (default "
         f"{' and '.join(options.DEFAULT_FORMATS['scene'])}).")
fps_option = click.option("--fps", type=click.IntRange(1, 120), default=None,
                          help="Scenes: frame rate, overriding --quality's (e.g. 10 for a "
                               "light png-sequence for LaTeX's animate package).")
deck_fps_option = click.option(
    "--deck-fps", type=click.FloatRange(1, 60), default=None,
    help="Scenes: frame rate of the frames the Beamer deck plays (default: follows --quality); "
         "lower gives a lighter PDF.")
data_option = click.option("--data", is_flag=True,
                           help="Figures: also write the plotted arrays as ID.data.json "
                                "(to redraw them in pgfplots).")
tex_option = click.option("--tex", is_flag=True,
                          help="Figures: set labels with the system LaTeX instead of matplotlib's "
                               "mathtext (needs latex, dvipng and cm-super).")
kind_option = click.option("--kind", type=click.Choice(("figure", "scene")), default=None,
                           help="Only assets of this kind.")
held_option = click.option("--out", "out", default=None,
                           type=click.Path(exists=True, file_okay=False, path_type=Path),
                           help="Also list the sweep variants this output folder holds.")


def sweep_option(form: str, extra: str = ""):
    """``--sweep``, as render (``ID.`` optional) or build (``ID.`` required) takes it."""
    return click.option("--sweep", "sweep", multiple=True, metavar=form,
                        help="Repeatable (several give the product). Render a variant per value, "
                             f"ID@NAME=VALUE, with its own files{extra}. README: Sweeps.")


@click.group(cls=LectureCLI, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(VERSION, prog_name="gd-lecture")
def cli():
    """Figures and animations for the lecture 'Gradient Descent and Backpropagation 1'."""


@cli.command("list")
@kind_option
@held_option
def list_assets(kind, out):
    """Show every asset: id, kind, lecture slide and title, in the lecture's order (with --out,
    each followed by the sweep variants that folder holds)."""
    rows = []
    held = _swept(out)
    for a in catalogue.select(kind):
        rows.append((a.id, a.kind, a.slide, a.title))
        rows += [("  " + sweeps.variant_id(a.id, v), a.kind, a.slide, sweeps.title(a, v))
                 for v, _ in held.get(a.id, [])]
    widths = [max(len(r[i]) for r in rows + [("id", "kind", "slide", "title")]) for i in range(3)]
    for row in [("id", "kind", "slide", "title"), *rows]:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths)) + "  " + row[3])


def _swept(out: Path | None) -> dict:
    """The sweep variants ``out`` holds, by asset id; none without ``--out`` (``list`` stays
    fast: publishing's modules are imported only to read a folder)."""
    if out is None:
        return {}
    from assets.published import swept

    return swept(out)


def _run(job_list, out: Path, workers: int, force: bool, video: str = "animate",
         scheduler: str | None = None) -> None:
    """Render through the build machinery (manifest, atomic files, parallel workers or a Dask
    cluster), publish the deck, snippets and page, then sum up."""
    from assets import build, jobs
    from assets.progress import Display
    from assets.published import publish

    jobs.check_tools(job_list)
    started = time.perf_counter()
    published = []
    with Display([j.stem for j in job_list]) as display:
        outcomes = build.build(job_list, out, workers, force, display.report, publish=lambda:
                               published.append(publish(out, job_list[0].theme,
                                                        job_list[0].aspect, video)),
                               scheduler=scheduler)
    (decks,) = published
    states = [o.state for o in outcomes]
    click.echo(f"{states.count('done')} rendered, {states.count('cached')} up to date, "
               f"{states.count('failed')} failed in {time.perf_counter() - started:.1f} s "
               f"→ {out}\n  present: {decks.slides} (browser), {decks.pptx} (PowerPoint), "
               f"{decks.beamer} (Beamer, {_megabytes(decks.pdf_bytes)} as a PDF)\n"
               f"  page: {decks.page}")
    failed = [o for o in outcomes if o.state == "failed"]
    for outcome in failed:
        click.echo(f"error: {outcome.message}", err=True)
    if failed:
        sys.exit(max(o.exit_code for o in failed))


def _megabytes(size: int) -> str:
    """A file size as the summary says it: "about 110 MB", "under 1 MB"."""
    return f"about {size / 1e6:.0f} MB" if size >= 1e6 else "under 1 MB"


@cli.command()
@click.argument("ids", nargs=-1, required=True)
@out_option
@theme_option
@aspect_option
@quality_option
@format_option
@click.option("--set", "sets", multiple=True, metavar="NAME=VALUE",
              help="Repeatable. Set a parameter (see 'python cli.py show ID'); with several "
                   "ids, ID.NAME=VALUE sets it for one of them.")
@sweep_option("[ID.]NAME=V1,V2,...", " (not the default); ID. may be left out with one ID")
@seed_option
@fps_option
@deck_fps_option
@data_option
@tex_option
def render(ids, out, theme, aspect, quality, formats, sets, sweep, seed, fps, deck_fps, data,
           tex):
    """Render the assets IDS into --out."""
    from assets import jobs, outdir

    out = outdir.check_root(out)  # resolved once: what is checked is what is written
    job_list = jobs.plan(ids, sets=sets, sweeps=sweep, defaults=False, formats=formats,
                         seed=seed, theme=theme, aspect=aspect, quality=quality, out=out, fps=fps,
                         data=data, tex=tex, deck_fps=deck_fps)
    _run(job_list, out, workers=min(len(job_list), os.cpu_count() or 1), force=True)


@cli.command()
@click.argument("asset_id", metavar="ID")
@held_option
def show(asset_id, out):
    """Show an asset's caption, parameters (name, type, default, allowed values, help) and the
    rules its parameters must keep together (with --out, its sweep variants held there)."""
    asset = catalogue.get(asset_id)
    click.echo(f"{asset.id} ({asset.kind}) — {asset.title}\nslide: {asset.slide}\n"
               f"caption: {asset.caption}\nparameters:")
    for p in asset.params:
        click.echo(f"  {p.name}={p.default!r}  {p.describe()}  {p.help}")
    if asset.rules:
        click.echo("rules:")
    for rule in asset.rules:
        click.echo(f"  {rule.describe()}")
    if out is not None:
        _show_variants(asset, out)


def _show_variants(asset, out: Path) -> None:
    """The sweep variants of ``asset`` that ``out`` holds: id, values, themes and aspects."""
    held = _swept(out).get(asset.id, [])
    click.echo(f"variants in {out}:" if held else f"no variants in {out}")
    for variant, where in held:
        shown = ", ".join(f"{theme} {aspect}" for theme, aspect in where)
        click.echo(f"  {sweeps.variant_id(asset.id, variant)}  {sweeps.label(asset, variant)}"
                   f"  ({shown})")


@cli.command()
@out_option
@theme_option
@aspect_option
@quality_option
@format_option
@seed_option
@fps_option
@deck_fps_option
@data_option
@tex_option
@click.option("--set", "sets", multiple=True, metavar="[ID.]NAME=VALUE",
              help="Repeatable. Change a parameter of every asset that has it, or of one asset.")
@sweep_option("ID.NAME=V1,V2,...", ", beside the default")
@kind_option
@click.option("--only", metavar="ID,...", default=None, help="Only these assets (comma-separated).")
@click.option("--jobs", "workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1,
              show_default="number of cores", help="Assets rendered at once.")
@click.option("--force", is_flag=True, help="Re-render even what is up to date.")
@click.option("--beamer-video", type=click.Choice(("animate", "poster")), default="animate",
              show_default=True, help="Animations in the Beamer deck: frames for the animate "
                                      "package, or the poster linked to the MP4.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Render on a Dask cluster: tcp://HOST:8786 (a running 'dask scheduler') or "
                   "local:N (N worker processes here); --jobs is then unused. README: Past one "
                   "machine.")
def build(out, theme, aspect, quality, formats, seed, fps, deck_fps, data, tex, sets, sweep,
          kind, only, workers, force, beamer_video, scheduler):
    """Bring --out up to date with the catalogue: renders only what changed since the last build."""
    from assets import cluster, jobs, outdir

    if scheduler is not None:
        cluster.check_reachable(scheduler)
    sweeps.require_ids(sweep)
    ids = [a.id for a in catalogue.select(kind)]
    if only is not None:
        wanted = [catalogue.get(i.strip()).id for i in only.split(",") if i.strip()]
        ids = [i for i in ids if i in wanted]
        if not ids:
            why = f" of kind {kind}" if wanted else ""
            raise AssetError(f"--only {only!r} selects no assets{why}; "
                             "run 'python cli.py list' to see them")
    out = outdir.check_root(out)
    job_list = jobs.plan(ids, sets=sets, sweeps=sweep, formats=formats, seed=seed, theme=theme,
                         aspect=aspect, quality=quality, out=out, fps=fps, data=data, tex=tex,
                         deck_fps=deck_fps)
    _run(job_list, out, workers, force, beamer_video, scheduler)


@cli.command(epilog="\b\n" + SCHEDULE_HELP)
@click.argument("problem")
@click.option("--optimizer", default="gd", show_default=True, help="gd, sgd or minibatch.")
@click.option("--lr", type=float, default=None, help="Learning rate ε (required).")
@click.option("--steps", type=int, default=None, help="Updates, for analytic surfaces.")
@click.option("--epochs", type=int, default=None, help="Passes through the data, for data problems.")
@click.option("--start", default=None, metavar="X,Y", help="Starting point θ₀.")
@click.option("--seed", type=SEED, default=None,
              help="Seed for shuffling and gradient noise (the data's own: --param seed=N).")
@click.option("--batch-size", type=int, default=None, help="Mini-batch size b (minibatch).")
@click.option("--lr-schedule", default="constant", show_default=True, metavar="NAME[:K=V,...]",
              help="constant, inverse-time, step-decay or cosine: formulas below. A step size "
                   "that reaches 0 (cosine with floor=0 once t ≥ total) gets a warning.")
@click.option("--noise", type=float, default=None,
              help="σ of the noisy-gradient model on analytic surfaces (SGD without data).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Repeatable. A problem parameter, e.g. a=1, b=10, n=64.")
@click.option("--format", "fmt", default="csv", show_default=True, help="csv or json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write here instead of standard output ('-': standard output).")
def path(problem, optimizer, lr, steps, epochs, start, seed, batch_size, lr_schedule, noise,
         params, fmt, output):
    """Export one optimization path (every iterate, loss and step size) as CSV or JSON.

    PROBLEM is quadratic, saddle, bounded-saddle, rosenbrock, himmelblau, double-well,
    linreg, logreg or tanh.

    On linreg, logreg and tanh the loss is the mean over the n examples,
    L(θ) = (1/n) Σ_i L_i(θ) (the lecture writes the sum, n times as large, same
    minimisers), and every step follows the gradient of that mean (of the batch's
    mean for sgd and minibatch); on the surfaces it is f(θ). A run that diverges,
    an iterate or loss not finite or θ farther than 10^6 × the start's distance
    from the nearest minimum (the origin if there is none), stops early with a
    warning; JSON sets "diverged" and "diverged_at" (the rejected step) and
    spells out these meanings under "definitions".
    """
    from sim.export import export_path, parse_assignments

    result = export_path(problem, parse_assignments(params), optimizer=optimizer, lr=lr,
                         steps=steps, epochs=epochs, start=start, seed=seed,
                         batch_size=batch_size, lr_schedule=lr_schedule, noise=noise, fmt=fmt)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if output is None or str(output) == "-":
        click.echo(result.text, nl=False)
    else:
        from assets.output import write_user_file

        write_user_file(output, result.text)


@cli.command()
def verify():
    """Check every fact the lecture states, numerically; exit code 1 if any fails."""
    from sim.facts import run_all

    checks = run_all()
    width = max(len(c.name) for c in checks)
    for c in checks:
        mark = "ok  " if c.passed else "FAIL"
        click.echo(f"{mark}  {c.name.ljust(width)}  error {c.error:9.2e}  (tolerance "
                   f"{c.tolerance:.0e})  {c.claim}")
        if c.message:  # the check itself raised: what it raised, in one line
            click.echo(f"      {c.name.ljust(width)}  raised {c.message}")
    failed = [c for c in checks if not c.passed]
    click.echo(f"{len(checks) - len(failed)} of {len(checks)} facts hold")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    cli()

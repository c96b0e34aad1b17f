"""Forward passes through single- and two-layer networks, and a two-layer net as a function.

Every number on screen is read from ``sim.forward_pass`` and every curve from
``sim.forward_pass.response`` or ``sim.networks.sigmoid_bump``; the scenes only
place them. What each scene showed is kept in ``self.readouts`` (name → the
mobjects holding the numbers) so tests can compare it with sim.
"""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, ORIGIN, RIGHT, UP, Axes, Circle, Create, DashedLine, Dot, FadeIn,
                   FadeOut, GrowFromCenter, Line, MathTex, TransformFromCopy, VGroup, VMobject,
                   Write)

import theme
from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene
from scenes._numbers import Number
from sim.forward_pass import response, single_layer_example, two_layer_example
from sim.networks import sigmoid_bump

FONT = theme.SCENE_FONT  # labels, formulas, readouts, and the bump's ticks at a and b
RIM = 3  # stroke width of unit circles
Z_SPAN = 4.0  # the activation plots show z ∈ [−Z_SPAN, Z_SPAN], widened to hold z


def unit(radius: float, th) -> Circle:
    """A unit: a circle filled with the background, so no edge shows through."""
    return Circle(radius=radius, color=th.foreground, stroke_width=RIM).set_fill(
        th.background, opacity=1.0)


def split_unit(radius: float, th) -> VGroup:
    """A computing unit as in the figures: Σ (the weighted sum z) | g (the activation)."""
    circle = unit(radius, th)
    divider = Line(circle.get_top(), circle.get_bottom(), color=th.foreground, stroke_width=RIM)
    sigma = MathTex(r"\Sigma", font_size=FONT).move_to(circle.get_center() + 0.45 * radius * LEFT)
    g = MathTex("g", font_size=FONT).move_to(circle.get_center() + 0.45 * radius * RIGHT)
    return VGroup(circle, divider, sigma, g)


def edge(a, b, radius_a: float, radius_b: float, color: str, width: float = 2.0) -> Line:
    """The weight edge from unit ``a`` to unit ``b``, rim to rim."""
    p, q = a.get_center(), b.get_center()
    d = (q - p) / np.linalg.norm(q - p)
    return Line(p + radius_a * d, q - radius_b * d, color=color, stroke_width=width)


def column(mobjects, x: float, spacing: float) -> VGroup:
    """Stack units at ``x``, centred on y = 0, the first on top."""
    group = VGroup(*mobjects).arrange(DOWN, buff=spacing - mobjects[0].width)
    return group.move_to([x, 0, 0])


def fit(mobject, width: float, height: float | None = None):
    """Shrink (never grow) ``mobject`` to fit a box."""
    scale = width / mobject.width
    if height is not None:
        scale = min(scale, height / mobject.height)
    return mobject.scale(min(1.0, scale))


def number(value: float, places: int, font_size: float = FONT) -> Number:
    """A readout of a sim value, rounded only for display."""
    return Number(value, num_decimal_places=places, font_size=font_size)


def tex_number(value: float, places: int) -> str:
    """A number for MathTex, with a real minus sign and negatives in parentheses."""
    text = f"{abs(value):.{places}f}"
    return f"(-{text})" if value < 0 else text


def signed_terms(values, places: int) -> list[str]:
    """The summands of a sum for MathTex, each with the sign joining it: ``a``, ``− b``, ``+ c``."""
    texts = [f"{abs(v):.{places}f}" for v in values]
    return [("-" if v < 0 else "") + t if k == 0 else ("- " if v < 0 else "+ ") + t
            for k, (v, t) in enumerate(zip(values, texts))]


def shifted(symbol: str, a: float) -> str:
    """``x − a`` with the sign folded in: x + 1 for a = −1, x for a = 0."""
    if a == 0:
        return symbol
    return f"{symbol} {'-' if a > 0 else '+'} {abs(a):g}"


BUMP_X = np.linspace(-3.0, 3.0, 601)  # the input axis of the bump's plots


def two_layer_of(params, seed):
    """What two-layer-forward draws, from sim: the forward pass, and the bump over ``BUMP_X``."""
    return (two_layer_example(params.inputs, params.hidden, params.output, seed),
            sigmoid_bump(BUMP_X, params.left, params.right, params.steepness, params.height))


class _NetworkScene(LectureScene):
    """A lecture scene that also keeps the mobjects showing sim's numbers, for tests."""

    def setup(self) -> None:
        super().setup()
        self.readouts: dict[str, object] = {}


class SingleLayerForward(_NetworkScene):
    ASSET = SceneAsset(
        id="single-layer-forward",
        title="A forward pass through a single-layer network",
        slide="single-layer neural networks: the linear and logistic regression",
        caption="The unit forms the weighted sum z = θ⊤x⁽⁰⁾ of its inputs and applies g: the "
                "identity gives linear regression's ŷ, the sigmoid gives logistic regression's "
                "p(1 | x).",
        alt="A single-layer network: input units and one output unit joined by weighted edges. "
            "The input symbols and weight names turn into numbers, the products are summed term "
            "by term into z, and z is read off on two plots: the identity line gives the linear "
            "regression output and the sigmoid curve gives the logistic regression probability.",
        params=(
            Param("inputs", int, 3, (1, 5), "number of inputs x⁽⁰⁾ (values and weights come "
                                             "from the seed)"),
            Param("seconds", float, 1.2, (0.3, 4.0), "duration of each computing step, in seconds"),
        ),
    )
    compute = staticmethod(lambda params, seed: single_layer_example(params.inputs, seed))

    def construct(self):
        p, th = self.params, self.theme
        run = self.compute(p, self.seed)
        fw, fh = self.camera.frame_width, self.camera.frame_height
        left_w, right_w = 0.5 * fw, 0.42 * fw
        left_x, right_x = -fw / 2 + 0.3 + left_w / 2, fw / 2 - 0.3 - right_w / 2

        # 1. The network with its symbols
        self.next_section("network", "A single-layer network: the inputs x⁽⁰⁾, a weight θ on each "
                          "edge, and one unit that first sums (Σ) and then applies an activation "
                          "g.")
        xs = column([unit(0.55, th) for _ in run.x], -3.0, 1.45)
        out = split_unit(0.8, th).move_to([1.6, 0, 0])
        edges = VGroup(*(edge(x, out, 0.55, 0.8, th.muted) for x in xs))
        names = VGroup(*(MathTex(rf"x^{{(0)}}_{k + 1}", font_size=FONT).move_to(x)
                         for k, x in enumerate(xs)))
        weights = VGroup(*(MathTex(rf"\theta_{k + 1}", font_size=FONT)
                           .move_to(e.point_from_proportion(0.45)) for k, e in enumerate(edges)))
        x_values = VGroup(*(number(v, 1).move_to(x) for v, x in zip(run.x, xs)))
        theta_values = VGroup(*(number(v, 1).move_to(w) for v, w in zip(run.theta, weights)))
        for label in (*weights, *theta_values):
            label.add_background_rectangle(color=th.background, opacity=1, buff=0.06)
        z_top = VGroup(MathTex("z =", font_size=FONT), number(run.z, 2)).arrange(RIGHT, buff=0.15)
        z_top.next_to(out, UP, buff=0.2)
        layer = MathTex(r"x^{(0)}", font_size=FONT).next_to(xs, UP, buff=0.25)
        diagram = VGroup(edges, xs, out, names, weights, layer, x_values, theta_values, z_top)

        # the weighted sum, three lines with their = signs aligned; one part per input
        products = [f"{tex_number(t, 1)} \\cdot {tex_number(x, 1)}"
                    for t, x in zip(run.theta, run.x)]
        line1 = MathTex("z", "=", r"\theta^\top x^{(0)}", font_size=FONT)
        line2 = MathTex("=", *(("+ " if k else "") + t for k, t in enumerate(products)),
                        font_size=FONT)
        line3 = MathTex("=", *signed_terms(run.terms, 2), "=", font_size=FONT)
        z_sum = number(run.z, 2)
        sums = VGroup(line1, line2, VGroup(line3, z_sum)).arrange(DOWN, aligned_edge=LEFT,
                                                                  buff=0.25)
        for line in (line2, line3):
            line.shift((line1[1].get_x() - line[0].get_x()) * RIGHT)
        z_sum.next_to(line3, RIGHT, buff=0.15)
        fit(diagram, left_w, 0.58 * fh)
        fit(sums, left_w, 0.3 * fh)
        VGroup(diagram, sums).arrange(DOWN, buff=0.5).move_to([left_x, 0, 0])

        self.play(FadeIn(VGroup(edges, xs, out, names, weights, layer)))  # the opening picture
        self.hold(names, weights, layer)

        # 2. The numbers: inputs and weights, cross-faded in place of their symbols
        self.next_section("numbers", "Now with numbers: each input and each weight takes its "
                          "value.")
        self.play(*map(FadeOut, (*names, *weights)), *map(FadeIn, (*x_values, *theta_values)),
                  run_time=p.seconds)
        self.readouts.update(x=list(x_values), theta=list(theta_values))
        self.hold(x_values, theta_values)

        # 3. The weighted sum, term by term
        self.next_section("weighted sum", "The unit's first half forms the weighted sum z = "
                          "θ⊤x⁽⁰⁾: each edge multiplies its input by its weight, and the products "
                          "add up, term by term.")
        self.play(Write(line1), run_time=0.6 * p.seconds)
        self.hold(line1)
        for k, e in enumerate(edges):
            signs = (line2[0], line3[0]) if k == 0 else ()
            self.play(e.animate.set_stroke(th.highlight, width=5), FadeIn(line2[k + 1]),
                      FadeIn(line3[k + 1]), *map(FadeIn, signs), run_time=0.7 * p.seconds)
            self.play(e.animate.set_stroke(th.muted, width=2), run_time=0.2 * p.seconds)
        self.play(FadeIn(line3[-1]), FadeIn(z_sum), out[2].animate.set_color(th.highlight),
                  run_time=0.6 * p.seconds)
        self.hold(line3, z_sum)
        self.play(TransformFromCopy(z_sum, z_top[1]), FadeIn(z_top[0]), run_time=p.seconds)
        self.readouts.update(products=list(line2[1:]), terms=list(line3[1:-1]),
                            z=[z_sum, z_top[1]])

        # 4. The nonlinearity: identity and sigmoid read off at z
        self.next_section("nonlinearity", "The second half applies g to z. With the identity, z "
                          "itself is linear regression's ŷ; with the sigmoid, σ(z) is logistic "
                          "regression's p(1 | x).")
        span = max(Z_SPAN, np.ceil(abs(run.z)) + 1.0)
        z = np.linspace(-span, span, 201)
        side = LEFT if run.z > 0 else RIGHT  # readouts sit on the g axis, away from the probe
        panels = []
        for name, activation, title, lo, hi, value, readout in (
                ("linear", "identity", r"\text{linear regression: } g(z) = z", -span, span,
                 run.linear, r"\hat{y} ="),
                ("logistic", "sigmoid", r"\text{logistic regression: } g(z) = \sigma(z)", 0.0, 1.0,
                 run.logistic, r"p(1 \mid x) =")):
            axes = Axes(x_range=[-span, span, span], y_range=[lo, hi, hi - lo],
                        x_length=right_w - 0.4, y_length=0.3 * fh,
                        axis_config={"color": th.muted, "include_ticks": False, "stroke_width": 2},
                        tips=False)
            heading = MathTex(title, font_size=FONT).next_to(axes, UP, buff=0.15)
            z_label = MathTex("z", font_size=FONT).next_to(  # away from the curve's end
                axes.c2p(span, max(lo, 0.0)), UP if lo < 0 else DOWN, buff=0.15).shift(0.2 * LEFT)
            curve = self.trace(name, axes, np.column_stack([z, response(z, activation)]), th.curve)
            marker = Dot(axes.c2p(run.z, value), radius=0.08, color=th.highlight)
            up = DashedLine(axes.c2p(run.z, max(lo, 0.0)), marker.get_center(),
                            color=th.highlight, stroke_width=2)
            across = DashedLine(marker.get_center(), axes.c2p(0.0, value), color=th.highlight,
                                stroke_width=2)
            shown = VGroup(MathTex(readout, font_size=FONT), number(value, 2))
            shown.arrange(RIGHT, buff=0.15)
            shown.next_to(across.get_end(), side, buff=0.2)
            panels.append(VGroup(VGroup(heading, axes, z_label), curve,
                                 VGroup(up, marker, across), shown))
            self.readouts[name] = shown[1]
        right = VGroup(*panels).arrange(DOWN, buff=0.6)
        fit(right, right_w, fh - 0.6).move_to([right_x, 0, 0])
        self.play(out[2].animate.set_color(th.foreground), out[3].animate.set_color(th.highlight),
                  run_time=0.5)
        for static, curve, (up, marker, across), shown in panels:
            self.play(FadeIn(static), Create(curve), run_time=1.0)
            self.play(Create(up), GrowFromCenter(marker), run_time=0.6 * p.seconds)
            self.play(Create(across), FadeIn(shown), run_time=0.6 * p.seconds)
            self.hold(static[0], shown)


class TwoLayerForward(_NetworkScene):
    ASSET = SceneAsset(
        id="two-layer-forward",
        title="A forward pass through a two-layer network, and a two-layer net as a function",
        slide="two-layer neural networks",
        caption="The forward pass lights up layer by layer: each layer forms z = θx from the "
                "previous one and applies its activation; two sigmoid units with output weights "
                "+h and −h add up to a bump.",
        alt="A network with three inputs, four sigmoid hidden units and one output unit, its edges "
            "coloured by the sign of their weights. The input values appear, the edges into the "
            "hidden layer light up and the hidden units show their weighted sums, which turn into "
            "sigmoid activations; then the output edges light up and the output value appears. "
            "Next, a network with one input and two sigmoid hidden units: a rising sigmoid and a "
            "falling one are drawn and their sum, a bump between the two shifts, is drawn last.",
        params=(
            Param("inputs", int, 3, (1, 5), "number of inputs x⁽⁰⁾ (values and weights come "
                                             "from the seed)"),
            Param("hidden", int, 4, (1, 5), "number of hidden units x⁽¹⁾"),
            Param("output", str, "identity", help="the output unit's activation",
                  choices=("identity", "sigmoid")),
            Param("left", float, -1.0, (-2.5, 2.5), "bump: where the rising sigmoid is centred, a"),
            Param("right", float, 1.0, (-2.5, 2.5),
                  "bump: where the falling sigmoid is centred, b"),
            Param("steepness", float, 10.0, (1.0, 30.0),
                  "bump: input weight k of both hidden units"),
            Param("height", float, 1.0, (0.2, 2.0), "bump: output weights +h and −h"),
            Param("seconds", float, 1.2, (0.3, 4.0), "duration of each computing step, in seconds"),
        ),
    )
    compute = staticmethod(two_layer_of)

    def construct(self):
        run, bump = self.compute(self.params, self.seed)
        self.forward_pass(run)
        self.bump(bump)
        self.wait(2)

    def weight_edges(self, left, right, weights, radii) -> VGroup:
        """Edges from every unit of ``left`` to every unit of ``right``, coloured by the sign of
        their weight θ⁽ˡ⁾[j, i] and as thick as it is large; dim until their layer computes."""
        th, largest = self.theme, np.abs(weights).max()
        return VGroup(*(edge(a, b, *radii, th.positive if weights[j, i] > 0 else th.negative,
                             1.0 + 4.0 * abs(weights[j, i]) / largest).set_opacity(0.25)
                        for j, b in enumerate(right) for i, a in enumerate(left)))

    def forward_pass(self, run):
        p, th = self.params, self.theme
        hidden, output = run.layers
        fw, fh = self.camera.frame_width, self.camera.frame_height

        # 1. The network: inputs, hidden layer, output; edges coloured by the sign of their weight
        self.next_section("network", "A two-layer network: inputs x⁽⁰⁾, a hidden layer of sigmoid "
                          "units, one output unit. An edge's colour is its weight's sign, its "
                          "thickness the weight's size.")
        gap = 4.2
        x0 = column([unit(0.55, th) for _ in run.x], -gap, 1.4)
        x1 = column([unit(0.6, th) for _ in hidden.post], 0.0, 1.4)
        x2 = column([unit(0.6, th)], gap, 1.4)
        bundles = [self.weight_edges(x0, x1, hidden.weights, (0.55, 0.6)),
                   self.weight_edges(x1, x2, output.weights, (0.6, 0.6))]
        names = VGroup(*(MathTex(rf"x^{{(0)}}_{k + 1}", font_size=FONT).move_to(c)
                         for k, c in enumerate(x0)))
        top = max(x0.get_top()[1], x1.get_top()[1])
        thetas = VGroup(*(MathTex(rf"\theta^{{({k})}}", font_size=FONT).move_to(
            [(k - 1.5) * gap, top + 0.4, 0]) for k in (1, 2)))
        bottom = min(x0.get_bottom()[1], x1.get_bottom()[1]) - 0.45
        g_out = r"\sigma(z^{(2)})" if p.output == "sigmoid" else r"z^{(2)}"
        captions = [VGroup(*(MathTex(t, font_size=FONT).move_to([k * gap, bottom - 0.55 * row, 0])
                             for row, t in enumerate(texts)))
                    for k, texts in ((-1, [r"x^{(0)}"]),
                                     (0, [r"z^{(1)} = \theta^{(1)} x^{(0)}",
                                          r"x^{(1)} = \sigma(z^{(1)})"]),
                                     (1, [r"z^{(2)} = \theta^{(2)} x^{(1)}",
                                          rf"x^{{(2)}} = {g_out}"]))]
        arrow = Line(x2.get_right(), x2.get_right() + 0.8 * RIGHT, color=th.foreground,
                     stroke_width=RIM).add_tip(tip_length=0.2, tip_width=0.2)
        legend = VGroup(*(VGroup(Line(ORIGIN, 0.6 * RIGHT, color=c, stroke_width=4),
                                 MathTex(t, font_size=FONT)).arrange(RIGHT, buff=0.15)
                          for c, t in ((th.positive, r"\theta > 0"), (th.negative, r"\theta < 0"))))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.1).next_to([gap, top, 0], UP, buff=0.0)
        x_values = VGroup(*(number(v, 1).move_to(c) for v, c in zip(run.x, x0)))
        pre1 = VGroup(*(number(v, 2).move_to(c) for v, c in zip(hidden.pre, x1)))
        post1 = VGroup(*(number(v, 2).move_to(c) for v, c in zip(hidden.post, x1)))
        pre2, post2 = (number(v[0], 2).move_to(x2) for v in (output.pre, output.post))
        f_out = VGroup(MathTex(r"f(x^{(0)}) =", font_size=FONT), number(output.post[0], 2))
        f_out.arrange(RIGHT, buff=0.2).next_to(arrow, RIGHT, buff=0.15)
        fit(VGroup(*bundles, x0, x1, x2, names, thetas, *captions, arrow, legend, x_values, pre1,
                   post1, pre2, post2, f_out), fw - 0.5, fh - 0.8).move_to(ORIGIN)
        self.play(FadeIn(VGroup(*bundles, x0, x1, x2, names, thetas, captions[0], arrow,
                                legend)))  # the opening picture
        self.hold(names, thetas, captions[0], legend)

        # 2. The input layer takes its values, cross-faded in place of the symbols
        self.next_section("input layer", "The input layer takes its values x⁽⁰⁾.")
        self.play(*map(FadeOut, names), *map(FadeIn, x_values),
                  x0.animate.set_stroke(th.highlight), run_time=p.seconds)
        self.hold(x_values)

        # 3. The hidden layer: weighted sums z⁽¹⁾, held, then the sigmoid of each
        self.next_section("hidden layer", "Each hidden unit forms its weighted sum, z⁽¹⁾ = "
                          "θ⁽¹⁾x⁽⁰⁾, then applies the sigmoid: x⁽¹⁾ = σ(z⁽¹⁾).")
        self.play(bundles[0].animate.set_opacity(1.0), x0.animate.set_stroke(th.foreground),
                  x1.animate.set_stroke(th.highlight), FadeIn(captions[1][0]), FadeIn(pre1),
                  run_time=p.seconds)
        self.hold(captions[1][0], pre1)
        self.play(FadeOut(pre1), FadeIn(post1), FadeIn(captions[1][1]), run_time=p.seconds)
        self.hold(captions[1][1], post1)

        # 4. The output layer
        self.next_section("output layer", "The output unit does the same with the hidden values: "
                          "z⁽²⁾ = θ⁽²⁾x⁽¹⁾, then its activation gives the network's output "
                          "f(x⁽⁰⁾).")
        self.play(bundles[1].animate.set_opacity(1.0), x1.animate.set_stroke(th.foreground),
                  x2.animate.set_stroke(th.highlight), FadeIn(captions[2][0]), FadeIn(pre2),
                  run_time=p.seconds)
        self.hold(captions[2][0], pre2)
        self.play(FadeOut(pre2), FadeIn(post2), FadeIn(captions[2][1]), run_time=p.seconds)
        self.hold(captions[2][1], post2)
        self.play(TransformFromCopy(post2, f_out[1]), FadeIn(f_out[0]), run_time=p.seconds)
        self.readouts.update(x=list(x_values), hidden_pre=list(pre1), hidden=list(post1),
                            output_pre=pre2, output=[post2, f_out[1]], edges=bundles)
        self.hold(f_out)

    def bump(self, bump):
        """A two-layer net as a nonlinear function: h·σ(k(x − a)) − h·σ(k(x − b))."""
        p, th = self.params, self.theme
        fw, fh = self.camera.frame_width, self.camera.frame_height
        xs = BUMP_X

        # 5. One input, two shifted sigmoids, output weights +h and −h
        self.next_section("two sigmoids", "Now one input x and two sigmoid units, σ(k(x − a)) and "
                          "σ(k(x − b)), with output weights +h and −h. Each unit's curve is drawn "
                          "in its colour.")
        k, h = f"{p.steepness:g}", "" if p.height == 1 else f"{p.height:g}\\,"
        rise_tex = rf"\sigma({k}({shifted('x', p.left)}))"
        fall_tex = rf"\sigma({k}({shifted('x', p.right)}))"
        formula = MathTex(r"f(x) =", h + rise_tex, "-", h + fall_tex, font_size=FONT)
        formula[1].set_color(th.positive)
        formula[3].set_color(th.negative)

        x_in = unit(0.45, th)
        units_ = column([unit(0.45, th), unit(0.45, th)], 2.0, 1.9)
        out = unit(0.5, th).move_to([3.9, 0, 0])
        x_name = MathTex("x", font_size=FONT).move_to(x_in)
        glyphs = VGroup(*(self.glyph(u, c) for u, c in zip(units_, (th.positive, th.negative))))
        sigma_out = MathTex(r"\Sigma", font_size=FONT).move_to(out)
        into = VGroup(*(edge(x_in, u, 0.45, 0.45, th.muted) for u in units_))
        outof = VGroup(*(edge(u, out, 0.45, 0.5, c)
                         for u, c in zip(units_, (th.positive, th.negative))))
        weights = VGroup(*(MathTex(t, font_size=FONT, color=c).move_to(e.point_from_proportion(0.5))
                           .shift(0.35 * d)
                           for t, c, e, d in ((f"+{p.height:g}", th.positive, outof[0], UP),
                                              (f"-{p.height:g}", th.negative, outof[1], DOWN))))
        arrow = Line(out.get_right(), out.get_right() + 0.7 * RIGHT, color=th.foreground,
                     stroke_width=RIM).add_tip(tip_length=0.2, tip_width=0.2)
        f_label = MathTex("f(x)", font_size=FONT, color=th.curve).next_to(arrow, RIGHT, buff=0.15)
        net = VGroup(into, outof, x_in, units_, out, x_name, glyphs, sigma_out, weights, arrow,
                     f_label)

        axes = Axes(x_range=[-3, 3, 1], y_range=[-1.2 * p.height, 1.2 * p.height, p.height],
                    x_length=0.48 * fw, y_length=0.6 * fh,
                    axis_config={"color": th.muted, "include_ticks": False, "stroke_width": 2},
                    tips=False)
        ticks = VGroup(*(VGroup(Line(axes.c2p(v, 0) + 0.1 * DOWN, axes.c2p(v, 0) + 0.1 * UP,
                                     color=th.muted, stroke_width=2),
                                MathTex(f"{v:g}", font_size=FONT).next_to(axes.c2p(v, 0), DOWN,
                                                                           buff=0.2))
                         for v in sorted({p.left, p.right})))
        x_label = MathTex("x", font_size=FONT).next_to(axes.x_axis.get_right(), UP, buff=0.15)
        curves = [self.trace(name, axes, np.column_stack([xs, ys]), c)
                  for name, ys, c in (("rise", bump.rise, th.positive),
                                      ("fall", bump.fall, th.negative),
                                      ("bump", bump.output, th.curve))]
        curves[2].set_stroke(width=6)
        plot = VGroup(axes, ticks, x_label, *curves)
        body = VGroup(net, plot).arrange(RIGHT, buff=0.6)
        page = VGroup(formula, body).arrange(DOWN, buff=0.5)
        fit(page, fw - 0.6, fh - 0.6).move_to(ORIGIN)

        # the forward pass cross-fades into the bump: the screen never goes blank
        self.play(*map(FadeOut, self.mobjects), FadeIn(formula), FadeIn(net), FadeIn(axes),
                  FadeIn(ticks), FadeIn(x_label), run_time=1.0)
        self.hold(formula, weights, ticks)
        for hidden_unit, curve in zip(units_, curves):
            self.play(hidden_unit.animate.set_stroke(th.highlight), run_time=0.4 * p.seconds)
            self.play(Create(curve), run_time=2 * p.seconds)
            self.play(hidden_unit.animate.set_stroke(th.foreground), run_time=0.4 * p.seconds)

        # 6. Their sum: a bump between a and b
        self.next_section("bump", "The output unit adds them into the bold curve f(x): a step of "
                          "+h near a and one of −h near b, so f stands away from 0 only around "
                          "and between a and b.")
        self.play(out.animate.set_stroke(th.highlight), curves[0].animate.set_stroke(opacity=0.35),
                  curves[1].animate.set_stroke(opacity=0.35), run_time=0.5 * p.seconds)
        self.play(Create(curves[2]), run_time=2.5 * p.seconds)

    def glyph(self, circle, color) -> VMobject:
        """A sigmoid's graph inside a hidden unit, from sim."""
        z = np.linspace(-6.0, 6.0, 61)
        g = response(z, "sigmoid")
        r = circle.width / 2
        points = np.column_stack([0.6 * r * z / 6.0, 0.8 * r * (g - 0.5), np.zeros_like(z)])
        line = VMobject(stroke_color=color, stroke_width=4)
        line.set_points_as_corners(points + circle.get_center())
        return line

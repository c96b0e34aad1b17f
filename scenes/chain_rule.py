"""The chain rule, backward along the graph: a prelude to backpropagation."""
from __future__ import annotations

import numpy as np
from manim import (DOWN, LEFT, RIGHT, UP, Arrow, DashedVMobject, FadeIn, FadeOut, Indicate, Line,
                   MathTex, RoundedRectangle, ShowPassingFlash, UpdateFromAlphaFunc, VGroup)

import theme
from assets.catalogue import SceneAsset
from assets.params import Param
from scenes._base import LectureScene, seedless
from scenes._numbers import Number
from sim.chain_rule import EDGES, chain_rule_example
from sim.chain_rule_formulas import (CHAIN_RULE, DEFINITIONS, LOCAL, SYMBOLS, derivative, given,
                                     printed)
from sim.graphs import Graph, crossing_edges, grid, label_anchor, layers

COLUMNS = (0.0, 5.2, 9.0)  # graph units: where the columns x, z and u stand
SPREAD = (3.2, 2.2, 0.0)  # distance between the nodes of each column
BOX = (2.3, 0.62)  # a node's box, which holds its forward value
TEXT = theme.SCENE_FONT  # on the graph (which is fitted to the frame at about full size)
SYMBOL = theme.SCENE_FONT_TITLE  # a node's symbol alone in its box, before its value comes
LABEL_GAP = 0.2  # between an edge and its label, graph units
CROSSING_AT = 0.25  # where along a crossing edge its label sits (0: source, 1: target)
INPUTS, MIDDLE, OUTPUT = ("x1", "x2"), ("z1", "z2"), "u"
SUBSCRIPTS = str.maketrans("12", "₁₂")  # a node's name in plain text: x1 → x₁


def rim(centre, toward, size) -> np.ndarray:
    """Where the segment from the centre of a box of ``size`` (width, height) toward a point
    leaves the box."""
    direction = np.asarray(toward, dtype=float) - centre
    reach = [half / abs(step) for half, step in zip(np.divide(size, 2), direction[:2]) if step]
    return centre + min(reach) * direction


class ChainRuleBackward(LectureScene):
    ASSET = SceneAsset(
        id="chain-rule-backward",
        title="The chain rule, backward along the graph",
        slide="review: the chain rule from multivariate calculus",
        caption="From ∂u/∂u = 1 at the output, each node's derivative is the sum over its outgoing "
                "edges of the next node's derivative times the edge's local derivative: one "
                "backward sweep gives the whole gradient, equal to brute force.",
        alt="The computation graph x1, x2 to z1, z2 to u. The forward values fill the nodes, then "
            "each edge shows its local derivative. Pulses run backward from u along the edges; "
            "at each node its derivative ∂u/∂node appears while, under the graph, the chain-rule "
            "step that gives it is written out, and at the end the gradient is compared with "
            "brute force.",
        params=(
            Param("x1", float, 2.0, (-3.0, 3.0), "x₁ of the sample point"),
            Param("x2", float, 1.0, (-3.0, 3.0), "x₂ of the sample point, in radians"),
            Param("decimals", int, 3, (1, 5), "decimals of every computed number shown"),
            Param("pause", float, 1.0, (0.2, 4.0),
                  "seconds to hold the graph after each forward step and after the local "
                  "derivatives (each formula is held for its reading time)"),
        ),
    )
    compute = seedless(lambda params: chain_rule_example([params.x1, params.x2]))

    def construct(self):
        p, th = self.params, self.theme
        example = self.compute(p, self.seed)
        self.readouts: dict[str, Number] = {}  # every number shown, by meaning: for tests
        self.formulas: dict[str, MathTex] = {}
        frame_w, frame_h = self.camera.frame_width, self.camera.frame_height

        # Everything is built at its final place first; the story reveals it step by step.
        problem = MathTex(rf"u = {DEFINITIONS['u']},\quad z_1 = {DEFINITIONS['z1']},\quad "
                          rf"z_2 = {DEFINITIONS['z2']}\quad\text{{at}}\quad x = "
                          rf"({given(p.x1, p.decimals)}, {given(p.x2, p.decimals)})",
                          font_size=theme.SCENE_FONT_TITLE)
        problem.scale(min(1.0, (frame_w - 1.0) / problem.width)).to_edge(UP, buff=0.3)
        self.formulas["problem"] = problem
        wide = frame_w / frame_h > 1.5
        graph, parts = self._graph(example, inputs_beside=wide)
        steps = self._derivation(example, joined=wide)
        for step in steps.values():
            step.scale(min(1.0, (frame_w - 0.8) / step.width))
        band = max(s.height for s in steps.values())  # the derivation's room under the graph
        room = frame_h - problem.height - band - 1.3
        graph.scale(min((frame_w - 0.6) / graph.width, room / graph.height))
        graph.next_to(problem, DOWN, buff=0.35)
        for step in steps.values():
            step.next_to(graph, DOWN, buff=0.35)

        # 1. The opening picture: the problem and its graph, who depends on whom
        self.next_section("problem", "u depends on z₁ and z₂, which depend on x₁ and x₂; the "
                          "graph's arrows show who depends on whom. We want the gradient of u "
                          "with respect to x at this x.")
        self.play(FadeIn(problem), *(FadeIn(parts["box"][n], parts["symbol"][n])
                                     for n in parts["box"]),
                  *(FadeIn(a) for a in parts["edge"].values()))
        self.hold(problem)

        # 2. Forward pass: each node's value, inputs first
        self.next_section("forward", "The forward pass: each node computes its value from the "
                          "nodes it depends on, first x₁ and x₂, then z₁ and z₂, then u.")
        for column in (INPUTS, MIDDLE, (OUTPUT,)):
            self.play(*(parts["symbol"][n].animate.scale(TEXT / SYMBOL)
                        .move_to(parts["value"][n][0][0]) for n in column),
                      *(self._reveal(parts["value"][n], drop_first=True) for n in column),
                      run_time=1.0)
            self.wait(p.pause)

        # 3. The local derivative on every edge
        self.next_section("local derivatives", "Each edge now carries its local derivative: how "
                          "the node it enters changes with the node it leaves. The dashed edge's "
                          "is 0, since z₂ does not depend on x₁.")
        self.play(*(FadeIn(parts["local"][e]) for e in EDGES), run_time=1.5)
        self.wait(p.pause)

        # 4. Backward: from ∂u/∂u = 1, along the edges, multiplying and adding; each step of
        # the derivation held until it is read
        self.next_section("backward from u", "The backward pass starts at the output, with "
                          "∂u/∂u = 1.")
        shown = steps[OUTPUT]
        self.play(Indicate(parts["box"][OUTPUT], color=th.highlight),
                  self._reveal(parts["adjoint"][OUTPUT]), FadeIn(shown), run_time=1.0)
        self.hold(shown)
        for node in (*MIDDLE, *INPUTS):
            name = node.translate(SUBSCRIPTS)
            self.next_section(f"backward to {node}", "Pulses run back along the edges that leave "
                              f"{name}: ∂u/∂{name} is the sum, over those edges, of the "
                              "derivative at the far end times the edge's local derivative.")
            self.play(FadeOut(shown), run_time=0.4)
            outgoing = [e for e in EDGES if e[0] == node]
            self.play(*(self._pulse(parts["box"][b], parts["box"][a]) for a, b in outgoing),
                      *(Indicate(parts["local"][e], color=th.highlight, scale_factor=1.1)
                        for e in outgoing),
                      FadeIn(steps[node]), run_time=1.5)
            self.play(self._reveal(parts["adjoint"][node]), run_time=1.0)
            shown = steps[node]
            self.hold(shown)

        # 5. The same gradient as brute force: the result, the closing picture
        self.next_section("brute force", "Substituting z₁ and z₂ into u and differentiating "
                          "directly gives the same gradient: one backward sweep computed all of "
                          "it.")
        self.play(FadeOut(shown), run_time=0.4)
        self.play(FadeIn(steps["brute"]),
                  *(Indicate(parts["adjoint"][n], color=th.highlight) for n in INPUTS),
                  run_time=1.0)
        self.hold(steps["brute"])

    def _reveal(self, readout: VGroup, drop_first: bool = False) -> UpdateFromAlphaFunc:
        """Fade a readout (label, DecimalNumber) in while its number counts up to its value.

        ``drop_first``: the label's first part is the node's symbol, which is already on screen."""
        label, number = readout
        value = number.get_value()  # built showing its final value, revealed once
        ghost = label[0] if drop_first else None

        def update(m, alpha):
            number.set_value(value * alpha if alpha < 1 else value)
            m.set_opacity(alpha)
            if ghost is not None:
                ghost.set_opacity(0)

        return UpdateFromAlphaFunc(readout, update, introducer=True)

    def _pulse(self, head, tail) -> ShowPassingFlash:
        """A pulse running backward along an edge, from the box it enters to the box it leaves."""
        size = (head.width, head.height)
        start = rim(head.get_center(), tail.get_center(), size)
        end = rim(tail.get_center(), head.get_center(), size)
        return ShowPassingFlash(Line(start, end, color=self.theme.highlight, stroke_width=10),
                                time_width=0.6)

    def _readout(self, symbol: str, value: float, colour, decimals: int, key: str) -> VGroup:
        """'symbol =' beside a DecimalNumber, recorded in ``self.readouts[key]``."""
        number = Number(value, num_decimal_places=decimals, font_size=TEXT, color=colour)
        readout = VGroup(MathTex(symbol, "=", font_size=TEXT, color=colour), number)
        readout.arrange(RIGHT, buff=0.12)
        self.readouts[key] = number
        return readout

    def _graph(self, example, inputs_beside: bool):
        """The graph and every label it will carry, at their final places; ``inputs_beside``
        puts the inputs' derivatives left of them (wide frames), else above and below."""
        th, d = self.theme, self.params.decimals
        values = {"x1": example.x[0], "x2": example.x[1], "z1": example.z1, "z2": example.z2,
                  "u": example.u}
        flat = grid(layers(Graph.from_edges(EDGES)), COLUMNS, SPREAD)
        crossings = crossing_edges(flat, EDGES)
        centres = {n: np.append(c, 0.0) for n, c in flat.items()}
        middle = np.mean(list(centres.values()), axis=0)
        parts = {k: {} for k in ("box", "symbol", "value", "edge", "local", "adjoint")}
        for a, b in EDGES:
            arrow = Arrow(rim(centres[a], centres[b], BOX), rim(centres[b], centres[a], BOX),
                          buff=0.05, stroke_width=3, max_tip_length_to_length_ratio=0.06,
                          color=th.foreground)
            if LOCAL[(a, b)] == "0":  # b does not depend on a at all: dashed, labelled 0
                arrow = DashedVMobject(arrow, num_dashes=30).set_color(th.muted)
            parts["edge"][(a, b)] = arrow
            parts["local"][(a, b)] = self._edge_label(a, b, centres, middle, (a, b) in crossings,
                                                      float(example.local[(a, b)]))
        for name, c in centres.items():
            parts["box"][name] = RoundedRectangle(width=BOX[0], height=BOX[1], corner_radius=0.15,
                                                  color=th.foreground, stroke_width=3).move_to(c)
            places = len(given(values[name], d).partition(".")[2]) if name in INPUTS else d
            parts["value"][name] = self._readout(SYMBOLS[name], float(values[name]),
                                                 th.foreground, places, f"value:{name}").move_to(c)
            parts["symbol"][name] = MathTex(SYMBOLS[name], font_size=SYMBOL).move_to(c)
            adjoint = self._readout(derivative("u", name, inline=True),
                                    float(example.adjoints[name]), th.gradient,
                                    0 if name == OUTPUT else d, f"adjoint:{name}")  # ∂u/∂u = 1
            if inputs_beside and name in INPUTS:
                parts["adjoint"][name] = adjoint.next_to(c, LEFT, buff=BOX[0] / 2 + 0.2)
            else:
                away = UP if c[1] > middle[1] else DOWN
                parts["adjoint"][name] = adjoint.next_to(c, away, buff=BOX[1] / 2 + 0.1)
        graph = VGroup(*(m for group in parts.values() for m in group.values()))
        return graph, parts

    def _edge_label(self, a, b, centres, middle, crossing: bool, value: float) -> VGroup:
        """The local derivative's formula over its value, upright beside the edge: on its outer
        side, or toward the middle and near the source for an edge that crosses another."""
        colour = self.theme.muted
        pa, pb = rim(centres[a], centres[b], BOX), rim(centres[b], centres[a], BOX)
        at, normal = (np.append(v, 0.0) for v in label_anchor(pa, pb, middle, crossing,
                                                               CROSSING_AT))
        if LOCAL[(a, b)] == "0":
            label = VGroup(MathTex("0", font_size=TEXT, color=colour))
            self.formulas[f"local:{a}->{b}"] = label[0]
        else:
            number = Number(value, num_decimal_places=self.params.decimals,
                                   font_size=TEXT, color=colour)
            self.readouts[f"local:{a}->{b}"] = number
            label = VGroup(MathTex(LOCAL[(a, b)], font_size=TEXT, color=colour),
                           VGroup(MathTex("=", font_size=TEXT, color=colour), number)
                           .arrange(RIGHT, buff=0.1)).arrange(DOWN, buff=0.1)
        # upright, clear of the edge: half the label's extent along the normal, plus the gap
        reach = (abs(normal[0]) * label.width + abs(normal[1]) * label.height) / 2
        return label.move_to(at + normal * (LABEL_GAP + reach))

    def _derivation(self, example, joined: bool) -> dict[str, MathTex]:
        """The chain-rule step that gives each node's derivative, then brute force beside it;
        ``joined`` puts the sum and its symbolic form on one line (wide frames)."""
        d = self.params.decimals
        adjoints, local = example.adjoints, example.local
        size = theme.SCENE_FONT
        steps = {OUTPUT: MathTex(rf"{derivative('u', 'u')} = 1", font_size=size)}
        for node in MIDDLE:
            steps[node] = MathTex(
                rf"{derivative('u', node)} = {derivative('u', 'u')}\cdot({LOCAL[(node, 'u')]})"
                rf" = 1 \cdot {printed(local[(node, 'u')], d)} = {printed(adjoints[node], d)}",
                font_size=size)
        for node in INPUTS:
            terms = " + ".join(rf"{derivative('u', z)}\,{derivative(z, node)}" for z in MIDDLE)
            numbers = " + ".join(
                rf"{printed(adjoints[z], d)} \cdot "
                + ("0" if LOCAL[(node, z)] == "0" else printed(local[(node, z)], d))
                for z in MIDDLE)
            bridge = " " if joined else r"\\ &"
            steps[node] = MathTex(
                rf"{derivative('u', node)} &= {terms}{bridge}= {CHAIN_RULE[node]}\\"
                rf" &= {numbers} = {printed(adjoints[node], d)}", font_size=size)
        chain, brute = (", ".join(printed(g, d) for g in grad)
                        for grad in (example.grad_chain, example.grad_brute))
        steps["brute"] = MathTex(rf"\text{{chain rule: }}\ \nabla_x u &= ({chain})\\"
                                 rf"\text{{brute force: }}\ \nabla_x u &= ({brute})",
                                 font_size=size, color=self.theme.gradient)
        self.formulas.update({f"step:{k}": v for k, v in steps.items()})
        return steps

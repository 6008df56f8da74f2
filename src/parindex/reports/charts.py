"""Charts for the official documents, drawn with matplotlib (Agg) from a published run.

``ranking_chart``: the index of every unit of a block (or of the run) in rank order,
coloured by class, with the average as a line, the axis from 0; for a block of many units
the distribution of the indices instead. ``field_profile_chart``: one unit's fields as a
percentage of their max, with the average of each field. ``class_distribution_chart``: how
many units reach each band of the index on 0–100, stacked by class. All at 200 dpi.

Labels are Vietnamese, numbers on the axes carry a decimal comma (83,05; 80%). The PNG
bytes are deterministic (no timestamp or software tag); the same results give the same
bytes. The field profile is drawn on one reused figure per run, updated in place, so a
scorecard for each of thousands of units costs one ``savefig`` each.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

import matplotlib
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from parindex.core import palette
from parindex.core.narrative import block_name, index_phrase
from parindex.core.numbers import format_count, format_vn
from parindex.core.published import PublishedRun, UnitEntry
from parindex.reports import fonts

if TYPE_CHECKING:
    from matplotlib.transforms import BboxBase
    from matplotlib.typing import RcKeyType  # matplotlib 3.9+; annotations only

FONTS = ["Liberation Serif", "Times New Roman"]
VIETNAMESE_PROBE = 0x1EA1  # ạ: in fonts with the Vietnamese letters
AVERAGE_COLOUR = palette.AVERAGE_LINE
DPI = 200
"""Every chart's resolution (Decree 30 documents print at 200 dpi or better)."""
PROFILE_COLOURS = 64
PNG_METADATA: dict[str, str | None] = {"Software": None}
MANY_UNITS = 60
"""Above this many units the ranking chart draws the distribution of the indices instead of a
bar per unit."""

_LOCK = threading.Lock()


def _covers_vietnamese(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        return VIETNAMESE_PROBE in FT2Font(path).get_charmap()
    except (OSError, RuntimeError):
        return False


def _font_family() -> list[str]:
    """Liberation Serif (or Times New Roman), then DejaVu Serif for any glyph they lack.

    Debian may carry two files named Liberation Serif: fonts-liberation 1.07 without the
    Vietnamese letters (ạ, ở, ữ …) and fonts-liberation2 with them; the one that has them
    is moved first, so matplotlib picks it.
    """
    manager = font_manager.fontManager
    shipped = {f.fname for f in manager.ttflist}
    for style in fonts.STYLES:  # the package's own Liberation Serif 2, on any machine
        path = str(fonts.liberation_serif(style))
        if path not in shipped:
            manager.addfont(path)
    manager.ttflist.sort(
        key=lambda f: 1 if f.name in FONTS and not _covers_vietnamese(f.fname) else 0
    )
    # a private lru_cache of FontManager (not in matplotlib's stubs): the order just changed
    findfont_cached = getattr(manager, "_findfont_cached", None)
    cache_clear = getattr(findfont_cached, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()
    available = {f.name for f in manager.ttflist}
    return [name for name in FONTS if name in available] + ["DejaVu Serif"]


_FAMILY: list[str] | None = None


def _rc() -> dict[RcKeyType, Any]:
    global _FAMILY
    if _FAMILY is None:
        _FAMILY = _font_family()
    return {
        "font.family": "serif",
        "font.serif": _FAMILY,
        "font.size": 10,
        "axes.titlesize": 11,
        "svg.hashsalt": "parindex",
        "path.simplify": True,
    }


def vn_number(value: float, places: int = 2) -> str:
    """An axis label with a decimal comma: 83,05; 80; 12,5."""
    return format_vn(Decimal(repr(float(value))), places=places)


def index_label(value: float) -> str:
    """An index as published, two decimals: 87,10."""
    return format_vn(Decimal(repr(float(value))), places=2, strip=False)


_NUMBER = FuncFormatter(lambda v, _pos: vn_number(v))
_PERCENT = FuncFormatter(lambda v, _pos: vn_number(v) + "%")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata=PNG_METADATA)
    return buffer.getvalue()


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def class_colours(results: PublishedRun) -> dict[str, str]:
    """Each class label of the run with its colour (``core.palette``), highest class first."""
    return palette.class_colours(results.class_labels())


def _unit_name(unit: UnitEntry) -> str:
    name = unit.display_name
    return name[:1].upper() + name[1:]


def _legend_handles(fig: Figure, colours: Mapping[str, str], used: Sequence[str]) -> list[Artist]:
    from matplotlib.patches import Patch

    return [Patch(facecolor=colours[label], label=label) for label in colours if label in used]


def _block_spans(results: PublishedRun, units: Sequence[UnitEntry]) -> list[tuple[float, int, int]]:
    """(average, first position, last position) of each block's run of units: a blocked
    run's chart draws each block's average over its own bars, none across blocks."""
    spans = []
    for block in results.blocks:
        positions = [i for i, u in enumerate(units) if u.block == block.label]
        if positions:
            spans.append((float(block.average), positions[0], positions[-1]))
    return spans


def _chart_units(results: PublishedRun, block: str | None) -> list[UnitEntry]:
    """The units a chart draws: those of ``block`` (when given), in rank order."""
    units = results.in_rank_order()
    return units if block is None else [u for u in units if u.block == block]


def _chart_average(results: PublishedRun, block: str | None) -> float | None:
    """The average a chart marks: the block's, the run's when not ranked in blocks, else none
    (no average across blocks)."""
    if block is not None:
        group = next((b for b in results.blocks if b.label == block), None)
        return None if group is None else _num(group.average)
    return None if results.blocked else _num(results.average)


def _chart_title(results: PublishedRun, block: str | None, what: str) -> str:
    where = f" ({block_name(block)})" if block is not None and results.blocked else ""
    return f"{what} năm {results.period}{where}"


def ranking_chart(results: PublishedRun, block: str | None = None, *, titled: bool = True) -> bytes:
    """``ranking_figure`` as PNG at 200 dpi."""
    with matplotlib.rc_context(_rc()):
        return _png(ranking_figure(results, block, titled=titled))


def ranking_figure(
    results: PublishedRun, block: str | None = None, *, titled: bool = True
) -> Figure:
    """The units' indices in rank order, bars coloured by class, the average as a line, the
    value axis from 0.

    ``block``: only that block's units, against its average; None: every unit, block by
    block when ranked in blocks (each block's average over its bars). Above ``MANY_UNITS``
    units a bar each says nothing: the chart is then the distribution of the indices on
    0–100 (``class_distribution_chart``). ``titled=False`` leaves the title to the document.
    """
    units = _chart_units(results, block)
    if len(units) > MANY_UNITS:
        return class_distribution_figure(results, block, titled=titled, width=5)
    colours = class_colours(results)
    average = _chart_average(results, block)
    spans = _block_spans(results, units) if results.blocked and block is None else []
    indices = [float(u.index) for u in units]
    labels = [u.class_label for u in units]
    with matplotlib.rc_context(_rc()):
        height = max(2.4, 0.6 + 0.28 * len(units))
        fig = Figure(figsize=(7.0, height))
        ax = fig.add_subplot()
        positions = list(range(len(units)))
        ax.barh(positions, indices, color=[colours[c] for c in labels], height=0.7)
        ax.set_yticks(positions, [f"{format_count(u.rank)}. {_unit_name(u)}" for u in units])
        ax.invert_yaxis()
        for y, value in zip(positions, indices, strict=True):
            ax.text(value + 0.5, y, index_label(value), va="center", fontsize=8)
        if average is not None:
            ax.axvline(average, color=AVERAGE_COLOUR, linestyle="--", linewidth=1.2)
        for value, first, last in spans:
            ax.vlines(value, first - 0.45, last + 0.45, color=AVERAGE_COLOUR, linestyle="--")
        ax.xaxis.set_major_formatter(_NUMBER)
        ax.set_xlim(0, 108)
        ax.set_xlabel("Chỉ số CCHC (điểm)")
        handles = _legend_handles(fig, colours, labels)
        if average is not None or spans:
            from matplotlib.lines import Line2D

            handles.append(
                Line2D(
                    [],
                    [],
                    color=AVERAGE_COLOUR,
                    linestyle="--",
                    label=f"Bình quân: {index_label(average)}"
                    if average is not None
                    else "Bình quân của từng khối",
                )
            )
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False
        )
        if titled:
            name = results.framework.index_name
            ax.set_title(_chart_title(results, block, name) + " và xếp loại")
        fig.tight_layout()
        return fig


def average_label(results: PublishedRun, block: str | None) -> str:
    """What the field averages a unit is drawn against are: its block's, or every unit's."""
    return f"Bình quân của {block_name(block)}" if results.blocked else "Bình quân của các đơn vị"


def field_averages(results: PublishedRun, block: str | None = None) -> dict[str, float]:
    """Each field's mean percentage over the units where it applies: the units of ``block``
    when the run is ranked in blocks (a unit is compared with its block, never across
    blocks), else every unit."""
    sums: dict[str, float] = {}
    counts: dict[str, int] = {}
    units = [u for u in results.units if u.block == block] if results.blocked else results.units
    for unit in units:
        for f in unit.fields:
            if f.percent is None:
                continue
            sums[f.code] = sums.get(f.code, 0.0) + float(f.percent)
            counts[f.code] = counts.get(f.code, 0) + 1
    return {code: sums[code] / counts[code] for code in sums}


class _AggCanvas(Protocol):
    """What FieldProfile uses of matplotlib's FigureCanvasAgg, whose module has no types.

    A saved region is matplotlib's opaque BufferRegion: only handed back to restore_region.
    """

    def draw(self) -> None: ...

    def copy_from_bbox(self, bbox: BboxBase) -> object: ...

    def restore_region(self, region: object) -> None: ...

    def buffer_rgba(self) -> memoryview: ...

    def get_width_height(self, *, physical: bool = False) -> tuple[int, int]: ...


def _agg_canvas(fig: Figure) -> _AggCanvas:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    return FigureCanvasAgg(fig)


class FieldProfile:
    """The field profile chart of one run: one figure for every unit, blitted.

    The axes, ticks, labels and the averages are drawn once into a background; each unit
    then restores it and draws only its bars, their labels and the title, which is what
    makes a chart for each of thousands of units cheap.
    """

    def __init__(
        self, results: PublishedRun, block: str | None = None, titled: bool = True
    ) -> None:
        self.results = results
        self.titled = titled
        self.codes = [f.code for f in results.framework.fields]
        averages = field_averages(results, block)
        self.rc = _rc()
        with matplotlib.rc_context(self.rc):
            self.fig = Figure(figsize=(7.0, 3.4), dpi=DPI)
            self.canvas = _agg_canvas(self.fig)
            ax = self.fig.add_subplot()
            positions = list(range(len(self.codes)))
            self.bars = list(
                ax.bar(positions, [0.0] * len(self.codes), width=0.6, color=palette.FIELD_BAR)
            )
            self.values = [
                ax.text(x, 0, "", ha="center", va="bottom", fontsize=8) for x in positions
            ]
            (self.average_line,) = ax.plot(
                positions,
                [averages.get(code, float("nan")) for code in self.codes],
                color=AVERAGE_COLOUR,
                marker="D",
                markersize=4,
                linestyle="--",
                linewidth=1,
                label=average_label(results, block),
            )
            ax.set_xticks(positions, [f"LV {code}" for code in self.codes])
            ax.set_ylim(0, 112)
            ax.yaxis.set_major_formatter(_PERCENT)
            ax.set_ylabel("Tỷ lệ đạt so với điểm tối đa")
            self.legend = ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
            # room for the longest title (none when the document prints it)
            self.title = ax.set_title(
                "Kết quả theo lĩnh vực của Ủy ban nhân dân năm 2022" if titled else ""
            )
            self.fig.tight_layout()
            self.title.set_text("")
            self.canvas.draw()
            self.background = self.canvas.copy_from_bbox(self.fig.bbox)
            self.ax = ax

    def render(self, unit_code: str) -> bytes:
        from PIL import Image

        unit = self.results.unit(str(unit_code))
        with _LOCK, matplotlib.rc_context(self.rc):
            for bar, text, code in zip(self.bars, self.values, self.codes, strict=True):
                field = unit.field(code)
                value = _num(field.percent) if field is not None else None
                bar.set_height(value or 0.0)
                weak = field is not None and field.weak
                bar.set_color(palette.WEAK_BAR if weak else palette.FIELD_BAR)
                text.set_y(value or 0.0)
                text.set_text("KĐG" if value is None else vn_number(value) + "%")
            if self.titled:
                self.title.set_text(
                    f"Kết quả theo lĩnh vực của {unit.display_name} năm {self.results.period}"
                )
            self.canvas.restore_region(self.background)
            for artist in [*self.bars, *self.values, self.average_line, self.legend]:
                self.ax.draw_artist(artist)
            for spine in self.ax.spines.values():
                self.ax.draw_artist(spine)
            self.ax.draw_artist(self.title)
            pixels = self.canvas.buffer_rgba()
            # the size the Agg renderer's buffer was made with (FigureCanvasAgg.get_renderer)
            size = self.canvas.get_width_height(physical=True)
            image = Image.frombuffer("RGBA", size, bytes(pixels)).convert("RGB")
        buffer = io.BytesIO()
        # a palette of 64 colours: the chart has a handful, and its text's edges need no more;
        # half the bytes of RGB and faster to encode at 200 dpi
        palette_image = image.quantize(PROFILE_COLOURS, method=Image.Quantize.FASTOCTREE)
        palette_image.save(buffer, format="PNG", compress_level=1, dpi=(DPI, DPI))
        return buffer.getvalue()


_PROFILES: tuple[PublishedRun | None, dict[tuple[str | None, bool], FieldProfile]] = (None, {})


def field_profile_chart(results: PublishedRun, unit_code: str, *, titled: bool = True) -> bytes:
    """One unit's fields as % of their max (weak fields red), with the averages of its block
    (of the run when not ranked in blocks); ``titled=False`` leaves the title to the
    document."""
    global _PROFILES
    if _PROFILES[0] is not results:
        _PROFILES = (results, {})
    block = results.unit(str(unit_code)).block if results.blocked else None
    profiles = _PROFILES[1]
    if (block, titled) not in profiles:
        profiles[block, titled] = FieldProfile(results, block, titled)
    return profiles[block, titled].render(unit_code)


def class_distribution_chart(
    results: PublishedRun, block: str | None = None, *, titled: bool = True
) -> bytes:
    """``class_distribution_figure`` as PNG at 200 dpi."""
    with matplotlib.rc_context(_rc()):
        return _png(class_distribution_figure(results, block, titled=titled))


def class_distribution_figure(
    results: PublishedRun, block: str | None = None, *, titled: bool = True, width: int = 2
) -> Figure:
    """How many units reach each band of the index (``width`` points wide, on 0–100), stacked
    by class; ``block``: only that block's units, against its average."""
    colours = class_colours(results)
    units = _chart_units(results, block)
    indices = [(float(u.index), u.class_label) for u in units]
    edges = list(range(0, 100 + width, width))
    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(7.0, 3.4))
        ax = fig.add_subplot()
        series = [[v for v, c in indices if c == label] for label in colours]
        used = [label for label, values in zip(colours, series, strict=True) if values]
        data = [values for values in series if values]
        if data:
            ax.hist(
                data,
                bins=edges,
                stacked=True,
                color=[colours[label] for label in used],
                label=[
                    f"{label} ({format_count(len(values))})"
                    for label, values in zip(used, data, strict=True)
                ],
                edgecolor="white",
                linewidth=0.5,
            )
        average = _chart_average(results, block)
        if average is not None:
            ax.axvline(
                average,
                color=AVERAGE_COLOUR,
                linestyle="--",
                linewidth=1.2,
                label=f"Bình quân: {index_label(average)}",
            )
        ax.set_xlim(0, 100)
        ax.xaxis.set_major_formatter(_NUMBER)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: vn_number(v, 0)))
        ax.set_xlabel("Chỉ số CCHC (điểm)")
        ax.set_ylabel("Số đơn vị")
        if titled:
            phrase = f"Phân bố {index_phrase(results.framework.index_name)}"
            ax.set_title(_chart_title(results, block, phrase) + " theo xếp loại")
        ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
        fig.tight_layout()
        return fig

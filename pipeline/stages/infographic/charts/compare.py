"""`compare`: taking social insurance in one go vs. keeping it for a monthly pension plus
health insurance over N years, computed by `..compare` from the spec's inputs."""
from __future__ import annotations

from .. import compare as arithmetic
from ..formats import Formats
from ..frame import fit
from ..spec import InfographicSpec
from .base import Canvas, Rect, Story, plot_rect, style_axes


def money_tick(fmt: Formats, vnd: float, top: float) -> str:
    """Tick labels in one unit for the whole axis: "200 triệu", "1 tỷ"."""
    if abs(vnd) < 1:
        return "0"
    divisor, vi, en = (1e9, "tỷ", "billion") if top >= 2e9 else (1e6, "triệu", "million")
    return f"{fmt.number(vnd / divisor, 1)} {vi if fmt.lang == 'vi' else en}"


def result(spec: InfographicSpec) -> arithmetic.Comparison:
    assert spec.compare is not None
    return arithmetic.compare(spec.compare)


def assumptions(spec: InfographicSpec, fmt: Formats) -> str:
    inputs = spec.compare
    assert inputs is not None
    salary = fmt.money(inputs.average_salary_vnd)
    if fmt.lang == "vi":
        sex = "nam" if inputs.sex == "male" else "nữ"
        return (f"Giả định: lao động {sex}, {inputs.contribution_years} năm đóng BHXH, "
                f"lương bình quân {salary}/tháng, nghỉ hưu ở tuổi {inputs.retirement_age}, "
                f"nhận lương hưu {inputs.pension_years} năm. Chưa tính điều chỉnh lương hưu.")
    return (f"Assumptions: a {inputs.sex} worker, {inputs.contribution_years} contribution "
            f"years, average salary {salary}/month, retiring at {inputs.retirement_age}, "
            f"drawing the pension for {inputs.pension_years} years. No pension indexation.")


def story(spec: InfographicSpec, fmt: Formats) -> Story:
    c = result(spec)
    inputs = spec.compare
    assert inputs is not None
    ratio = fmt.number(c.ratio, 1)
    n = inputs.pension_years
    if fmt.lang == "vi":
        key_value = f"gấp {ratio} lần"
        key_text = (f"tổng lương hưu và BHYT trong {n} năm so với nhận BHXH một lần "
                    f"({fmt.money(c.one_time_vnd)})")
        description = (
            f"So sánh hai lựa chọn. {assumptions(spec, fmt)} Nhận BHXH một lần: "
            f"{fmt.money(c.one_time_vnd)}. Chờ hưởng lương hưu: {c.pension_rate_percent} % "
            f"lương bình quân, tức {fmt.money(c.monthly_pension_vnd)}/tháng, kèm thẻ BHYT "
            f"do quỹ BHXH đóng ({fmt.money(c.health_insurance_monthly_vnd)}/tháng); trong "
            f"{n} năm tổng cộng {fmt.money(c.total_vnd)}, gấp {ratio} lần. Sau "
            f"{fmt.years_months(c.break_even_months)} nhận lương hưu đã bằng khoản nhận "
            "một lần.")
    else:
        key_value = f"{ratio}×"
        key_text = (f"pension and health insurance over {n} years against a one-time "
                    f"withdrawal ({fmt.money(c.one_time_vnd)})")
        description = (
            f"Two options compared. {assumptions(spec, fmt)} One-time withdrawal: "
            f"{fmt.money(c.one_time_vnd)}. Waiting for the pension: "
            f"{c.pension_rate_percent}% of the average salary, "
            f"{fmt.money(c.monthly_pension_vnd)} a month, with health insurance paid by "
            f"the fund ({fmt.money(c.health_insurance_monthly_vnd)} a month); over {n} "
            f"years {fmt.money(c.total_vnd)} in all, {ratio} times as much. After "
            f"{fmt.years_months(c.break_even_months)} the pension has matched the "
            "one-time sum.")
    facts = {"one_time_vnd": c.one_time_vnd, "monthly_pension_vnd": c.monthly_pension_vnd,
             "pension_rate_percent": c.pension_rate_percent,
             "health_insurance_monthly_vnd": c.health_insurance_monthly_vnd,
             "total_vnd": c.total_vnd, "break_even_months": c.break_even_months}
    return Story(key_value, key_text, description, facts)


CARD_LINES = {
    "vi": (("Trả một lần, rồi hết", "Không có lương hưu hằng tháng",
            "Không có thẻ BHYT do quỹ BHXH đóng"),
           ("{rate} lương bình quân, hằng tháng, suốt đời",
            "Thẻ BHYT do quỹ BHXH đóng: {health}/tháng",
            "{years} năm: {total}")),
    "en": (("Paid once, then nothing", "No monthly pension",
            "No health insurance paid by the fund"),
           ("{rate} of the average salary, every month, for life",
            "Health insurance paid by the fund: {health}/month",
            "{years} years: {total}")),
}
PER_MONTH = {"vi": "/tháng", "en": "/month"}
TITLES = {"vi": ("Nhận BHXH một lần", "Chờ hưởng lương hưu"),
          "en": ("One-time withdrawal", "Wait for the pension")}


def draw(canvas: Canvas, spec: InfographicSpec) -> None:
    """Two cards side by side, a bar strip to scale beneath them, the assumptions last."""
    palette, fonts, fmt, u = canvas.palette, canvas.fonts, canvas.fmt, canvas.unit
    c = result(spec)
    inputs = spec.compare
    assert inputs is not None
    box = canvas.rect
    note_prop, note_lines = fit(assumptions(spec, fmt), fonts.text, 2.2 * u, box.width, 3)
    note_h = len(note_lines) * 2.2 * u * 1.2 + 1.5 * u
    canvas.drawer.lines(box.x0, box.y0 + note_h - 0.8 * u, note_lines, note_prop,
                        palette.muted)
    strip_h = min(26 * u, box.height * 0.34)
    _strip(canvas, c, Rect(box.x0, box.y0 + note_h + 1.5 * u, box.x1,
                           box.y0 + note_h + strip_h))
    gap = 3 * u
    half = (box.width - gap) / 2
    top = box.y0 + note_h + strip_h + 3 * u
    plain, kept = CARD_LINES[fmt.lang]
    values = {"rate": fmt.percent(c.pension_rate_percent, 0),
              "health": fmt.money(c.health_insurance_monthly_vnd),
              "years": inputs.pension_years, "total": fmt.money(c.total_vnd, 1)}
    title_left, title_right = TITLES[fmt.lang]
    cards = ((title_left, fmt.money(c.one_time_vnd, 1), plain),
             (title_right, fmt.money(c.monthly_pension_vnd) + PER_MONTH[fmt.lang],
              tuple(line.format(**values) for line in kept)))
    # The cards' words shrink together until both fit the height left to them.
    scale = 1.0
    while True:
        laid = [_card_layout(canvas, half, *card, scale) for card in cards]
        if max(height for _, height in laid) <= box.y1 - top or scale < 0.5:
            break
        scale *= 0.9
    colours = ((palette.soft, palette.ink, palette.ink),
               (palette.brand, palette.on_brand, palette.accent))
    for k, ((blocks, _), (fill, ink, figure_ink)) in enumerate(zip(laid, colours)):
        x0 = box.x0 + k * (half + gap)
        rect = Rect(x0, top, x0 + half, box.y1)
        canvas.drawer.box(rect, fill)
        y = rect.y1 - CARD_PAD * u
        for lines, prop, role, after in blocks:
            colour = figure_ink if role == "figure" else ink
            y = canvas.drawer.lines(x0 + CARD_PAD * u, y, lines, prop, colour,
                                    leading=1.05 if role == "figure" else 1.18) - after


CARD_PAD = 2.6


def _card_layout(canvas: Canvas, width: float, title: str, figure: str,
                 lines: tuple[str, ...], scale: float):
    """([(lines, prop, role, space after)], height) of one card's words at `scale`."""
    from ..frame import text_block_height

    u, fonts = canvas.unit, canvas.fonts
    inner = width - 2 * CARD_PAD * u
    blocks = []
    prop, wrapped = fit(title, fonts.display, 3.0 * u * scale, inner, 2)
    blocks.append((wrapped, prop, "title", 0.8 * u * scale))
    prop, wrapped = fit(figure, fonts.display, 5.2 * u * scale, inner, 2)
    blocks.append((wrapped, prop, "figure", 1.0 * u * scale))
    for line in lines:
        prop, wrapped = fit(line, fonts.text, 2.4 * u * scale, inner, 3)
        blocks.append((wrapped, prop, "line", 0.6 * u * scale))
    height = 2 * CARD_PAD * u + sum(
        text_block_height(len(w), p.get_size_in_points(), 1.05 if role == "figure" else 1.18)
        + after for w, p, role, after in blocks)
    return blocks, height


def _strip(canvas: Canvas, c: arithmetic.Comparison, rect: Rect) -> None:
    """The two totals as horizontal bars on one money axis."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    palette, fonts, fmt, u = canvas.palette, canvas.fonts, canvas.fmt, canvas.unit
    ax = canvas.axes(plot_rect(canvas, rect))
    style_axes(ax, canvas, grid="x")
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", left=False, labelleft=False)
    top = c.total_vnd
    ax.barh([1], [c.one_time_vnd], height=0.42, color=palette.soft, linewidth=0)
    ax.barh([0], [c.pension_total_vnd], height=0.42, color=palette.brand, linewidth=0)
    ax.barh([0], [c.health_insurance_total_vnd], left=[c.pension_total_vnd], height=0.42,
            color=palette.accent, linewidth=0)
    ax.set_xlim(0, top * 1.02)
    ax.set_ylim(-0.4, 1.75)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: money_tick(fmt, v, top)))
    title_left, _ = TITLES[fmt.lang]
    total_words = ("Lương hưu + BHYT" if fmt.lang == "vi" else "Pension + health insurance")
    size = min(2.5 * u, rect.height * 0.12)     # a label fits between the two bars
    for y, name, amount, colour in ((1, title_left, c.one_time_vnd, palette.ink),
                                    (0, total_words, c.total_vnd, palette.brand)):
        ax.text(0, y + 0.27, f"{name}: {fmt.money(amount, 1)}", ha="left", va="bottom",
                color=colour, fontproperties=fonts.display(size))

"""The alt text: what the infographic shows, with its numbers, for portals and screen
readers. Built from the same Story the chart draws, so words and picture agree."""
from __future__ import annotations

from .charts.base import Story

KIND = {
    "vi": {"bars": "Infographic biểu đồ cột", "line": "Infographic biểu đồ đường",
           "donut": "Infographic biểu đồ vành khuyên", "big-number": "Infographic con số",
           "pictogram": "Infographic biểu đồ hình người", "compare": "Infographic so sánh"},
    "en": {"bars": "Bar chart infographic", "line": "Line chart infographic",
           "donut": "Donut chart infographic", "big-number": "Key figure infographic",
           "pictogram": "Pictogram infographic", "compare": "Comparison infographic"},
}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def alt_text(chart: str, lang: str, headline: str, subtitle: str, story: Story,
             source: str, organization: str, hotline: str) -> str:
    """One paragraph: kind and headline, subtitle, the description, source, who to call."""
    call = (f"{organization}, đường dây nóng {hotline}" if lang == "vi"
            else f"{organization}, hotline {hotline}")
    parts = [f"{KIND[lang][chart]}: {headline}", subtitle, story.description, source, call]
    return " ".join(_sentence(" ".join(p.split())) for p in parts if p)

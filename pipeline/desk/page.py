"""What the page shows, as its templates are given it: a province's assets in sections,
the request panel (form, history, takes) and the campaign team's overview. The panel is
here, not in a router, because both the request form and the takes upload swap it in."""
from __future__ import annotations

from .assets import KIND_ORDER, grouped_by_job
from .cards import Card, card_of
from .context import Desk, Viewer
from .takes import expected_takes
from .words import slogans

KIND_LABELS = {"banner": "Băng rôn, cờ phướn, pano, áp phích", "infographic": "Infographic",
               "leaflet": "Tờ rơi, tờ gấp", "clip": "Video", "radio": "Phát thanh"}


def _sections(desk: Desk, viewer: Viewer) -> list[tuple[str, str, list[Card]]]:
    assets = [a for a in desk.viewer_assets(viewer) if not a.url.startswith("/requests/")]
    sections = []
    for kind in KIND_ORDER:
        of_kind = [a for a in assets if a.entry.kind == kind]
        if of_kind:
            cards = [card_of(job, files) for job, files in grouped_by_job(of_kind)]
            sections.append((kind, KIND_LABELS.get(kind, kind), cards))
    return sections


def province_context(desk: Desk, viewer: Viewer, errors=None, values=None) -> dict:
    province = desk.specs.provinces.get(viewer.province)
    return {"viewer": viewer, "province": province, "sections": _sections(desk, viewer),
            **panel_context(desk, viewer, errors, values)}


def panel_context(desk: Desk, viewer: Viewer, errors=None, values=None) -> dict:
    rows = desk.state.requests(viewer.province)
    history = [(row, [card_of(job, files) for job, files
                      in grouped_by_job(desk.request_assets(row))]) for row in rows]
    province = desk.specs.provinces.get(viewer.province)
    defaults = {"office": province.office_name if province else "",
                "phone": province.phone if province else "",
                "address": province.address if province else "", "sizes": ""}
    return {"viewer": viewer, "products": _products(desk), "history": history,
            "errors": errors or {}, "values": values or defaults,
            "uploads": desk.state.uploads(viewer.province), **_spots(desk, viewer),
            "catalogue_sizes": sorted({s for p in desk.specs.products for s in p.sizes})}


def _spots(desk: Desk, viewer: Viewer) -> dict:
    """The radio spots, the announcer's script of each, and the takes it asks for."""
    spots = [p.id for p in desk.specs.products if p.kind == "radio"]
    scripts = {a.entry.product: a.url for a in desk.catalogue.for_province(viewer.province)
               if a.entry.kind == "radio" and a.entry.role == "script-pdf"
               and a.entry.province == viewer.province}
    names = {}
    if viewer.province in desk.specs.provinces:
        names = {spot: sorted(expected_takes(desk.specs, spot, viewer.province))
                 for spot in spots}
    return {"spots": spots, "scripts": scripts, "take_names": names}


def _products(desk: Desk) -> list[tuple[str, str]]:
    said = slogans(desk.specs)
    return [(p.id, f"{KIND_LABELS.get(p.kind, p.kind).split(',')[0]}: "
                   f"{said.get((p.id, 'vi'), p.id)}") for p in desk.specs.products]


def admin_context(desk: Desk) -> dict:
    return {"rows": desk.state.requests(None), "uploads": desk.state.uploads(None),
            "audit": desk.state.audit_log(), "provinces": desk.specs.provinces}

"""A leaflet job -> its `LeafletRequest`: the spec, the brand's colours and fonts, the
province's contact lines and the PDF's metadata."""
from __future__ import annotations


def request_for(job):
    """The renderer's request for one job: pure, so tests can build one without files."""
    from ...media.fonts import resolve_font
    from ...text.segment import LEXICON_FILES
    from .pdf import Meta
    from .pieces import contact_lines
    from .render import LeafletRequest

    campaign, spec = job.campaign, job.product.body
    organization = campaign.organization["vi"]
    subject = campaign.title["vi"]
    if job.province is not None:
        subject += f" - {job.province.office_name}"
    display = resolve_font(campaign.brand.fonts.display).path
    text = resolve_font(campaign.brand.fonts.text).path
    return LeafletRequest(
        spec=spec, size_name=job.size_name, colors=campaign.brand.colors,
        print_colors=campaign.brand.print_colors, display_font=display, text_font=text,
        contact=contact_lines(campaign, job.province),
        meta=Meta(spec.title, organization, subject, campaign.window_start,
                  (campaign.theme["vi"], "tờ rơi", job.province_slug)),
        where=f"{job.product.source.file}:", province=job.province_slug,
        # the word lists decide where lines break: editing them rebuilds what they set
        inputs=(display, text, *spec.files(), *(p for p in LEXICON_FILES if p.is_file())))

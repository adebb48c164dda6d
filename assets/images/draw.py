"""Draws the placeholder photograph (gia-dinh.jpg) the templates' image-photo slots use
until a province sends its own: an illustration, not a photo, made for this project and
released under CC0 like the logo (LICENSE.md beside them).

    .venv/bin/python assets/images/draw.py
"""
from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).resolve().parent
K = 1.25                 # drawn on a 4000 x 2400 grid, saved at 5000 x 3000 px
W, H = round(4000 * K), round(2400 * K)


def person(draw, x, ground, height, body, head):
    """A figure as a rounded body under a round head, standing on `ground`."""
    r = height * 0.13
    draw.ellipse((x - r, ground - height, x + r, ground - height + 2 * r), fill=head)
    width = height * 0.36
    draw.rounded_rectangle((x - width / 2, ground - height + 2.2 * r, x + width / 2, ground),
                           radius=width * 0.45, fill=body)


def main() -> None:
    sky = Image.new("RGB", (W, H))
    px = sky.load()
    for y in range(H):
        t = y / H
        row = (round(255 - 40 * t), round(214 - 60 * t), round(150 - 40 * t))
        for x in range(W):
            px[x, y] = row
    draw = ImageDraw.Draw(sky)
    draw.ellipse((3625, 312, 4375, 1062), fill=(255, 236, 170))
    glow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(glow).ellipse((3375, 62, 4625, 1312), fill=90)
    sky.paste((255, 240, 200), (0, 0), glow.filter(ImageFilter.GaussianBlur(150)))
    draw.polygon([(0, 2125), (1500, 1812), (3250, 2000), (5000, 1750), (5000, H), (0, H)],
                 fill=(111, 166, 92))
    draw.polygon([(0, 2375), (2250, 2188), (5000, 2312), (5000, H), (0, H)], fill=(86, 140, 70))
    # The house: walls, a red roof, a door and two windows.
    draw.rectangle((875, 1312, 2375, 2250), fill=(250, 240, 222))
    draw.polygon([(700, 1350), (1625, 700), (2550, 1350)], fill=(200, 16, 46))
    draw.rectangle((1475, 1725, 1775, 2250), fill=(122, 10, 28))
    for x0 in (1025, 1950):
        draw.rectangle((x0, 1500, x0 + 300, 1750), fill=(255, 212, 0))
        draw.line((x0 + 150, 1500, x0 + 150, 1750), fill=(250, 240, 222), width=18)
    # The family in front: grandparent, parents, two children.
    ground = 2688
    person(draw, 2875, ground, 1125, (122, 10, 28), (94, 58, 40))
    person(draw, 3438, ground, 1250, (200, 16, 46), (84, 52, 36))
    person(draw, 3938, ground, 1162, (255, 212, 0), (94, 58, 40))
    person(draw, 3162, ground, 700, (255, 255, 255), (100, 64, 44))
    person(draw, 3688, ground, 750, (60, 110, 160), (100, 64, 44))
    sky.save(HERE / "gia-dinh.jpg", "JPEG", quality=86, optimize=True, progressive=False)
    print("drew gia-dinh.jpg", sky.size)


if __name__ == "__main__":
    main()

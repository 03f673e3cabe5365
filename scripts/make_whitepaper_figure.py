#!/usr/bin/python3
"""Draw the figure of the sample whitepaper, once per language: the route from gap analysis
to an issued SOC 2 Type 2 report, as six steps over a time line.

Run with Debian's Python, which has Pillow (python3-pil):

    /usr/bin/python3 scripts/make_whitepaper_figure.py

Writes samples/whitepaper/images/soc2-route-sv.png and -en.png. Pillow writes no time stamp
into a PNG, so rerunning gives the same bytes.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/crosextra")
OUT = Path(__file__).resolve().parent.parent / "samples" / "whitepaper" / "images"

TEXT = {
    "sv": {
        "steps": ["Gapanalys", "Åtgärder", "Beredskaps-\nbedömning", "Typ 1-rapport\n(valfri)",
                  "Gransknings-\nperiod", "Typ 2-rapport"],
        "who": ["Konsult och\nledning", "Kontroll-\nägare", "Konsult", "Oberoende\nrevisor",
                "Kontroll-\nägare", "Oberoende\nrevisor"],
        "phases": [("Förberedelse: 2–6 månader", 0, 3), ("Granskning: 3–12 månader", 3, 6)],
    },
    "en": {
        "steps": ["Gap\nanalysis", "Remediation", "Readiness\nassessment", "Type 1 report\n(optional)",
                  "Observation\nperiod", "Type 2 report"],
        "who": ["Consultant and\nmanagement", "Control\nowners", "Consultant", "Service\nauditor",
                "Control\nowners", "Service\nauditor"],
        "phases": [("Preparation: 2–6 months", 0, 3), ("Examination: 3–12 months", 3, 6)],
    },
}

WIDTH, HEIGHT = 2000, 500
BOX_W, BOX_H, GAP, LEFT, TOP = 270, 170, 56, 40, 30
NAVY, TEAL, GREY, LIGHT = (20, 45, 85), (0, 120, 130), (110, 110, 110), (232, 240, 246)


def centred(draw, box, text, font, fill):
    x0, y0, x1, y1 = box
    l, t, r, b = draw.multiline_textbbox((0, 0), text, font=font, align="center", spacing=6)
    draw.multiline_text((x0 + (x1 - x0 - (r - l)) / 2 - l, y0 + (y1 - y0 - (b - t)) / 2 - t),
                        text, font=font, fill=fill, align="center", spacing=6)


def draw(lang):
    t = TEXT[lang]
    img = Image.new("RGB", (WIDTH, HEIGHT), "white")
    d = ImageDraw.Draw(img)
    bold = ImageFont.truetype(str(FONTS / "Carlito-Bold.ttf"), 34)
    regular = ImageFont.truetype(str(FONTS / "Carlito-Regular.ttf"), 28)
    small = ImageFont.truetype(str(FONTS / "Carlito-Regular.ttf"), 30)
    for i, step in enumerate(t["steps"]):
        x = LEFT + i * (BOX_W + GAP)
        final = i == len(t["steps"]) - 1
        optional = i == 3
        fill = NAVY if final else (LIGHT if optional else TEAL)
        d.rounded_rectangle((x, TOP, x + BOX_W, TOP + BOX_H), radius=22, fill=fill,
                            outline=NAVY, width=4 if optional else 0)
        centred(d, (x, TOP, x + BOX_W, TOP + BOX_H), step, bold, NAVY if optional else "white")
        centred(d, (x, TOP + BOX_H + 20, x + BOX_W, TOP + BOX_H + 110), t["who"][i], regular, GREY)
        if not final:
            ax = x + BOX_W + 8
            ay = TOP + BOX_H // 2
            d.line((ax, ay, ax + GAP - 20, ay), fill=GREY, width=6)
            d.polygon([(ax + GAP - 8, ay), (ax + GAP - 26, ay - 14), (ax + GAP - 26, ay + 14)], fill=GREY)
    line_y = TOP + BOX_H + 190
    for label, first, last in t["phases"]:
        x0 = LEFT + first * (BOX_W + GAP)
        x1 = LEFT + last * (BOX_W + GAP) - GAP
        d.line((x0, line_y, x1, line_y), fill=NAVY, width=5)
        for x in (x0, x1):
            d.line((x, line_y - 16, x, line_y + 16), fill=NAVY, width=5)
        centred(d, (x0, line_y + 24, x1, line_y + 90), label, small, NAVY)
    img.save(OUT / f"soc2-route-{lang}.png", optimize=True)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in TEXT:
        draw(lang)

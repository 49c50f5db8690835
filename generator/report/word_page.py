"""The page of our Word documents, in the XML's units (EMU): A4 with the
margins of a Russian official document, and the language of the text.
Shared by the template (``word_template.py``: the page setup) and by
``word.py`` (the body's tables span the text's width)."""

from __future__ import annotations

from .word_body import EMU_PER_CM

LANGUAGE = "ru-RU"
PAGE_WIDTH, PAGE_HEIGHT = 21 * EMU_PER_CM, int(29.7 * EMU_PER_CM)  # A4
MARGINS = {
    "left": int(2.5 * EMU_PER_CM),
    "right": int(1.5 * EMU_PER_CM),
    "top": 2 * EMU_PER_CM,
    "bottom": 2 * EMU_PER_CM,
}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]

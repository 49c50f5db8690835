"""Images without their metadata still draw in a browser, the same size and
the same way up (generator/privacy/meta_image.py): Chromium decodes the
original and the clean copy of each kind."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from generator.privacy.metadata import clean
from tests.metafactory import make_gif, make_jpeg, make_png, make_webp

WHO = "Кузьмин Олег Петрович"
MIME = {".jpg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp"}
DRAWN = """(url) => new Promise(done => {
  const image = new Image();
  image.onload = () => done([image.naturalWidth, image.naturalHeight]);
  image.onerror = () => done("error");
  image.src = url;
})"""


@pytest.mark.parametrize(
    "name, maker, size",
    [
        ("photo.jpg", make_jpeg, [8, 16]),  # 16×8 stored, EXIF orientation 6: shown upright
        ("photo.png", make_png, [2, 2]),
        ("photo.gif", make_gif, [1, 1]),
        ("photo.webp", make_webp, [1, 1]),
    ],
)
def test_a_clean_image_draws_like_the_original(page, tmp_path, name, maker, size):
    path: Path = maker(tmp_path / name, WHO)
    original = path.read_bytes()
    cleaned = clean(path, original)
    assert len(cleaned) < len(original)
    page.goto("about:blank")
    for data in (original, cleaned):
        url = f"data:{MIME[path.suffix]};base64," + base64.b64encode(data).decode()
        assert page.evaluate(DRAWN, url) == size

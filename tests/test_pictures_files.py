"""Loading and saving picture files: every kind of file Pillow reads becomes
an upright RGB picture, saving chooses the format by extension and never
leaves a half-written file, and every mistake gets an error that says what
to do. The files are made here, in each test's own folder."""

import contextlib
import io
import os
import shutil
import subprocess
import sys

import pytest
from PIL import Image

import media


def pattern(width=8, height=6):
    """A small picture with a different colour at every pixel."""
    pic = media.create_picture(width, height)
    for p in pic:
        x, y = media.get_x(p), media.get_y(p)
        media.set_color(p, media.create_color(x * 30, y * 40, 255 - x * 20))
    return pic


@contextlib.contextmanager
def unwritable(path):
    """Make ``path`` impossible for this process to change, even as root."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr: cannot make a file unwritable")
        made = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if made.returncode:
            pytest.skip(f"running as root and chattr +i failed: {made.stderr!r}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        if os.name == "nt" and path.is_dir():
            pytest.skip("on Windows, chmod cannot stop anyone writing in a folder")
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


# --- loading every kind of file ---------------------------------------------------


def test_png_with_transparency_is_composited_on_white(tmp_path):
    image = Image.new("RGBA", (3, 1))
    image.putpixel((0, 0), (255, 0, 0, 255))
    image.putpixel((1, 0), (0, 0, 255, 0))
    image.putpixel((2, 0), (255, 0, 0, 128))
    image.save(tmp_path / "see-through.png")
    pic = media.load_picture(tmp_path / "see-through.png")
    red, clear, half = (media.get_color(media.get_pixel(pic, x, 0)) for x in range(3))
    assert red == media.red
    assert clear == media.white
    assert media.get_red(media.get_pixel(pic, 2, 0)) == 255
    assert 125 <= media.get_green(media.get_pixel(pic, 2, 0)) <= 128


def test_palette_gif_and_palette_png_with_a_transparent_colour(tmp_path):
    image = Image.new("P", (2, 1))
    image.putpalette([10, 20, 30, 200, 100, 50] + [0, 0, 0] * 254)
    image.putpixel((0, 0), 0)
    image.putpixel((1, 0), 1)
    image.save(tmp_path / "palette.gif")
    assert media.load_picture(tmp_path / "palette.gif").to_bytes() == bytes([10, 20, 30, 200, 100, 50])
    image.save(tmp_path / "palette.png", transparency=1)
    assert media.load_picture(tmp_path / "palette.png").to_bytes() == bytes([10, 20, 30, 255, 255, 255])


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(tmp_path / "print.jpg")
    pic = media.load_picture(tmp_path / "print.jpg")
    r, g, b = media.get_color(media.get_pixel(pic, 8, 8)).get_rgb()
    assert r > 220 and g < 40 and b < 40


def test_a_photo_taken_sideways_is_shown_upright(tmp_path):
    # Stored 40 wide and 20 high, red on the left and blue on the right, with
    # EXIF orientation 6: "turn 90 degrees clockwise to view". Upright, it is
    # 20 wide and 40 high, red at the top and blue at the bottom.
    image = Image.new("RGB", (40, 20), (255, 0, 0))
    image.paste((0, 0, 255), (20, 0, 40, 20))
    exif = Image.Exif()
    exif[0x0112] = 6
    image.save(tmp_path / "sideways.jpg", exif=exif, quality=95)
    pic = media.load_picture(tmp_path / "sideways.jpg")
    assert (media.get_width(pic), media.get_height(pic)) == (20, 40)
    top = media.get_color(media.get_pixel(pic, 10, 5))
    bottom = media.get_color(media.get_pixel(pic, 10, 35))
    assert media.distance(top, media.red) < 30
    assert media.distance(bottom, media.blue) < 30


def test_16_bit_png_keeps_its_brightness(tmp_path):
    image = Image.new("I;16", (3, 1))
    for x, value in enumerate([0, 32768, 65535]):
        image.putpixel((x, 0), value)
    image.save(tmp_path / "deep.png")
    assert media.load_picture(tmp_path / "deep.png").to_bytes() == bytes([0] * 3 + [128] * 3 + [255] * 3)


@pytest.mark.parametrize("mode, value", [("L", 77), ("1", 255), ("LA", (77, 255))])
def test_greyscale_becomes_rgb(tmp_path, mode, value):
    Image.new(mode, (2, 2), value).save(tmp_path / "grey.png")
    grey = 77 if mode != "1" else 255
    assert media.load_picture(tmp_path / "grey.png").to_bytes() == bytes([grey] * 12)


def test_a_loaded_picture_knows_its_file_name_and_its_title_is_its_short_path_as_in_21(
        tmp_path, monkeypatch):
    (tmp_path / "images").mkdir()
    pattern().save_as(tmp_path / "images" / "cat.png")
    pic = media.load_picture(str(tmp_path / "images" / "cat.png"))
    assert pic.get_filename() == str(tmp_path / "images" / "cat.png")
    assert pic.get_title() == os.path.join("images", "cat.png")
    assert repr(pic) == f"<Picture {os.path.join('images', 'cat.png')!r}: 8 wide, 6 high>"
    monkeypatch.chdir(tmp_path / "images")
    assert media.load_picture("cat.png").get_title() == "cat.png"
    monkeypatch.chdir(tmp_path)
    assert media.load_picture("images/cat.png").get_title() == os.path.join("images", "cat.png")


# --- saving by extension ------------------------------------------------------------


@pytest.mark.parametrize("extension", [".png", ".bmp", ".tif", ".tiff", ".ppm", ".PNG", ".gif"])
def test_saving_and_loading_again_keeps_every_pixel(tmp_path, extension):
    pic = pattern()
    target = tmp_path / f"saved{extension}"
    assert media.save_as(pic, target) == target
    assert media.load_picture(target).to_bytes() == pic.to_bytes()
    assert pic.get_filename() == str(target)
    assert pic.get_title() == os.path.join(tmp_path.name, f"saved{extension}")


def test_saving_as_jpeg_writes_a_jpeg(tmp_path):
    media.save_as(media.create_picture(16, 16, media.orange), tmp_path / "photo.jpg")
    with Image.open(tmp_path / "photo.jpg") as image:
        assert image.format == "JPEG"
        assert image.size == (16, 16)


def test_the_extension_chooses_the_format_not_the_old_one(tmp_path):
    pic = pattern()
    media.save_as(pic, tmp_path / "a.bmp")
    with Image.open(tmp_path / "a.bmp") as image:
        assert image.format == "BMP"


def test_save_writes_back_to_the_same_file(tmp_path):
    pic = pattern()
    media.save_as(pic, tmp_path / "mine.png")
    media.set_color(media.get_pixel(pic, 0, 0), media.black)
    media.save(pic)
    assert media.load_picture(tmp_path / "mine.png").to_bytes() == pic.to_bytes()


def test_saving_over_a_file_keeps_its_permissions_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "shared.png"
    media.save_as(pattern(), target)
    target.chmod(0o640)
    media.save_as(media.create_picture(2, 2), target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["shared.png"]


def test_a_failed_save_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "keep.xbm"  # Pillow writes only black-and-white XBM files
    target.write_bytes(b"the old contents")
    with pytest.raises(ValueError, match=r"Pillow can't write this picture as a \.xbm file .* use .png or .jpg"):
        media.save_as(pattern(), target)
    assert target.read_bytes() == b"the old contents"
    assert [path.name for path in tmp_path.iterdir()] == ["keep.xbm"]


# --- errors ---------------------------------------------------------------------


def test_a_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"there is no file 'nope.jpg' \(looked in the current folder, .*\): check the spelling"):
        media.load_picture("nope.jpg")


def test_a_folder_instead_of_a_file(tmp_path):
    with pytest.raises(IsADirectoryError, match="is a folder, not a picture file"):
        media.load_picture(tmp_path)


def test_a_file_that_is_not_a_picture(tmp_path):
    (tmp_path / "notes.txt").write_text("not a picture", encoding="utf-8")
    with pytest.raises(ValueError, match=r"'.*notes.txt' is not a picture file .* \.jpg, \.png"):
        media.load_picture(tmp_path / "notes.txt")


def test_a_damaged_picture(tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), (1, 2, 3)).save(buffer, format="PNG", compress_level=0)
    (tmp_path / "cut.png").write_bytes(buffer.getvalue()[:5000])
    with pytest.raises(ValueError, match="looks like a picture but is damaged or cut short"):
        media.load_picture(tmp_path / "cut.png")


def test_a_file_name_that_is_not_text():
    with pytest.raises(TypeError, match=r"load_picture needs a file name such as \"cat.jpg\", but got 42"):
        media.load_picture(42)
    with pytest.raises(TypeError, match="save_as needs a file name"):
        media.save_as(media.create_picture(1, 1), ["cat.png"])


def test_saving_without_an_extension(tmp_path):
    with pytest.raises(ValueError, match=r"has no extension, .* \(for example cat.png\)"):
        media.save_as(pattern(), tmp_path / "cat")
    assert list(tmp_path.iterdir()) == []


def test_saving_with_an_unknown_extension(tmp_path):
    with pytest.raises(ValueError, match=r"PyGraphics can't write \.xyz picture files: end the file name with one of \.png, \.jpg"):
        media.save_as(pattern(), tmp_path / "cat.xyz")


def test_saving_into_a_folder_that_does_not_exist(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"the folder '.*nowhere' does not exist, so 'cat.png' can't be saved there"):
        media.save_as(pattern(), tmp_path / "nowhere" / "cat.png")


def test_saving_onto_a_folder(tmp_path):
    (tmp_path / "album.png").mkdir()
    with pytest.raises(IsADirectoryError, match="is a folder"):
        media.save_as(pattern(), tmp_path / "album.png")


def test_saving_into_a_folder_without_permission(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    with unwritable(locked):
        with pytest.raises(PermissionError, match=r"you don't have permission to write 'cat.png' in the folder"):
            media.save_as(pattern(), locked / "cat.png")
    assert list(locked.iterdir()) == []


def test_saving_over_a_read_only_file(tmp_path):
    target = tmp_path / "precious.png"
    media.save_as(pattern(), target)
    before = target.read_bytes()
    with unwritable(target):
        with pytest.raises(PermissionError, match="is read-only"):
            media.save_as(media.create_picture(2, 2), target)
    assert target.read_bytes() == before

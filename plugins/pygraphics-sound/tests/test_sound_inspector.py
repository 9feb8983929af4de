"""The sound inspector, a real Tk window on a real X display, driven with the
real mouse and keyboard (xdotool) and checked from screenshots."""

import os
import shutil
import subprocess
import time

import pytest

from pygraphics_core.sample_arrays import new_sample_array
from media import create_note, get_sample, get_value, set_values
from pygraphics_core.sounds import Sound
from pygraphics_core.wav_files import parse_wav
from pygraphics_sound import inspector as inspector_module
from pygraphics_sound.inspector import SoundInspector

TIMEOUT = 10.0
WAVE_RGB = (0x1F, 0x4E, 0x9C)
SELECTION_RGB = (0xFF, 0xE0, 0x8A)


def two_channel_sound():
    """Left: a loud note. Right: the note upside down, then at a quarter strength."""
    note = create_note("A", 4410, channels=1, amplitude=20000)
    snd = Sound(samples=4410)
    for index, sample in enumerate(snd):
        value = get_value(get_sample(note, index))
        set_values(sample, value, -value if index < 2205 else value // 4)
    return snd


def contents_of(snd):
    return parse_wav(snd.to_wav_bytes())


class Desk:
    """The inspector window and the X display's mouse, keyboard and screen."""

    def __init__(self, root, window):
        self.root = root
        self.window = window
        self.display = os.environ["DISPLAY"]

    def settle(self, condition=lambda: True, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            self.root.update()
            if condition():
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the window did not react within {timeout} s")
            time.sleep(0.01)  # the X server delivers the events to this Tk loop

    def xdotool(self, *arguments):
        subprocess.run(["xdotool", *map(str, arguments)], check=True, timeout=TIMEOUT,
                       env={**os.environ, "DISPLAY": self.display})

    def strip_origin(self, channel):
        strip = self.window.strips[channel]
        # Pointer events and drawings share the canvas's own coordinates.
        return strip.winfo_rootx(), strip.winfo_rooty()

    def point_at(self, channel, x, y=40):
        left, top = self.strip_origin(channel)
        self.xdotool("mousemove", left + x, top + y)

    def drag(self, channel, from_x, to_x):
        self.point_at(channel, from_x)
        self.xdotool("mousedown", 1)
        self.settle()
        for x in range(from_x, to_x, max(1, (to_x - from_x) // 5)):
            self.point_at(channel, x)
            self.settle()
        self.point_at(channel, to_x)
        self.xdotool("mouseup", 1)

    def press(self, *keys):
        self.window.focus_force()
        self.settle()
        self.xdotool("windowfocus", "--sync", self.window.winfo_id())
        self.xdotool("key", *keys)

    def strip_picture(self, channel):
        from PIL import ImageGrab

        self.settle()
        self.root.update_idletasks()
        left, top = self.strip_origin(channel)
        screen = ImageGrab.grab(xdisplay=self.display)
        return screen.crop((left, top, left + inspector_module.WAVE_WIDTH,
                            top + inspector_module.STRIP_HEIGHT)).convert("RGB")


def coloured_rows(picture, colour, columns):
    """The rows where any of ``columns`` has ``colour``."""
    return sorted({y for x in columns for y in range(picture.height)
                   if _near(picture.getpixel((x, y)), colour)})


def coloured_columns(picture, colour):
    return sorted({x for x in range(picture.width) for y in range(picture.height)
                   if _near(picture.getpixel((x, y)), colour)})


def _near(pixel, colour):
    return all(abs(a - b) <= 24 for a, b in zip(pixel, colour))


@pytest.fixture
def desk(tk_root, request):
    if shutil.which("xdotool") is None:
        pytest.fail("the inspector tests need xdotool (apt install xdotool)", pytrace=False)
    made = []

    def open_inspector(snd, title="Inspector under test"):
        window = SoundInspector(contents_of(snd), title)
        made.append(window)
        result = Desk(tk_root, window)
        result.settle(lambda: window.winfo_viewable())
        return result

    yield open_inspector
    for window in made:
        window.close()


def test_both_channels_are_drawn_as_they_are(desk):
    screen = desk(two_channel_sound())
    left, right = screen.strip_picture(0), screen.strip_picture(1)
    middle = inspector_module.STRIP_HEIGHT // 2
    half_height = middle - 2
    # The whole width shows the wave (the sound fills the window when opened).
    assert len(coloured_columns(left, WAVE_RGB)) > 0.9 * inspector_module.WAVE_WIDTH
    # Left: peaks at 20000 of 32768, in the loud middle part.
    rows = coloured_rows(left, WAVE_RGB, range(300, 400))
    expected_reach = 20000 / 32768 * half_height
    assert middle - rows[0] == pytest.approx(expected_reach, abs=3)
    assert rows[-1] - middle == pytest.approx(expected_reach, abs=3)
    # Right: as loud in its first half, a quarter as loud in its second half.
    first_half = coloured_rows(right, WAVE_RGB, range(100, 400))
    second_half = coloured_rows(right, WAVE_RGB, range(500, 800))
    assert middle - first_half[0] == pytest.approx(expected_reach, abs=3)
    assert middle - second_half[0] == pytest.approx(expected_reach / 4, abs=3)


def test_the_pointer_shows_the_index_time_and_values_under_it(desk):
    snd = two_channel_sound()
    screen = desk(snd)
    screen.point_at(1, 450)
    index = screen.window.sample_at(450)
    left, right = get_sample(snd, index).get_values()
    expected = f"Sample {index} at {index / 44100:.4f} s: left {left}, right {right}"
    screen.settle(lambda: screen.window.pointer_text.get() == expected)
    assert 2160 <= index <= 2250  # the middle of the sound is under the middle of the strip


def test_dragging_selects_a_range_and_shows_it(desk):
    screen = desk(two_channel_sound())
    screen.drag(0, 200, 400)
    window = screen.window
    expected = (window.sample_at(200), window.sample_at(400))
    screen.settle(lambda: window.selection == expected)
    assert window.selection_text.get().startswith(f"Selected samples {expected[0]} to {expected[1]}")
    for channel in (0, 1):
        columns = coloured_columns(screen.strip_picture(channel), SELECTION_RGB)
        assert columns[0] == pytest.approx(200, abs=2) and columns[-1] == pytest.approx(400, abs=2)


def test_zooming_in_with_keys_shows_the_samples_themselves(desk):
    snd = Sound.from_values(new_sample_array(16, [(-1) ** i * 1000 * (i % 7) for i in range(200)]),
                            1, 8000)
    screen = desk(snd)
    window = screen.window
    assert len(window.strips) == 1
    whole = window.samples_per_pixel
    screen.press("plus")
    screen.settle(lambda: window.samples_per_pixel == pytest.approx(whole / 2))
    for _ in range(6):
        screen.press("plus")
    screen.settle(lambda: window.samples_per_pixel == pytest.approx(1 / 16))
    # 900 pixels at 16 pixels per sample: about 56 samples, each marked.
    assert window.samples_shown == pytest.approx(56.25)
    picture = screen.strip_picture(0)
    assert len(coloured_columns(picture, WAVE_RGB)) > 400
    screen.press("0")
    screen.settle(lambda: window.samples_per_pixel == pytest.approx(whole))
    assert window.first_shown == 0


def test_zoom_keeps_the_sample_under_the_pointer_in_place(desk):
    screen = desk(create_note("C", 44100, channels=1))
    window = screen.window
    before = window.sample_at(600)
    window.zoom(4, around_x=600)
    assert abs(window.sample_at(600) - before) <= 1
    window.scroll_by(1.0)
    assert window.sample_at(0) == pytest.approx(before - 600 * window.samples_per_pixel
                                                + window.samples_shown, abs=2)


def test_play_selection_plays_exactly_the_selected_samples(desk, sound_card):
    snd = two_channel_sound()
    screen = desk(snd)
    window = screen.window
    window.select(1000, 1099)
    window.play_selection()
    screen.settle(lambda: window._playback is None or window._playback.finished, timeout=20)
    played = sound_card.played()
    assert (played.channels, played.sampling_rate) == (2, 44100)
    assert list(played.values[:200]) == list(snd._values[2000:2200])


def test_a_24_bit_sound_is_drawn_to_its_own_scale(desk):
    values = [0, 4194304, -4194304] * 300  # half of the 24-bit range, both ways
    screen = desk(Sound.from_values(new_sample_array(24, values), 1, 8000))
    picture = screen.strip_picture(0)
    middle = inspector_module.STRIP_HEIGHT // 2
    rows = coloured_rows(picture, WAVE_RGB, range(100, 800))
    assert middle - rows[0] == pytest.approx((middle - 2) / 2, abs=2)


def test_a_student_opens_the_inspector_from_their_program(gui_screen, student, tmp_path):
    path = tmp_path / "chirp.wav"
    create_note("E", 8820, channels=1, amplitude=25000).save_as(path)
    program = student(f"""
import media
from media import load_sound
snd = load_sound({str(path)!r})
snd.inspect()
print('OPENED', flush=True)
""")
    program.expect("OPENED")
    [window] = gui_screen.wait_for_windows(f"Sound: {path}", 1)
    # The wave fills the strip's width (the whole sound is shown when it opens).
    gui_screen.wait_until_seen(
        window, lambda shot: len(coloured_columns(shot, WAVE_RGB)) > 0.9 * inspector_module.WAVE_WIDTH,
        "the wave across the whole strip")
    gui_screen.press(window, "Escape")  # stops nothing, keeps the window
    assert gui_screen.windows(f"Sound: {path}") == [window]

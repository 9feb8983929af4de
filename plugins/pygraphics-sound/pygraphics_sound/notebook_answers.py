"""The sound plugin in a notebook with no screen: sounds play in the cell's output.

See :mod:`pygraphics_core.notebook`. The kernel's computer has no
loudspeaker the student could hear, so each sound goes to the browser: an
audio player in the output that starts at once. A notebook keeps every
sound it plays inside its file, so each is made compact first
(:mod:`pygraphics_core.notebook_audio`: mono, fewer samples per second,
and cut if very long, as its caption says), and the sounds of one kernel
together keep at most :data:`SOUNDS_LIMIT_BYTES`: beyond that, the oldest
players are taken out of the notebook, saying so.

* ``play`` (and ``play_in_range``, ``play_at_rate``): the player starts
  and the program goes on; ``blocking_play`` waits for as long as the
  sound plays;
* ``stop``: the player is taken out of the output, which stops it;
* ``inspect_sound``: a picture of the waves, with a player, in the output.
"""

import base64
import html
import itertools
import time
import weakref

from PIL import Image, ImageDraw, ImageFont

from pygraphics_core import notebook_views
from pygraphics_core.notebook_audio import audio_bundle, compact_wav
from pygraphics_core.wav_files import parse_wav

from .commands import InspectSound, PlaySound, StopSound, WaitForSounds

#: The most bytes of sound (WAV) the players of one kernel keep in the notebook together.
SOUNDS_LIMIT_BYTES = 12_000_000
#: The size of the picture of the waves.
WAVES_WIDTH, CHANNEL_HEIGHT = 720, 90

_numbers = itertools.count(1)
_players = weakref.WeakKeyDictionary()


def _players_of(session):
    """{playback number: [output, bytes]} in the order played."""
    return _players.setdefault(session, {})


def _make_room(session, size):
    players = _players_of(session)
    while players and sum(kept for _, kept in players.values()) + size > SOUNDS_LIMIT_BYTES:
        number = next(iter(players))
        output, _kept = players.pop(number)
        output.update(notebook_views.message_bundle(
            "This sound was taken out of the notebook to keep the notebook small (a notebook "
            "keeps every sound it plays). Play it again to hear it.", "note"))


def answer_play(session, wav, wait):
    """Notebook ``PlaySound``: a player that starts at once; with ``wait``, wait until it ends."""
    compact = compact_wav(wav)
    _make_room(session, len(compact.wav))
    number = next(_numbers)
    output = session.display(audio_bundle(compact, f"Sound: {compact.description}",
                                          autoplay=True))
    _players_of(session)[number] = [output, len(compact.wav)]
    if wait:
        # The browser plays it: wait as long as it takes, as the window would.
        time.sleep(compact.seconds_kept)
    return {"playback": number}


def answer_stop(session, playback=None):
    """Notebook ``StopSound``: take the player(s) out of the output, which stops them."""
    players = _players_of(session)
    numbers = list(players) if playback is None else [playback]
    for number in numbers:
        player = players.pop(number, None)
        if player is not None:
            player[0].update(notebook_views.message_bundle("Stopped (media.stop).", "note"))
    return {}


def _font(size):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow before 10.1
        return ImageFont.load_default()


def waves_picture(wav):
    """A picture of the waves of the WAV file ``wav``: one lane per channel, seconds below."""
    contents = parse_wav(wav, name="the sound")
    channels, rate = contents.channels, contents.sampling_rate
    values = contents.values
    frames = len(values) // channels
    highest = float(2 ** (values.itemsize * 8 - 1)) if values.itemsize < 4 else float(
        max(1, max(values, default=1), -min(values, default=-1)))
    scale_bottom = 18
    picture = Image.new("RGB", (WAVES_WIDTH, CHANNEL_HEIGHT * channels + scale_bottom),
                        (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    per_column = max(1, frames / WAVES_WIDTH)
    for channel in range(channels):
        middle = channel * CHANNEL_HEIGHT + CHANNEL_HEIGHT // 2
        draw.line([(0, middle), (WAVES_WIDTH, middle)], fill=(210, 210, 210))
        lane = values[channel::channels]
        for column in range(min(WAVES_WIDTH, frames)):
            part = lane[int(column * per_column):max(int((column + 1) * per_column),
                                                      int(column * per_column) + 1)]
            low, high = min(part), max(part)
            half = CHANNEL_HEIGHT / 2 - 4
            draw.line([(column, middle - high / highest * half),
                       (column, middle - low / highest * half)], fill=(40, 90, 170))
    seconds = frames / rate
    step = next((step for step in (0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300)
                 if seconds / step <= 8), 600)
    font = _font(10)
    at = 0.0
    while at <= seconds and frames:
        x = round(at / seconds * (WAVES_WIDTH - 1)) if seconds else 0
        bottom = CHANNEL_HEIGHT * channels
        draw.line([(x, bottom), (x, bottom + 4)], fill=(90, 90, 90))
        draw.text((min(x + 2, WAVES_WIDTH - 30), bottom + 4), f"{at:g} s", fill=(90, 90, 90),
                  font=font)
        at += step
    return picture


def answer_inspect(session, wav, title):
    """Notebook ``InspectSound``: the waves, drawn, with a player."""
    compact = compact_wav(wav)
    png = notebook_views.png_bytes(waves_picture(wav))
    player = audio_bundle(compact, f"{title}: {compact.description}")
    session.display(session.html(
        f'<figure class="pygraphics-sound-inspector" style="margin:0.2em 0">'
        f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
        f'alt="{html.escape(title)}" style="max-width:100%;height:auto;display:block">'
        f'{player["text/html"]}</figure>', plain=player["text/plain"]))
    return {}


def answer_wait_for_sounds(session, wait):
    """Notebook ``WaitForSounds``: the browser plays the sounds; nothing plays here."""
    return {"playing": 0, "seconds_left": 0.0}


#: For the ``pygraphics_notebook_responders`` hook.
NOTEBOOK_RESPONDERS = {PlaySound: answer_play, StopSound: answer_stop,
                       InspectSound: answer_inspect, WaitForSounds: answer_wait_for_sounds}

"""The sound inspector: a window that shows a sound's waves (GUI process only).

One strip per channel shows the wave; at most zoom levels each pixel column
draws the lowest and highest value of the samples it covers, and zoomed in
far enough the samples themselves are joined by lines. Under the mouse
pointer the window shows the sample's index, time and value(s). Dragging
across the strips selects a range, which "Play selection" plays.

Keys: + and - zoom, 0 fits the whole sound, Left/Right scroll, space plays
the selection (or the whole sound), Escape stops. The mouse wheel zooms
around the pointer.
"""

from __future__ import annotations

import tkinter

from pygraphics_core.sample_arrays import bits_of, new_sample_array
from pygraphics_core.wav_files import WavContents, wav_file_bytes
from pygraphics_gui.windows import Window
from pygraphics_sound import players

WAVE_WIDTH = 900
STRIP_HEIGHT = 140
#: The closest zoom: one sample spans this many pixels.
MOST_PIXELS_PER_SAMPLE = 16
BACKGROUND = "#ffffff"
WAVE_COLOUR = "#1f4e9c"
ZERO_LINE_COLOUR = "#b0b0b0"
SELECTION_COLOUR = "#ffe08a"


class SoundInspector(Window):
    """A window showing the waves of a sound given as :class:`WavContents`."""

    def __init__(self, contents: WavContents, title: str = "Sound", master=None):
        super().__init__(title, master)
        self.values = contents.values
        self.channels = contents.channels
        self.sampling_rate = contents.sampling_rate
        self.count = len(self.values) // self.channels
        self.full_scale = 2 ** (bits_of(self.values) - 1)
        #: The first sample shown, and how many samples one pixel column covers.
        self.first_shown = 0.0
        self.samples_per_pixel = max(self.count / WAVE_WIDTH, 1 / MOST_PIXELS_PER_SAMPLE)
        #: The selected range of sample indices (first, last), or None.
        self.selection: tuple[int, int] | None = None
        self._drag_start: int | None = None
        self._playback: players.Playback | None = None
        self._build()
        self.after_idle(self.redraw)

    # -- building the window --------------------------------------------------------

    def _build(self) -> None:
        kind = "mono" if self.channels == 1 else "stereo"
        seconds = self.count / self.sampling_rate
        tkinter.Label(self, anchor="w", text=(
            f"{self.count} samples, {seconds:.3f} seconds, {kind}, "
            f"{self.sampling_rate} samples per second, {bits_of(self.values)}-bit")
        ).pack(fill="x", padx=8, pady=(8, 4))

        self.strips: list[tkinter.Canvas] = []
        names = ["Mono"] if self.channels == 1 else ["Left", "Right"]
        for name in names:
            row = tkinter.Frame(self)
            row.pack(fill="x", padx=8, pady=2)
            tkinter.Label(row, text=name, width=6, anchor="e").pack(side="left")
            strip = tkinter.Canvas(row, width=WAVE_WIDTH, height=STRIP_HEIGHT,
                                   background=BACKGROUND, highlightthickness=1,
                                   highlightbackground="#808080", cursor="crosshair")
            strip.pack(side="left")
            strip.bind("<Motion>", self._pointer_moved)
            strip.bind("<Leave>", lambda event: self.pointer_text.set(""))
            strip.bind("<ButtonPress-1>", self._drag_began)
            strip.bind("<B1-Motion>", self._dragged)
            strip.bind("<ButtonRelease-1>", self._dragged)
            strip.bind("<Button-4>", lambda event: self.zoom(2, event.x))
            strip.bind("<Button-5>", lambda event: self.zoom(0.5, event.x))
            strip.bind("<MouseWheel>",
                       lambda event: self.zoom(2 if event.delta > 0 else 0.5, event.x))
            self.strips.append(strip)

        self.scrollbar = tkinter.Scrollbar(self, orient="horizontal", command=self._scrolled)
        self.scrollbar.pack(fill="x", padx=(60, 8))

        self.pointer_text = tkinter.StringVar(self, "")
        self.selection_text = tkinter.StringVar(self, "Drag across the waves to select.")
        readouts = tkinter.Frame(self)
        readouts.pack(fill="x", padx=8, pady=4)
        tkinter.Label(readouts, textvariable=self.pointer_text, anchor="w", width=60,
                      font="TkFixedFont").pack(side="left")
        tkinter.Label(readouts, textvariable=self.selection_text, anchor="e").pack(side="right")

        buttons = tkinter.Frame(self)
        buttons.pack(fill="x", padx=8, pady=(0, 8))
        for text, command in (("Zoom in (+)", lambda: self.zoom(2)),
                              ("Zoom out (-)", lambda: self.zoom(0.5)),
                              ("Whole sound (0)", self.fit),
                              ("Play selection (space)", self.play_selection),
                              ("Play all", self.play_all),
                              ("Stop (Esc)", self.stop)):
            tkinter.Button(buttons, text=text, command=command).pack(side="left", padx=2)

        for key, action in (("<plus>", lambda: self.zoom(2)), ("<equal>", lambda: self.zoom(2)),
                            ("<KP_Add>", lambda: self.zoom(2)),
                            ("<minus>", lambda: self.zoom(0.5)),
                            ("<KP_Subtract>", lambda: self.zoom(0.5)),
                            ("<Key-0>", self.fit), ("<space>", self.play_selection),
                            ("<Escape>", self.stop),
                            ("<Left>", lambda: self.scroll_by(-0.1)),
                            ("<Right>", lambda: self.scroll_by(0.1))):
            self.bind(key, lambda event, action=action: action())

    # -- the view -----------------------------------------------------------------

    @property
    def samples_shown(self) -> float:
        """How many samples fit across the strips at this zoom."""
        return WAVE_WIDTH * self.samples_per_pixel

    def sample_at(self, x: int) -> int:
        """Return the index of the sample under pixel column ``x``."""
        index = int(self.first_shown + x * self.samples_per_pixel)
        return max(0, min(self.count - 1, index))

    def x_of(self, index: float) -> float:
        """Return the pixel column where sample ``index`` starts."""
        return (index - self.first_shown) / self.samples_per_pixel

    def zoom(self, factor: float, around_x: int | None = None) -> None:
        """Zoom in (factor 2) or out (0.5), keeping the sample under ``around_x`` in place."""
        if around_x is None:
            around_x = WAVE_WIDTH // 2
        anchor = self.first_shown + around_x * self.samples_per_pixel
        widest = max(self.count / WAVE_WIDTH, 1 / MOST_PIXELS_PER_SAMPLE)
        self.samples_per_pixel = min(widest, max(1 / MOST_PIXELS_PER_SAMPLE,
                                                 self.samples_per_pixel / factor))
        self._move_to(anchor - around_x * self.samples_per_pixel)

    def fit(self) -> None:
        """Show the whole sound."""
        self.samples_per_pixel = max(self.count / WAVE_WIDTH, 1 / MOST_PIXELS_PER_SAMPLE)
        self._move_to(0)

    def scroll_by(self, fraction_of_view: float) -> None:
        """Scroll by a fraction of the width shown (negative: towards the start)."""
        self._move_to(self.first_shown + fraction_of_view * self.samples_shown)

    def _move_to(self, first: float) -> None:
        self.first_shown = max(0.0, min(first, max(0.0, self.count - self.samples_shown)))
        self.redraw()

    def _scrolled(self, action: str, amount: str, unit: str | None = None) -> None:
        if action == "moveto":
            self._move_to(float(amount) * self.count)
        elif action == "scroll":
            self.scroll_by(int(amount) * (0.9 if unit == "pages" else 0.1))

    # -- drawing ------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the waves, the selection and the scrollbar for the current view."""
        if not self.is_open:
            return
        for channel, strip in enumerate(self.strips):
            strip.delete("all")
            middle = STRIP_HEIGHT / 2
            if self.selection is not None:
                left = max(0.0, self.x_of(self.selection[0]))
                right = min(WAVE_WIDTH, self.x_of(self.selection[1] + 1))
                if right > 0 and left < WAVE_WIDTH:
                    strip.create_rectangle(left, 0, max(left + 1, right), STRIP_HEIGHT,
                                           fill=SELECTION_COLOUR, outline="")
            strip.create_line(0, middle, WAVE_WIDTH, middle, fill=ZERO_LINE_COLOUR)
            self._draw_wave(strip, channel)
        if self.count:
            self.scrollbar.set(self.first_shown / self.count,
                               min(1.0, (self.first_shown + self.samples_shown) / self.count))

    def _y_of(self, value: int) -> float:
        return STRIP_HEIGHT / 2 - value / self.full_scale * (STRIP_HEIGHT / 2 - 2)

    def _draw_wave(self, strip: tkinter.Canvas, channel: int) -> None:
        values, channels = self.values, self.channels
        if self.count == 0:
            return
        if self.samples_per_pixel >= 1:
            # Each pixel column: a line from the lowest to the highest value
            # it covers (array slices with a step run at C speed).
            for x in range(WAVE_WIDTH):
                first = int(self.first_shown + x * self.samples_per_pixel)
                last = int(self.first_shown + (x + 1) * self.samples_per_pixel)
                if first >= self.count:
                    break
                last = min(max(last, first + 1), self.count)
                covered = values[first * channels + channel:last * channels:channels]
                top, bottom = self._y_of(max(covered)), self._y_of(min(covered))
                strip.create_line(x, top, x, bottom + 1, fill=WAVE_COLOUR)
            return
        # Zoomed in: join the samples, and mark each one.
        first = int(self.first_shown)
        last = min(self.count - 1, int(self.first_shown + self.samples_shown) + 1)
        points = []
        for index in range(first, last + 1):
            x = self.x_of(index) + 0.5 / self.samples_per_pixel
            y = self._y_of(values[index * channels + channel])
            points += [x, y]
            if self.samples_per_pixel <= 0.25:
                strip.create_oval(x - 2, y - 2, x + 2, y + 2, outline=WAVE_COLOUR)
        if len(points) >= 4:
            strip.create_line(*points, fill=WAVE_COLOUR)

    # -- the pointer and the selection ----------------------------------------------

    def describe_sample(self, index: int) -> str:
        """Return the readout for sample ``index``: its time and value(s)."""
        position = index * self.channels
        seconds = index / self.sampling_rate
        if self.channels == 1:
            return f"Sample {index} at {seconds:.4f} s: value {self.values[position]}"
        return (f"Sample {index} at {seconds:.4f} s: left {self.values[position]}, "
                f"right {self.values[position + 1]}")

    def _pointer_moved(self, event) -> None:
        if self.count:
            self.pointer_text.set(self.describe_sample(self.sample_at(event.x)))

    def _drag_began(self, event) -> None:
        self.focus_set()
        if self.count:
            self._drag_start = self.sample_at(event.x)
            self.select(self._drag_start, self._drag_start)

    def _dragged(self, event) -> None:
        if self._drag_start is not None:
            self.select(self._drag_start, self.sample_at(event.x))
            self._pointer_moved(event)

    def select(self, first: int, last: int) -> None:
        """Select the samples from ``first`` to ``last`` (in either order), both included."""
        first, last = sorted((first, last))
        self.selection = (first, last)
        seconds = (last - first + 1) / self.sampling_rate
        self.selection_text.set(f"Selected samples {first} to {last} ({seconds:.4f} s)")
        self.redraw()

    # -- playing ------------------------------------------------------------------

    def play_selection(self) -> None:
        """Play the selected samples (the whole sound if nothing is selected)."""
        first, last = self.selection if self.selection else (0, self.count - 1)
        self.play_range(first, last)

    def play_all(self) -> None:
        """Play the whole sound."""
        self.play_range(0, self.count - 1)

    def play_range(self, first: int, last: int) -> None:
        """Play samples ``first`` to ``last``, stopping what this window played before."""
        self.stop()
        if self.count == 0:
            return
        # new_sample_array keeps the sample size (a 24-bit slice is a plain array).
        values = new_sample_array(bits_of(self.values),
                                  self.values[first * self.channels:(last + 1) * self.channels])
        wav = wav_file_bytes(values, self.channels, self.sampling_rate)
        try:
            self._playback = players.Playback(
                self, wav, (last - first + 1) / self.sampling_rate,
                on_finished=self._playback_finished)
        except players.NoPlayerError as error:
            self.selection_text.set(str(error)[:120])

    def _playback_finished(self, playback: players.Playback) -> None:
        if playback.error and self.is_open:
            self.selection_text.set(playback.error[:120])

    def stop(self) -> None:
        """Stop what this window is playing."""
        if self._playback is not None:
            self._playback.stop()
            self._playback = None

    def destroy(self) -> None:
        """Close the window, and stop its sound."""
        self.stop()
        super().destroy()

"""How fast are students' sample loops and sound files? Run: python bench/bench_sounds.py

Every figure is printed beside a baseline measured in the same run:

- sample loops (the hot path) against a bare ``array.array`` doing the same
  arithmetic with no PyGraphics at all (the floor; target: within 3x, and
  within 4x for the index form, get_sample/get_value/set_value, whose
  least possible cost in pure Python is about 2.8x);
- loading and saving WAV files against the standard library's ``wave``
  module moving the same bytes (the floor for file work);
- whole-sound operations against the bare array operation they wrap.

Times are the best of several runs, in nanoseconds per sample or
milliseconds per operation. Plain script, not a test.

The loops call the functions by name, as after ``from media import *``.
Two rows below them (not targets) show where the time goes: the index loop
written ``media.get_sample(...)`` as after ``import media`` (the price of
the ``media.`` lookups), and the least any design of this API can cost: three
Python function calls and one new object per sample, with no checks at all.

Before and after a change, in the same run: put the other version's source
tree somewhere (``git archive REV | tar -x -C /tmp/before``) and run
``python bench/bench_sounds.py --compare /tmp/before``. The loops of both
trees then run in turns, each in its own Python process, and the best of each
is printed with their ratio.
"""

import array
import json
import os
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

#: The source tree whose media is measured: this one, or another one's (--compare).
TREE = os.environ.get("BENCH_SOUNDS_TREE") or str(Path(__file__).resolve().parent.parent)
sys.path.insert(0, TREE)

import media  # noqa: E402
from media import (  # noqa: E402  (as after "from media import *")
    get_left, get_right, get_sample, get_value, set_left, set_right, set_value,
)
from pygraphics_core import sounds  # noqa: E402

SECONDS = 5
RATE = 44100
COUNT = SECONDS * RATE
REPEATS = 7
TARGET = 3.0
INDEX_LOOP_TARGET = 4.0


def best_time(run, prepare, repeats=REPEATS):
    """Return the best time of ``run(prepare())`` (prepare is not timed)."""
    best = float("inf")
    for _ in range(repeats):
        subject = prepare()
        start = time.perf_counter()
        run(subject)
        best = min(best, time.perf_counter() - start)
    return best


def test_values(count):
    return [(index * 7919) % 60000 - 30000 for index in range(count)]


# -- the floor: bare arrays -------------------------------------------------------

def floor_halve(values):
    for index in range(len(values)):
        values[index] = values[index] // 2


def floor_halve_float(values):
    # A bare int array cannot hold the float that "* 0.5" makes either:
    # round() is part of the floor for this loop.
    for index in range(len(values)):
        values[index] = round(values[index] * 0.5)


def floor_halve_stereo(values):
    for position in range(0, len(values), 2):
        values[position] = values[position] // 2
        values[position + 1] = values[position + 1] // 2


# -- students' loops ----------------------------------------------------------------

def student_for_loop(snd):
    for sample in snd:
        set_value(sample, get_value(sample) // 2)


def student_index_loop(snd):
    for i in range(len(snd)):
        sample = get_sample(snd, i)
        set_value(sample, get_value(sample) // 2)


def student_float_loop(snd):
    # Multiplying by a float gives floats, which 2.1 refused; here they
    # take the slow path (rounding), so this shows its price.
    for sample in snd:
        set_value(sample, get_value(sample) * 0.5)


def student_stereo_loop(snd):
    for sample in snd:
        set_left(sample, get_left(sample) // 2)
        set_right(sample, get_right(sample) // 2)


def student_index_loop_media_dot(snd):
    for i in range(len(snd)):
        sample = media.get_sample(snd, i)
        media.set_value(sample, media.get_value(sample) // 2)


# The least a function-per-step API can cost: a new object per sample and
# three calls that do only the array work, without any checks.

class BareSample:
    __slots__ = ("values", "index")


def bare_get_sample(values, i):
    sample = BareSample()
    sample.values = values
    sample.index = i
    return sample


def bare_get_value(sample):
    return sample.values[sample.index]


def bare_set_value(sample, value):
    sample.values[sample.index] = value


def least_possible_index_loop(values):
    for i in range(len(values)):
        sample = bare_get_sample(values, i)
        bare_set_value(sample, bare_get_value(sample) // 2)


def mono_sound():
    return sounds.Sound.from_values(array.array("h", test_values(COUNT)), 1, RATE)


def stereo_sound():
    return sounds.Sound.from_values(array.array("h", test_values(2 * COUNT)), 2, RATE)


def paired_best(floor, floor_subject, ours, ours_subject, rounds=REPEATS):
    """Best times of the floor and of ours, measured alternately in the same rounds.

    Alternating keeps the ratio honest on a machine whose speed drifts
    (other processes, CPU frequency): both see the same conditions.
    """
    best_floor = best_ours = float("inf")
    for _ in range(rounds):
        best_floor = min(best_floor, best_time(floor, floor_subject, repeats=1))
        best_ours = min(best_ours, best_time(ours, ours_subject, repeats=1))
    return best_floor, best_ours


def mono_array():
    return array.array("h", test_values(COUNT))


def stereo_array():
    return array.array("h", test_values(2 * COUNT))


#: (label, student's loop, its sound, the floor, the floor's array, target)
LOOPS = [
    ("for sample in snd: set_value(get_value // 2)", student_for_loop, mono_sound,
     floor_halve, mono_array, TARGET),
    ("for i in range(len(snd)): get_sample, get/set", student_index_loop, mono_sound,
     floor_halve, mono_array, INDEX_LOOP_TARGET),
    ("for sample in snd: set_value(get_value * 0.5)", student_float_loop, mono_sound,
     floor_halve_float, mono_array, TARGET),
    ("stereo: set_left/set_right(get_... // 2)", student_stereo_loop, stereo_sound,
     floor_halve_stereo, stereo_array, TARGET),
]


def report_loops():
    print(f"Sample loops over {SECONDS} s of 44.1 kHz sound ({COUNT} samples), "
          f"ns per sample (target: within {TARGET:.0f}x of the bare-array floor, "
          f"{INDEX_LOOP_TARGET:.0f}x for the index form):")
    for label, loop, prepare, floor, floor_prepare, target in LOOPS:
        floor_seconds, seconds = paired_best(floor, floor_prepare, loop, prepare)
        ratio = seconds / floor_seconds
        verdict = f"target {target:.0f}x: " + ("met" if ratio <= target else "MISSED")
        print(f"  {label:48s} {seconds / COUNT * 1e9:6.1f} ns vs floor "
              f"{floor_seconds / COUNT * 1e9:6.1f} ns  {ratio:4.2f}x  ({verdict})")
    print("  where the time goes (not targets):")
    diagnostics = [
        ("index loop as media.get_sample(...) etc.", student_index_loop_media_dot, mono_sound),
        ("least possible: 3 bare calls + an object", least_possible_index_loop, mono_array),
    ]
    for label, loop, prepare in diagnostics:
        floor_seconds, seconds = paired_best(floor_halve, mono_array, loop, prepare)
        print(f"  {label:48s} {seconds / COUNT * 1e9:6.1f} ns vs floor "
              f"{floor_seconds / COUNT * 1e9:6.1f} ns  {seconds / floor_seconds:4.2f}x")


def report_files():
    print(f"\nFiles ({SECONDS} s stereo), ms per file, against the wave module "
          f"moving the same bytes:")
    folder = Path(tempfile.mkdtemp(prefix="bench-sounds-"))
    for bits in (8, 16, 24, 32):
        snd = sounds.Sound(seconds=SECONDS, bits_per_sample=bits)
        path = folder / f"test{bits}.wav"
        snd.save_as(path)
        raw = path.read_bytes()

        def wave_read(_):
            with wave.open(str(path), "rb") as reader:
                reader.readframes(reader.getnframes())

        def wave_write(_):
            with wave.open(str(folder / "plain.wav"), "wb") as writer:
                writer.setnchannels(2)
                writer.setsampwidth(bits // 8)
                writer.setframerate(RATE)
                writer.writeframes(raw[44:])

        base_read = best_time(wave_read, lambda: None)
        ours_read = best_time(lambda _: media.load_sound(path), lambda: None)
        base_write = best_time(wave_write, lambda: None)
        ours_write = best_time(lambda s: s.save_as(folder / "ours.wav"), lambda: snd)
        print(f"  {bits:2d}-bit  load {ours_read * 1e3:6.2f} ms vs wave {base_read * 1e3:6.2f} ms "
              f"({ours_read / base_read:4.1f}x)   save {ours_write * 1e3:6.2f} ms vs wave "
              f"{base_write * 1e3:6.2f} ms ({ours_write / base_write:4.1f}x)")


def report_operations():
    print(f"\nWhole-sound operations ({SECONDS} s stereo 16-bit), ms, against the bare "
          f"array operation:")
    snd = stereo_sound()
    rows = [
        ("copy", lambda s: s.copy(), lambda a: array.array("h", a)),
        ("snd + snd", lambda s: s + s, lambda a: a + a),
        ("snd * 3", lambda s: s * 3, lambda a: a * 3),
        ("get_max_sample", media.get_max_sample, max),
        ("to_wav_bytes (for playing)", lambda s: s.to_wav_bytes(), lambda a: a.tobytes()),
    ]
    bare = snd._values
    for label, ours, baseline in rows:
        ours_time = best_time(ours, lambda: snd)
        base_time = best_time(baseline, lambda: bare)
        print(f"  {label:28s} {ours_time * 1e3:7.2f} ms vs {base_time * 1e3:7.2f} ms "
              f"({ours_time / base_time:4.1f}x)")
    normalize = best_time(lambda s: s.normalize(), lambda: stereo_sound(), repeats=3)
    python_floor = best_time(lambda a: [v * 2 for v in a], lambda: bare, repeats=3)
    print(f"  {'normalize':28s} {normalize * 1e3:7.2f} ms vs {python_floor * 1e3:7.2f} ms "
          f"for [v * 2 for v in values] ({normalize / python_floor:4.1f}x)")


# -- before and after: two source trees in turns (--compare) ---------------------------

def loop_times_as_json():
    """Print one time per loop (with this process's tree), for --compare."""
    times = {label: best_time(loop, prepare, repeats=1)
             for label, loop, prepare, _floor, _floor_prepare, _target in LOOPS}
    print(json.dumps(times))


def report_before_and_after(before_tree, rounds=REPEATS):
    after_tree = TREE
    print(f"Sample loops, ns per sample, before ({before_tree}) and after ({after_tree}), "
          f"best of {rounds} turns each, in the same run:")
    best = {"before": {}, "after": {}}
    for _ in range(rounds):
        for name, tree in (("before", before_tree), ("after", after_tree)):
            output = subprocess.run(
                [sys.executable, __file__, "--loop-times"], capture_output=True, text=True,
                check=True, timeout=600, env={**os.environ, "BENCH_SOUNDS_TREE": tree})
            for label, seconds in json.loads(output.stdout).items():
                best[name][label] = min(seconds, best[name].get(label, float("inf")))
    for label, *_rest in LOOPS:
        before, after = best["before"][label], best["after"][label]
        print(f"  {label:48s} {before / COUNT * 1e9:6.1f} ns before, "
              f"{after / COUNT * 1e9:6.1f} ns after  ({after / before:4.2f}x)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--loop-times"]:
        loop_times_as_json()
    elif sys.argv[1:2] == ["--compare"]:
        report_before_and_after(sys.argv[2])
    else:
        print(f"Python {sys.version.split()[0]}")
        report_loops()
        report_files()
        report_operations()

"""pygraphics-region: ``media.choose_region(pic)``, a rectangle the student drags on a picture."""

from pygraphics_core import amp, callRemote, hookimpl
from pygraphics_gui import ProtocolBackend, appender


class ChooseRegion(amp.Command):
    """Show a picture; answer the corners of the rectangle dragged on it ([] for none)."""

    arguments = [("picture", amp.PILImage()), ("prompt", amp.Unicode())]
    response = [("corners", amp.ListOf(amp.Integer()))]


def choose_region(pic, prompt="Drag a rectangle on the picture, then press Enter."):
    """Show a picture and let the student drag a rectangle on it.

    Returns the rectangle's corners (x1, y1, x2, y2), top-left first, once
    Enter is pressed; None if the window is closed or Escape is pressed.

        >>> pic = media.create_picture(200, 100, media.orange)
        >>> corners = media.choose_region(pic)
    """
    try:
        image = pic.get_image()  # a Pillow copy of the picture: what PILImage sends
    except AttributeError:
        raise TypeError(f"choose_region needs a picture, such as one from "
                        f"media.load_picture, not {type(pic).__name__} {pic!r}") from None
    corners = callRemote(ChooseRegion, picture=image, prompt=str(prompt))["corners"]
    return tuple(corners) if corners else None


# -- The GUI process: Tk is imported inside, so that import media stays light.

def open_window(image, prompt, master=None):
    """Make the window, hidden until ``show()``: the prompt and the picture.

    Dragging on the picture draws the rectangle; Enter closes the window
    with its corners in ``result``, Escape and the close button with [].
    """
    import tkinter

    from PIL import ImageTk

    window = tkinter.Toplevel(master)
    window.withdraw()
    window.title("Choose a region")
    window.result = []
    tkinter.Label(window, text=prompt).pack(padx=8, pady=4)
    canvas = tkinter.Canvas(window, width=image.width, height=image.height,
                            highlightthickness=0, name="picture")
    canvas.pack()
    window.photo = ImageTk.PhotoImage(image, master=window)
    canvas.create_image(0, 0, image=window.photo, anchor="nw")
    rectangle = canvas.create_rectangle(0, 0, 0, 0, outline="yellow", width=2)
    start = [0, 0]

    def pixel_under(event):
        return (min(max(event.x, 0), image.width - 1), min(max(event.y, 0), image.height - 1))

    def press(event):
        start[:] = pixel_under(event)

    def drag(event):
        x, y = pixel_under(event)
        canvas.coords(rectangle, *start, x, y)
        window.result = [min(start[0], x), min(start[1], y), max(start[0], x), max(start[1], y)]

    def close(answer):
        window.result = answer
        window.destroy()

    canvas.bind("<ButtonPress-1>", press)
    canvas.bind("<B1-Motion>", drag)
    canvas.bind("<ButtonRelease-1>", drag)
    window.bind("<Return>", lambda event: close(window.result))
    window.bind("<Escape>", lambda event: close([]))
    window.protocol("WM_DELETE_WINDOW", lambda: close([]))

    def grab_when_shown(event):  # modal, once on the screen
        if event.widget is window:
            window.grab_set()

    window.bind("<Map>", grab_when_shown)
    window.canvas = window.focus_widget = canvas

    def show():
        window.deiconify()
        window.focus_force()
        canvas.focus_set()

    window.show = show
    return window


class RegionBackend(ProtocolBackend):
    responders = []
    responder = appender(responders)

    @responder(ChooseRegion)
    def choose_region(self, picture, prompt):
        window = open_window(picture, prompt)
        window.show()
        window.wait_window()
        return {"corners": window.result}


# -- Headless mode: the grader's prepared answer.

def answer_headless(session, picture, prompt):
    corners = session.next_answer("choose_region", prompt)
    if corners is not None and len(corners) != 4:
        raise ValueError(f"The grading script's answer {corners!r} for choose_region should "
                         f"be four numbers (x1, y1, x2, y2), or None for Escape.")
    session.record("choose_region", command="ChooseRegion", picture=picture, text=prompt,
                   answer=corners)
    return {"corners": list(corners or [])}


# -- A notebook with no screen: the picture in the cell, the corners typed.

def read_corners(text):
    """Four whole numbers x1 y1 x2 y2 (the corners, any two opposite ones), or nothing."""
    numbers = text.replace(",", " ").split()
    if not numbers:
        return []
    if len(numbers) != 4 or not all(number.isdigit() for number in numbers):
        raise ValueError(f"“{text.strip()}” is not a region: type four whole numbers, "
                         f"x1 y1 x2 y2, or nothing for none.")
    x1, y1, x2, y2 = (int(number) for number in numbers)
    return [min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)]


def answer_in_a_notebook(session, picture, prompt):
    session.display(picture)
    return {"corners": session.ask(f"{prompt} Corners x1 y1 x2 y2: ", read_corners)}


# -- The hooks: what PyGraphics finds through the entry point.

@hookimpl
def pygraphics_commands():
    return [ChooseRegion]


@hookimpl
def pygraphics_backends():
    return [RegionBackend]


@hookimpl
def pygraphics_media_functions():
    return {"choose_region": choose_region}


@hookimpl
def pygraphics_headless_responders():
    return {ChooseRegion: answer_headless}


@hookimpl
def pygraphics_notebook_responders():
    return {ChooseRegion: answer_in_a_notebook}

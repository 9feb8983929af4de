"""How error messages name the value a student gave: ``'5' (a str)``, ``3 (an int)``.

Every student-facing error says which value was wrong. They all describe it
the same way, with this one function, so that the wording (and its English:
"an int", not "a int") is right everywhere.
"""

#: Longer reprs are cut to this many characters (a whole list of pixels is no help).
LONGEST = 60


def describe(value):
    """Return ``value`` as an error message shows it: its repr and its type.

    >>> describe(5)
    '5 (an int)'
    >>> describe("5")
    "'5' (a str)"
    >>> describe(list(range(100)))
    '[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 1... (a list)'
    """
    text = repr(value)
    if len(text) > LONGEST:
        text = text[: LONGEST - 3] + "..."
    return f"{text} ({a_or_an(type(value).__name__)})"


def a_or_an(noun):
    """Return ``noun`` after the article it takes: 'an int', 'a float'."""
    article = "an" if noun[:1].lower() in ("a", "e", "i", "o", "u") else "a"
    return f"{article} {noun}"

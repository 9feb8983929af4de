"""The exceptions of the AMP layer, and the error codes that travel on the wire."""

UNHANDLED = "UNHANDLED"
"""Error code of the answer to a command that the peer has no responder for."""

UNKNOWN = "UNKNOWN"
"""Error code of the answer to a command whose responder raised an exception
that the command does not declare."""


class ProtocolError(ConnectionError):
    """The peer sent something that is not AMP, or broke one of its limits.

    The connection cannot be trusted after this: whoever catches it closes
    the connection. Nothing else is ever raised for malformed input.
    """


class ConnectionClosed(ConnectionError):
    """The peer closed the connection (for example because its process ended)."""


class AMPError(Exception):
    """The peer answered a command with an error that the command does not declare.

    :attr:`code` is the error code (``UNHANDLED`` when the peer has no
    responder for the command, ``UNKNOWN`` when the responder raised an
    exception the command does not declare, or any code the peer chose), and
    :attr:`description` the peer's explanation. Errors a command declares in
    its ``errors`` arrive as their own exception class instead.
    """

    def __init__(self, code: str, description: str) -> None:
        super().__init__(code, description)
        self.code = code
        self.description = description

    def __str__(self) -> str:
        return f"{self.code}: {self.description}"

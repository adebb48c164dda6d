"""uvicorn's httptools protocol with a deadline on a request's headers: a client that
opens a connection and sends its headers slowly, or never finishes them (slowloris), is
answered 408 and let go after HEADER_TIMEOUT_S; headers over MAX_HEADER_BYTES are 431.
uvicorn itself times out only idle keep-alive connections."""
from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT_S = 10.0
MAX_HEADER_BYTES = 64 * 1024


class GuardedHttp(HttpToolsProtocol):
    _header_deadline = None
    _header_bytes = 0

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()                     # from the connection: the first byte may never come

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._header_deadline is not None and not self.transport.is_closing():
            self._header_bytes += len(data)
            if self._header_bytes > MAX_HEADER_BYTES:
                self._let_go(431, b"Request Header Fields Too Large")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_deadline is None:
            self._arm()                 # the next request of a kept-alive connection

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._header_bytes = 0
        self._header_deadline = self.loop.call_later(HEADER_TIMEOUT_S, self._let_go, 408,
                                                     b"Request Timeout")

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _let_go(self, status: int, reason: bytes) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self.transport.write(b"HTTP/1.1 %d %s\r\ncontent-length: 0\r\nconnection: close"
                                 b"\r\n\r\n" % (status, reason))
            self.transport.close()

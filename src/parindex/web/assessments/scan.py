"""An optional virus scan of every evidence upload by ClamAV's daemon (clamd), when one is
configured: the file is streamed to it with the INSTREAM command (chunks each preceded by its
length, 4 bytes big-endian, then a zero length) and its one-line answer read back.

Configured by CLAMAV_SOCKET (a unix socket path) or CLAMAV_HOST and CLAMAV_PORT; with neither
nothing is scanned. An unreachable daemon refuses the upload (fail closed) unless
CLAMAV_FAIL_OPEN is on."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass
from typing import IO

CHUNK = 64 * 1024
TIMEOUT = 30.0  # seconds for connecting and for each reply; 20 MB scan in well under that


class ScannerUnavailable(OSError):
    """The daemon could not be reached or gave no understandable answer."""


@dataclass(frozen=True)
class Scanner:
    socket_path: str = ""
    host: str = ""
    port: int = 3310
    timeout: float = TIMEOUT

    @property
    def configured(self) -> bool:
        return bool(self.socket_path or self.host)

    def _connect(self) -> socket.socket:
        if self.socket_path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            sock.connect(self.socket_path)
            return sock
        return socket.create_connection((self.host, self.port), timeout=self.timeout)

    def scan(self, stream: IO[bytes]) -> str | None:
        """The name of the virus found in the stream (read from where it is, left there), or
        None if clean; ScannerUnavailable if the daemon cannot say."""
        start = stream.tell()
        try:
            with self._connect() as sock:
                sock.sendall(b"zINSTREAM\0")
                while chunk := stream.read(CHUNK):
                    sock.sendall(struct.pack(">I", len(chunk)) + chunk)
                sock.sendall(struct.pack(">I", 0))
                reply = b""
                while not reply.endswith(b"\0") and (part := sock.recv(4096)):
                    reply += part
        except OSError as exc:
            raise ScannerUnavailable(str(exc)) from None
        finally:
            stream.seek(start)
        answer = reply.rstrip(b"\0").decode("utf-8", "replace").strip()
        if answer.endswith("OK"):
            return None
        if answer.endswith("FOUND"):
            found = answer.removeprefix("stream:").strip().removesuffix("FOUND").strip()
            return found or "không rõ tên"
        raise ScannerUnavailable(answer or "no answer")  # "INSTREAM size limit exceeded", ...

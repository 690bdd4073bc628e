"""A minimal headless-Chromium driver over the DevTools protocol, standard library only.

Why not a package: Playwright's Python package wants its own browser download, which is
not available here, and a DevTools client needs only a WebSocket, JSON and a subprocess.
This module starts ``chromium --headless --remote-debugging-port=0``, reads the
``DevTools listening on ws://...`` line from its standard error, speaks just enough
WebSocket (RFC 6455: masked client frames, fragmented and long server frames, ping) to
send commands and collect events, and offers the few page operations the tests need:
navigate, evaluate, press a key, click, resize, screenshot.

Console errors, uncaught exceptions, log errors (CSP violations, blocked requests) and
JavaScript dialogs are recorded on the ``Page``; dialogs are dismissed at once so a
hostile page cannot hang the test run.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)
APT_LINE = "apt-get update && apt-get install -y chromium"


def find_chromium() -> str | None:
    """The Chromium executable: ``$REVTRACK_CHROMIUM``, else ``chromium`` on PATH."""
    configured = os.environ.get("REVTRACK_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class CDPError(RuntimeError):
    """A DevTools command failed, or the browser did not answer in time."""


class _WebSocket:
    """Just enough of a WebSocket client for the DevTools protocol."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urlsplit(url)
        host, port = parts.hostname or "127.0.0.1", parts.port or 80
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        request = (
            f"GET {parts.path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode("ascii"))
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise CDPError("DevTools closed the connection during the handshake")
            self.buffer += chunk
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise CDPError(f"WebSocket handshake refused: {head[:200]!r}")

    def _read(self, n: int) -> bytes:
        while len(self.buffer) < n:
            chunk = self.sock.recv(max(65536, n - len(self.buffer)))
            if not chunk:
                raise CDPError("DevTools connection closed")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def send(self, text: str, opcode: int = 1) -> None:
        payload = text.encode("utf-8")
        header = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", n)
        mask = os.urandom(4)
        repeated = (mask * (n // 4 + 1))[:n]
        masked = (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(
            n, "big"
        )
        self.sock.sendall(header + mask + masked)

    def receive(self) -> str:
        """The next text message (fragments joined; pings answered)."""
        message = b""
        while True:
            first, second = self._read(2)
            opcode, fin = first & 0x0F, first & 0x80
            n = second & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else b""
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            if opcode == 8:
                raise CDPError("DevTools closed the connection")
            if opcode == 9:
                self.sock.sendall(bytes([0x8A, 0x80]) + os.urandom(4))
                continue
            if opcode in (0, 1, 2):
                message += payload
                if fin:
                    return message.decode("utf-8")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


class Browser:
    """One headless Chromium process with a fresh profile, driven over DevTools."""

    def __init__(self, executable: str, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="revtrack-chromium-")
        self.process = subprocess.Popen(
            [
                executable,
                *FLAGS,
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.stderr_lines: list[str] = []
        lines: queue.Queue[str] = queue.Queue()

        def drain() -> None:
            assert self.process.stderr is not None
            for raw in self.process.stderr:
                line = raw.decode("utf-8", "replace").rstrip()
                self.stderr_lines.append(line)
                lines.put(line)

        threading.Thread(target=drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        url = None
        while url is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.process.poll() is not None:
                self.close()
                raise CDPError(
                    "Chromium did not start DevTools: " + " | ".join(self.stderr_lines[-5:])
                )
            try:
                line = lines.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                url = match.group(1)
        self.ws = _WebSocket(url, timeout)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        self.dialogs: list[dict[str, Any]] = []

    # -- protocol -----------------------------------------------------------------------

    def _dispatch(self, message: dict[str, Any]) -> None:
        """Keep an event; dismiss a JavaScript dialog at once so nothing hangs."""
        self.events.append(message)
        if message.get("method") == "Page.javascriptDialogOpening":
            self.dialogs.append(message)
            self.next_id += 1
            self.ws.send(
                json.dumps(
                    {
                        "id": self.next_id,
                        "method": "Page.handleJavaScriptDialog",
                        "params": {"accept": False},
                        "sessionId": message.get("sessionId"),
                    }
                )
            )

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer, keeping events that arrive meanwhile."""
        self.next_id += 1
        ident = self.next_id
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            reply = json.loads(self.ws.receive())
            if reply.get("id") == ident:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error'].get('message')}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self._dispatch(reply)
        raise CDPError(f"{method}: no answer within {self.timeout} s")

    def wait_event(self, method: str, session: str, since: int = 0,
                   timeout: float | None = None) -> dict[str, Any]:
        """The first event ``method`` on ``session`` after index ``since`` (waits for it)."""
        deadline = time.monotonic() + (timeout or self.timeout)
        index = since
        while True:
            for event in self.events[index:]:
                if event.get("method") == method and event.get("sessionId") == session:
                    return event
            index = len(self.events)
            if time.monotonic() > deadline:
                raise CDPError(f"no {method} event within {timeout or self.timeout} s")
            message = json.loads(self.ws.receive())
            if "method" in message:
                self._dispatch(message)

    def new_page(self, width: int = 1280, height: int = 900) -> Page:
        """A fresh tab with console, log and dialog reporting switched on."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        page = Page(self, session, target)
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable", session=session)
        page.resize(width, height)
        return page

    def close(self) -> None:
        """Close the browser we started (only that process group) and its profile."""
        try:
            if getattr(self, "ws", None) is not None:
                with contextlib.suppress(CDPError, OSError):
                    self.call("Browser.close")
                self.ws.close()
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab: navigation, script evaluation, input and screenshots."""

    def __init__(self, browser: Browser, session: str, target: str) -> None:
        self.browser, self.session, self.target = browser, session, target

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, self.session)

    def _events(self, method: str) -> list[dict[str, Any]]:
        return [
            e for e in self.browser.events
            if e.get("method") == method and e.get("sessionId") == self.session
        ]

    @property
    def dialogs(self) -> list[dict[str, Any]]:
        """Every JavaScript dialog (alert, confirm, prompt) the page tried to open."""
        return [d for d in self.browser.dialogs if d.get("sessionId") == self.session]

    @property
    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors, as text."""
        found = []
        for event in self._events("Runtime.consoleAPICalled"):
            if event["params"]["type"] in ("error", "assert"):
                args = event["params"].get("args", [])
                found.append("console: " + " ".join(str(a.get("value", a)) for a in args))
        for event in self._events("Runtime.exceptionThrown"):
            details = event["params"]["exceptionDetails"]
            found.append("exception: " + str(details.get("exception", details.get("text"))))
        for event in self._events("Log.entryAdded"):
            entry = event["params"]["entry"]
            if entry.get("level") == "error":
                found.append(f"log: {entry.get('source')}: {entry.get('text')}")
        return found

    def goto(self, url: str) -> None:
        """Navigate and wait for the load event."""
        since = len(self.browser.events)
        self.call("Page.navigate", {"url": url})
        self.browser.wait_event("Page.loadEventFired", self.session, since)

    def js(self, expression: str) -> Any:
        """Evaluate an expression in the page and return its JSON value."""
        result = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise CDPError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def press(self, key: str) -> None:
        """Type one printable key as a user would (keydown with text, keyup)."""
        code = f"Key{key.upper()}" if key.isalpha() else ""
        base = {"key": key, "code": code, "windowsVirtualKeyCode": ord(key.upper())}
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": key, **base})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def key(self, name: str) -> None:
        """Press a named key: ``Tab``, ``Enter`` or ``Escape``."""
        codes = {"Tab": (9, ""), "Enter": (13, "\r"), "Escape": (27, "")}
        code, text = codes[name]
        base = {"key": name, "code": name, "windowsVirtualKeyCode": code}
        down = {"type": "keyDown", **base, **({"text": text} if text else {})}
        self.call("Input.dispatchKeyEvent", down)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def click(self, selector: str) -> None:
        """Click the middle of the first element matching ``selector`` with the mouse."""
        box = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()"
        )
        if box is None:
            raise CDPError(f"nothing matches {selector!r}")
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": box["x"], "y": box["y"], "button": "left", "clickCount": 1},
            )

    def resize(self, width: int, height: int) -> None:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def media(self, media: str) -> None:
        """Emulate a CSS media type (``print`` or ``screen``; empty resets)."""
        self.call("Emulation.setEmulatedMedia", {"media": media})

    def screenshot(self, path: Path) -> bytes:
        """Save a PNG of the viewport and return its bytes."""
        data = base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def close(self) -> None:
        with contextlib.suppress(CDPError):
            self.browser.call("Target.closeTarget", {"targetId": self.target})

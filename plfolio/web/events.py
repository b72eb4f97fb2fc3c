"""Server-sent events: tell open pages that files changed, so they can offer a refresh.

The watcher runs in another thread; ``publish`` hands each change to every connected page's queue on
the event loop that serves it. Pages show a banner rather than reloading, so nothing being typed is lost.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import StreamingResponse

HEARTBEAT_SECONDS = 15.0


class Broadcaster:
    def __init__(self) -> None:
        self._subscribers: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[list[str]]]] = set()
        self._lock = threading.Lock()

    def subscribe(self) -> tuple[asyncio.AbstractEventLoop, asyncio.Queue[list[str]]]:
        pair = (asyncio.get_running_loop(), asyncio.Queue(maxsize=100))
        with self._lock:
            self._subscribers.add(pair)
        return pair

    def unsubscribe(self, pair: tuple[asyncio.AbstractEventLoop, asyncio.Queue[list[str]]]) -> None:
        with self._lock:
            self._subscribers.discard(pair)

    @property
    def listeners(self) -> int:
        return len(self._subscribers)

    def publish(self, refs: list[str]) -> None:
        """Safe to call from any thread."""
        with self._lock:
            subscribers = list(self._subscribers)
        for loop, queue in subscribers:
            try:
                loop.call_soon_threadsafe(_offer, queue, refs)
            except RuntimeError:  # that page's loop is gone
                self.unsubscribe((loop, queue))


def _offer(queue: asyncio.Queue[list[str]], refs: list[str]) -> None:
    if not queue.full():
        queue.put_nowait(refs)


async def events(request: Request) -> StreamingResponse:
    broadcaster: Broadcaster = request.app.state.events

    async def stream() -> AsyncIterator[str]:
        pair = broadcaster.subscribe()
        try:
            yield ": connected\n\n"
            while True:
                try:
                    refs = await asyncio.wait_for(pair[1].get(), HEARTBEAT_SECONDS)
                except asyncio.TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield ": keep-alive\n\n"
                    continue
                yield f"event: change\ndata: {json.dumps(refs)}\n\n"
        finally:
            broadcaster.unsubscribe(pair)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"cache-control": "no-store"})

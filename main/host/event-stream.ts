// GET /api/events: the `Events` as Server-Sent Events, one named SSE event per app event
// (`event: sync:progress` + `data: <JSON payload>`), so the browser shim can addEventListener(name).
import type { ServerResponse } from 'node:http';
import type { EventBus } from '../api/events';

export const HEARTBEAT_MS = 20_000;

export interface EventStreams {
  open(res: ServerResponse): void;
  closeAll(): void;
}

export function createEventStreams(events: EventBus, heartbeatMs = HEARTBEAT_MS): EventStreams {
  const open = new Set<ServerResponse>();
  return {
    open(res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      open.add(res);
      const unsubscribe = events.onAny((name, payload) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      // A comment line keeps idle connections from being dropped by proxies and lets us notice dead ones.
      const beat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
      beat.unref();
      res.on('close', () => {
        clearInterval(beat);
        unsubscribe();
        open.delete(res);
      });
    },
    closeAll() {
      for (const res of [...open]) res.end();
    },
  };
}

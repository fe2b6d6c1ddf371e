// Electron has no online/offline event in main: poll net.isOnline() (cheap, OS-reported) and tell the
// scheduler when the network comes back; also sync after the laptop wakes up.
import { net, powerMonitor } from 'electron';
import type { SyncScheduler } from '../sync/scheduler';

export const NETWORK_POLL_MS = 5_000;

export function watchNetwork(scheduler: SyncScheduler): () => void {
  let online = net.isOnline();
  const timer = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) scheduler.notifyOnline();
    online = now;
  }, NETWORK_POLL_MS);
  const onResume = (): void => scheduler.notifyOnline();
  powerMonitor.on('resume', onResume);
  return () => {
    clearInterval(timer);
    powerMonitor.off('resume', onResume);
  };
}

// Window hardening (docs/architecture.md "Security"): strict CSP, no permissions, no navigation away from the app,
// no new windows, no <webview>. Applied to every webContents the app ever creates.
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../host/headers';
import { isAppUrl } from './protocol';
import type { Logger } from '../log';

export function hardenSession(log: Logger): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    log.warn(`permission request denied: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
}

function hardenContents(contents: WebContents, log: Logger): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log.warn(`navigation denied: ${url}`);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`new window denied: ${url}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenAllWebContents(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, log));
}

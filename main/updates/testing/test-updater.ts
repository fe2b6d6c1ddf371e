// electron-updater's real AppUpdater — app-update.yml, the generic provider, latest.yml parsing, version comparison,
// the sha512-checked download into its cache — without Electron: a stand-in `app` (electron-updater's AppAdapter)
// and a Node HTTP executor instead of Electron's net module. Only installing is recorded instead of done.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { join } from 'node:path';
import type { URL } from 'node:url';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import { AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import type { DownloadExecutorResult, DownloadUpdateOptions } from 'electron-updater/out/AppUpdater';
import { findFile } from 'electron-updater/out/providers/Provider';

class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return httpRequest(options, callback);
  }

  /** What Electron's executor does, over node:http (the download pipes through electron-updater's sha512 check). */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          responseHandler: null,
          callback: (error) => (error ? reject(error) : resolve(destination)),
        },
        0,
      );
    });
  }
}

/** A packaged app of `version` whose resources folder holds the app-update.yml electron-builder would write. */
export class TestApp implements AppAdapter {
  readonly name = 'Seller Desk';
  readonly isPackaged = true;
  quits = 0;
  constructor(
    readonly version: string,
    private readonly dir: string,
  ) {}
  get appUpdateConfigPath(): string {
    return join(this.dir, 'resources', 'app-update.yml');
  }
  get userDataPath(): string {
    return join(this.dir, 'user-data');
  }
  get baseCachePath(): string {
    return join(this.dir, 'cache');
  }
  /** What electron-builder writes from electron-builder.yml's `publish: { provider: generic, url }`. */
  writeUpdateConfig(feedUrl: string): void {
    mkdirSync(join(this.dir, 'resources'), { recursive: true });
    writeFileSync(
      this.appUpdateConfigPath,
      `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: seller-desk-updater\n`,
    );
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  relaunch(): void {}
  quit(): void {
    this.quits++;
  }
  onQuit(): void {}
}

export type FeedPlatform = 'win32' | 'darwin';

export class TestUpdater extends AppUpdater {
  readonly installs: Array<{ isSilent?: boolean; isForceRunAfter?: boolean }> = [];
  private readonly executor = new NodeHttpExecutor();
  private readonly extension: string;

  constructor(app: TestApp, platform: FeedPlatform) {
    super(null, app);
    this.extension = platform === 'darwin' ? 'zip' : 'exe';
    // The two @internal fields electron-updater's own test suite sets: the HTTP executor (Electron's net module is
    // not here) and the platform, which picks the channel file (latest.yml on Windows, latest-mac.yml on macOS).
    Object.assign(this, {
      httpExecutor: this.executor,
      _testOnlyOptions: { platform, isUseDifferentialDownload: false },
    });
    this.logger = null;
  }

  protected async doDownloadUpdate(options: DownloadUpdateOptions): Promise<DownloadExecutorResult> {
    const provider = options.updateInfoAndProvider.provider;
    const fileInfo = findFile(provider.resolveFiles(options.updateInfoAndProvider.info), this.extension);
    if (!fileInfo) throw new Error(`the feed lists no .${this.extension} file`);
    return this.executeDownload({
      fileExtension: this.extension,
      fileInfo,
      downloadUpdateOptions: options,
      task: async (destination, downloadOptions) => {
        await this.executor.download(fileInfo.url, destination, downloadOptions);
      },
      done: async (event) => {
        this.dispatchUpdateDownloaded(event);
      },
    });
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push({ isSilent, isForceRunAfter });
  }
}

// electron-updater's failures in words: a code the window translates and one English sentence, never a stack.
import { describe, expect, it } from 'vitest';
import { describeUpdateError } from './errors';

const withFields = (message: string, fields: Record<string, unknown>): Error =>
  Object.assign(new Error(message), fields);

describe('describeUpdateError', () => {
  it('no network: Node socket codes and Electron net errors are "unreachable"', () => {
    expect(
      describeUpdateError(withFields('connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED' }), 'check'),
    ).toEqual({
      code: 'unreachable',
      message: 'the update server cannot be reached (ECONNREFUSED)',
    });
    expect(
      describeUpdateError(new Error('net::ERR_INTERNET_DISCONNECTED\n    at SimpleURLLoaderWrapper'), 'download'),
    ).toEqual({
      code: 'unreachable',
      message: 'the update server cannot be reached (net::ERR_INTERNET_DISCONNECTED)',
    });
  });

  it('an HTTP error from the feed is "http" with the status', () => {
    expect(describeUpdateError(withFields('HttpError: 503 Service Unavailable', { statusCode: 503 }), 'check')).toEqual(
      {
        code: 'http',
        message: 'the update server answered HTTP 503',
      },
    );
  });

  it('a failed quitAndInstall is "install"; an unknown download failure keeps its first line only', () => {
    expect(describeUpdateError(new Error('EACCES: permission denied'), 'install').code).toBe('install');
    const other = describeUpdateError(new Error(`disk full${'\n'}    at write (fs.js:1)`), 'download');
    expect(other).toEqual({ code: 'other', message: 'the update failed: disk full' });
  });
});

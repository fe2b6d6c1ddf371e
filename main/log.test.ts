// The logger never writes credentials (the SK never in logs).
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './log';

const SK = 'sk-test-0123456789abcdef';

describe('log redaction', () => {
  it('masks a registered secret wherever it appears', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (l) => lines.push(l), now: () => 0 });
    log.addSecret(SK);
    log.info(`connecting with ${SK}`, { nested: { value: `x${SK}y` } });
    log.error('failed', new Error(`bad key ${SK}`));
    expect(lines.join('\n')).not.toContain(SK);
    expect(lines[0]).toContain('[redacted]');
  });

  it('masks Authorization headers, signatures, sk/token fields and token query parameters without registration', () => {
    const text = redact(
      [
        'Authorization: SDK-HMAC-SHA256 Access=AKTESTSELLER0001, SignedHeaders=host;x-sdk-date, Signature=d1619743a51782ecf08566a57b868d15c6c7fc844b65b536f68ce1786090a7a6',
        '{"ak":"AK1","sk":"supersecretvalue"}',
        'GET /api/events?token=abcdef0123456789',
        'x-seller-desk-token: 0123456789abcdef',
      ].join('\n'),
    );
    expect(text).not.toContain('d1619743a5');
    expect(text).not.toContain('supersecretvalue');
    expect(text).not.toContain('abcdef0123456789');
    expect(text).not.toContain('0123456789abcdef');
    expect(text).toContain('"ak":"AK1"');
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', sink: (l) => lines.push(l) });
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});

// Delivery templates fetched when an order line's templateVersion is new (docs/marketplace-api.md "Reference data").
import { afterEach, describe, expect, it } from 'vitest';
import type { WireDeliveryTemplate } from '../../common/marketplace/wire';
import { getTemplate, listTemplateVersions } from '../proofs/templates';
import { MarketplaceClient } from './client';
import { makeLine, startFakeMarketplace, type FakeMarketplace } from './testing/fake-marketplace';
import { SyncEngine } from './pull';
import { recordingSleep, settableClock, tempDb, type TempDb } from './testing/helpers';

const T0 = Date.UTC(2025, 3, 1, 4, 0, 0);
let fake: FakeMarketplace;
let tmp: TempDb;
afterEach(async () => {
  await fake?.close();
  tmp?.cleanup();
});

const template = (productId: string, templateVersion: number): WireDeliveryTemplate => ({
  productId,
  templateVersion,
  items: [
    { key: 'scope', title: 'Scope', description: null, required: true, kind: 'longtext' },
    { key: 'sow', title: 'Signed SOW', required: true, kind: 'attachment', attachmentCategory: 'sow' },
    { key: `check${templateVersion}`, title: 'Checks', required: false, kind: 'checklist', options: ['a', 'b'] },
  ],
});

async function setup() {
  fake = await startFakeMarketplace({ now: () => T0 });
  tmp = tempDb();
  const clock = settableClock(T0);
  const creds = fake.credentials;
  const client = new MarketplaceClient({ baseUrl: fake.url, credentials: () => creds, clock });
  const engine = new SyncEngine({ db: tmp.db, client, clock, sleep: recordingSleep().sleep, random: () => 0.5 });
  return { fake, db: tmp.db, engine };
}

const templateRequests = () => fake.requests.filter((r) => r.path.endsWith('/delivery-template'));

describe('pullTemplates — P1 templates by ETag', () => {
  it('fetches each referenced product once, keeps raw JSON, then nothing while versions are cached; 404 for one product does not stop the others', async () => {
    const { fake, db, engine } = await setup();
    fake.templates.set('OFFI0', template('OFFI0', 1));
    fake.templates.set('OFFI1', { ...template('OFFI1', 1), futureField: 'kept' } as WireDeliveryTemplate);
    for (let i = 0; i < 9; i++) fake.feed.push(makeLine(i)); // products OFFI0, OFFI1, OFFI2 (no template → 404)
    const run = await engine.runOnce();
    expect(run.templates).toEqual({ fetched: 2, notModified: 0, failed: 1 });
    expect(
      templateRequests()
        .map((r) => r.path.split('/')[5])
        .sort(),
    ).toEqual(['OFFI0', 'OFFI1', 'OFFI2']);
    expect(getTemplate(db, 'OFFI0')?.items.map((i) => i.key)).toEqual(['scope', 'sow', 'check1']);
    expect((getTemplate(db, 'OFFI1')?.raw as { futureField?: string }).futureField).toBe('kept');
    expect(getTemplate(db, 'OFFI1')?.etag).toBe('"t-OFFI1-1"');

    const before = templateRequests().length;
    const again = await engine.pullTemplates();
    expect(again).toEqual({ fetched: 0, notModified: 0, failed: 1 }); // only the product with no template is asked again
    expect(
      templateRequests()
        .slice(before)
        .map((r) => r.path.split('/')[5]),
    ).toEqual(['OFFI2']);
  });

  it('a line referring to a newer templateVersion → GET with If-None-Match; 304 when unchanged; a new version is stored beside the old one', async () => {
    const { fake, db, engine } = await setup();
    fake.templates.set('OFFI0', template('OFFI0', 1));
    fake.feed.push(makeLine(0));
    await engine.runOnce();
    expect(listTemplateVersions(db, 'OFFI0')).toEqual([1]);

    // The line moves to template v2, but the marketplace still serves v1 → 304 Not Modified.
    fake.feed.push(makeLine(0, { version: 2, templateVersion: 2 }));
    const r1 = await engine.runOnce();
    expect(r1.templates).toEqual({ fetched: 0, notModified: 1, failed: 0 });
    const conditional = templateRequests().at(-1);
    expect(conditional?.headers['if-none-match']).toBe('"t-OFFI0-1"');

    // Now v2 is published → 200 with the new ETag; both versions kept (a draft filled against v1 stays readable).
    fake.templates.set('OFFI0', template('OFFI0', 2));
    const r2 = await engine.pullTemplates();
    expect(r2).toEqual({ fetched: 1, notModified: 0, failed: 0 });
    expect(listTemplateVersions(db, 'OFFI0')).toEqual([1, 2]);
    expect(getTemplate(db, 'OFFI0', 1)?.items.at(-1)?.key).toBe('check1');
    expect(getTemplate(db, 'OFFI0')?.templateVersion).toBe(2);
    expect(getTemplate(db, 'OFFI0')?.etag).toBe('"t-OFFI0-2"');
    expect(await engine.pullTemplates()).toEqual({ fetched: 0, notModified: 0, failed: 0 });
  });
});

// The seller's account as the marketplace keeps it: business information certified or not (B4) and the deposit
// that refunds the settlement cannot cover are deducted from (B3). Kept in the simulator's meta table per seller.
import { z } from 'zod';
import { moneyToWire, parseMoney } from '../common/domain/money';
import { currency as currencySchema, wireMoney } from '../common/marketplace/wire';
import type { Seller } from './auth';
import { firstSeller, sellerById, type SimContext } from './context';
import { ok, validation } from './responses';
import { jsonBody, type Route } from './router';
import type { SimStore } from './store';

export interface SimAccount {
  businessInfoCertified: boolean;
  /** The deposit still held, in minor units of `depositCurrency`. */
  depositMinor: number;
  depositCurrency: 'CNY' | 'USD';
}

/** A new seller: certified, with a 5000.00 CNY deposit (the demo marketplace's). */
export const DEFAULT_ACCOUNT: Readonly<SimAccount> = {
  businessInfoCertified: true,
  depositMinor: 500_000,
  depositCurrency: 'CNY',
};

const key = (sellerId: string): string => `account:${sellerId}`;

export function getAccount(store: SimStore, sellerId: string): SimAccount {
  const raw = store.meta(key(sellerId));
  return raw === null ? { ...DEFAULT_ACCOUNT } : (JSON.parse(raw) as SimAccount);
}

export function setAccount(store: SimStore, sellerId: string, account: SimAccount): void {
  store.setMeta(key(sellerId), JSON.stringify(account));
}

/** `GET /api/seller-sync/v1/account` (docs/marketplace-api.md "Reference data"). */
export function accountWire(
  seller: Seller,
  a: SimAccount,
): {
  sellerId: string;
  sellerName: string;
  businessInfoCertified: boolean;
  deposit: { amount: string; currency: string };
} {
  return {
    sellerId: seller.sellerId,
    sellerName: seller.sellerName,
    businessInfoCertified: a.businessInfoCertified,
    deposit: { amount: moneyToWire(a.depositMinor), currency: a.depositCurrency },
  };
}

const accountBody = z.object({
  sellerId: z.string().min(1).optional(),
  businessInfoCertified: z.boolean().optional(),
  deposit: wireMoney.refine((m) => parseMoney(m) >= 0, 'a deposit is not negative').optional(),
  depositCurrency: currencySchema.optional(),
});

export function sellerOrFirst(ctx: SimContext, sellerId: string | undefined): Seller {
  const seller = sellerId ? sellerById(ctx, sellerId) : firstSeller(ctx);
  if (!seller) throw validation([{ field: 'sellerId', message: `no such seller: ${sellerId}` }]);
  return seller;
}

/**
 * `GET /sim/v1/account?sellerId=` and `POST /sim/v1/account { businessInfoCertified?, deposit?, depositCurrency? }`.
 */
export function accountRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/sim/v1/account',
      handler: (req) => {
        const seller = sellerOrFirst(ctx, req.query.get('sellerId'));
        return ok({ account: accountWire(seller, getAccount(ctx.store, seller.sellerId)) });
      },
    },
    {
      method: 'POST',
      path: '/sim/v1/account',
      handler: (req) => {
        const body = jsonBody(req, accountBody);
        const seller = sellerOrFirst(ctx, body.sellerId);
        const a = getAccount(ctx.store, seller.sellerId);
        if (body.businessInfoCertified !== undefined) a.businessInfoCertified = body.businessInfoCertified;
        if (body.deposit !== undefined) a.depositMinor = parseMoney(body.deposit);
        if (body.depositCurrency !== undefined) a.depositCurrency = body.depositCurrency;
        setAccount(ctx.store, seller.sellerId, a);
        ctx.store.logAction({
          at: req.now,
          actor: 'marketplace',
          kind: 'account',
          sellerId: seller.sellerId,
          detail: body,
        });
        return ok({ account: accountWire(seller, a) });
      },
    },
  ];
}

// How a seeded line got to its stage: the list of moves (customer, seller, marketplace) that leads there (S1–S5c).
import type { Stage, SupervisionProcess, WireTemplateItem } from '../common/marketplace/wire';
import type { Prng } from './prng';
import type { SampleFiles } from './sample-files';
import {
  APPEAL_REASONS,
  REJECT_REASONS,
  REQUEST_DESCRIPTIONS,
  RETURN_REASONS,
  UNSUBSCRIBE_REASONS,
  fillDelivery,
  requestAttachments,
} from './seed-content';
import {
  customerAcceptDelivery,
  customerRequestUnsubscription,
  customerReturnDelivery,
  customerSubmitRequest,
  resolveAppeal,
  sellerAcceptRequest,
  sellerDeliver,
  sellerOpenAppeal,
  sellerRejectRequest,
  sellerReviewUnsubscription,
  type OrderLine,
  type TransitionContext,
} from './transitions';
import { moneyToWire, parseMoney } from '../common/domain/money';

export type Target =
  | {
      kind: 'supervised';
      process: SupervisionProcess;
      stage: Stage;
      longWait?: boolean;
      appeal?: boolean;
      unsubscribe?: boolean;
      /** Force a PERIOD product (so a renewal can follow, S6). */
      periodic?: boolean;
      /** Accepted less than 3 hours ago: still PROCESSING (O2a). */
      recentlyAccepted?: boolean;
    }
  | { kind: 'renewal' | 'payPerUse' | 'trial' | 'unpaid' };

export type Step = (ctx: TransitionContext) => void;

type SupervisedTarget = Extract<Target, { kind: 'supervised' }>;

/** The moves, in order, that bring a fresh line (emptyLine) to the target's stage and flags. */
export function historyFor(
  prng: Prng,
  files: SampleFiles,
  target: SupervisedTarget,
  line: OrderLine,
  items: WireTemplateItem[],
): Step[] {
  let att = 0;
  const attId = (): string => `${line.orderLineId}-A${++att}`;
  const legacy = line.supervision?.process === 'LEGACY';
  const placed = Date.parse(line.createTime);
  const steps: Step[] = [];

  const submit: Step = (ctx) =>
    customerSubmitRequest(line, ctx, {
      description: prng.pick(REQUEST_DESCRIPTIONS),
      attachments: requestAttachments(prng, files, attId),
    });
  const reject: Step = (ctx) => sellerRejectRequest(line, ctx, prng.pick(REJECT_REASONS));
  const deliver: Step = (ctx) => {
    const filled = fillDelivery(prng, files, items, placed, ctx.now, attId);
    // V4: an enabling time, when given, lies between placement and submission.
    const enabling = prng.chance(0.5) ? null : Math.floor((placed + prng.next() * (ctx.now - placed)) / 1000) * 1000;
    sellerDeliver(line, ctx, { templateVersion: line.templateVersion ?? 1, enablingTimeMs: enabling, ...filled });
  };
  const giveBack: Step = (ctx) => customerReturnDelivery(line, ctx, prng.pick(RETURN_REASONS));

  const reach = (stage: Stage): void => {
    if (!legacy) {
      if (stage === 'awaiting_request') return;
      steps.push(submit);
      const cycles = prng.weighted([
        [0, 70],
        [1, 22],
        [2, 8],
      ] as const);
      for (let i = 0; i < cycles; i++) steps.push(reject, submit);
      if (stage === 'request_pending') return;
      if (stage === 'request_returned') return void steps.push(reject);
      steps.push((ctx) => sellerAcceptRequest(line, ctx));
    }
    if (stage === 'awaiting_delivery') return;
    steps.push(deliver);
    const returns = prng.weighted([
      [0, 75],
      [1, 20],
      [2, 5],
    ] as const);
    for (let i = 0; i < returns; i++) steps.push(giveBack, deliver);
    if (stage === 'delivery_returned') return void steps.push(giveBack);
    if (stage === 'awaiting_acceptance') return;
    steps.push((ctx) => customerAcceptDelivery(line, ctx)); // completed
  };

  const unsubscribe: Step = (ctx) => {
    const paid = parseMoney(line.amount);
    const amount = Math.max(1, Math.round(paid * prng.pick([0.25, 0.5, 1])));
    customerRequestUnsubscription(line, ctx, {
      amount: moneyToWire(Math.min(paid, amount)),
      reason: prng.pick(UNSUBSCRIBE_REASONS),
    });
  };

  if (target.stage === 'closed') {
    const openStages: Stage[] = legacy
      ? ['awaiting_delivery', 'awaiting_acceptance']
      : ['awaiting_request', 'request_pending', 'awaiting_delivery', 'awaiting_acceptance'];
    reach(prng.pick(openStages));
    if (parseMoney(line.amount) > 0 && prng.chance(0.8)) {
      steps.push(unsubscribe, (ctx) =>
        sellerReviewUnsubscription(line, ctx, { decision: 'agree', comments: '同意退订 / agreed' }),
      );
    } else {
      steps.push(
        (ctx) => sellerOpenAppeal(line, ctx, { reason: prng.pick(APPEAL_REASONS) }),
        (ctx) => resolveAppeal(line, ctx, 'closed', 'refund granted'),
      );
    }
    return steps;
  }
  reach(target.stage);
  if (target.unsubscribe && parseMoney(line.amount) > 0) steps.push(unsubscribe);
  if (target.appeal) steps.push((ctx) => sellerOpenAppeal(line, ctx, { reason: prng.pick(APPEAL_REASONS) }));
  return steps;
}

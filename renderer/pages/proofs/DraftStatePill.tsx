// A draft's state as a pill: a draft being written, queued (pending sync), delivered, in conflict (P5).
import type { ProofDraftState } from '../../../common/api/contract-proofs';
import { Pill } from '../../components/Badges';
import { useT } from '../../i18n/use-t';

const TONE: Record<ProofDraftState, 'info' | 'warn' | 'danger' | 'good' | 'muted'> = {
  editing: 'muted',
  queued: 'warn',
  delivered: 'good',
  conflict: 'danger',
};

export function DraftStatePill({ state }: { state: ProofDraftState }) {
  const t = useT();
  return (
    <span data-testid="draft-state" data-state={state}>
      <Pill tone={TONE[state]}>{t(`draftState.${state}`)}</Pill>
    </span>
  );
}

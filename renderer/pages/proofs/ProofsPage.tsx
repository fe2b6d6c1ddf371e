// The Delivery proofs page: the open proof editor, or — when none is open — every draft of every order,
// from where the statements of work of selected orders are exported.
import { useProofs } from './use-proofs';
import { DraftList } from './DraftList';
import { ProofEditor } from './ProofEditor';
import './proofs.css';

export function ProofsPage() {
  const open = useProofs((s) => s.editor !== null);
  return open ? <ProofEditor /> : <DraftList />;
}

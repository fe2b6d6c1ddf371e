// React access to the bills and reconciliation stores (B1–B5), beside StoresContext's hooks.
import { useStore } from 'zustand';
import { useStores } from './StoresContext';
import type { BillsState } from './bills-store';
import type { ReconState } from './recon-store';

export const useBills = <T>(select: (s: BillsState) => T): T => useStore(useStores().bills, select);
export const useRecon = <T>(select: (s: ReconState) => T): T => useStore(useStores().recon, select);

// The migration list, in order (STYLE.md: NNNN-what-it-does.sql, steps of 10). Add a file, then a line here.
import type { Migration } from '../migrate';

export const MIGRATIONS: readonly Migration[] = [];

// `npm run docs:screenshots`: the pictures in docs/ (tracked files), taken with the end-to-end setup (same browser,
// fixtures and viewport) but kept out of `npm test`, which must leave the working tree as it found it.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: 'e2e-docs',
  outputDir: 'test-results/docs',
});

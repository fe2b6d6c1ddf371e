#!/usr/bin/env node
// The `seller-desk` command (package.json "bin"): runs the bundled CLI, or says how to build it.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'main', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write(
    'seller-desk: the app is not built yet: run `npm run build` in ' + path.join(__dirname, '..') + '\n',
  );
  process.exit(1);
}
require(cli).main(process.argv.slice(2));

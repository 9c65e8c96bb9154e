#!/usr/bin/env node
'use strict';
// The `bitig` command. The TypeScript sources are bundled by `npm run build` (run by `npm install`
// through the prepare script); this stub only says so clearly when that has not happened.
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'cli', 'bitig.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(`bitig: not built yet. Run \`npm run build\` in ${path.join(__dirname, '..')}\n`);
  process.exit(1);
}
require(bundle);

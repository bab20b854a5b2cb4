#!/usr/bin/env node
// The published entry point: the CLI is bundled into dist/ by `npm run build`.
require('../dist/cli.js');

#!/usr/bin/env node
// Installed as the `modelgate` command; the code lives in dist/ after `npm run build`.
await import('../dist/main.js');

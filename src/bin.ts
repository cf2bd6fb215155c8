#!/usr/bin/env node
// The installed command (`spokane-tech`, `npx spokane-tech`): compiled to dist/bin.js by `npm ci`.
import { main } from './cli.ts';

process.exitCode = await main(process.argv);

#!/usr/bin/env node
// Development entry: same as run.js but oclif reports it is in development mode (full stacks).
const {execute} = await import('@oclif/core')
await execute({development: true, dir: import.meta.url})

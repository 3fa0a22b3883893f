// The dependency rule of sei (ARCHITECTURE.md), checked by test/static/architecture.test.ts in `npm test`:
// commands → engine concerns' index files → @sei/sdk ← plugins, with no cycle anywhere.
// Paths are relative to the directory depcruise runs in (the repository root, or a scratch tree in the
// rule's own test), so the same rules judge both.
//
// The top-level files of src/engine (errors.ts, cli-dirs.ts, code-identity.ts, package-root.ts) are shared
// leaves: they import no concern, so every concern and every command may import them directly.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and ties two concerns into one; type-only imports count too.',
      from: {},
      to: {circular: true},
    },
    {
      name: 'engine-concern-through-index',
      severity: 'error',
      comment: "A concern reaches another concern only through that concern's index.ts (its API).",
      from: {path: '^src/engine/([^/]+)/'},
      to: {path: '^src/engine/[^/]+/', pathNot: ['^src/engine/$1/', '^src/engine/[^/]+/index\\.ts$']},
    },
    {
      name: 'outside-engine-through-index',
      severity: 'error',
      comment: 'Commands, command cores and the start-up path use the engine through concern index files.',
      from: {path: '^src/', pathNot: '^src/engine/'},
      to: {path: '^src/engine/[^/]+/', pathNot: '^src/engine/[^/]+/index\\.ts$'},
    },
    {
      name: 'engine-not-on-commands',
      severity: 'error',
      comment: 'The engine is free of the CLI: no command, command core, start-up path or oclif in it.',
      from: {path: '^src/engine/'},
      to: {path: ['^src/commands/', '^src/cli/', '^src/[^/]+$', '(^|/)node_modules/@oclif/']},
    },
    {
      name: 'plugins-only-through-sdk',
      severity: 'error',
      comment: 'A plugin talks to sei through @sei/sdk only: never src/, never another plugin (the sdk included).',
      from: {path: '^plugins/([^/]+)/'},
      to: {
        path: ['^src/', '^plugins/', '(^|/)node_modules/@sei/'],
        pathNot: ['^plugins/$1/', '^plugins/sdk/', '(^|/)node_modules/@sei/sdk/'],
      },
    },
  ],
  options: {
    // The TypeScript sources are what people edit; tsconfig resolution maps their `.js` specifiers to `.ts`.
    tsConfig: {fileName: 'tsconfig.json'},
    tsPreCompilationDeps: true,
    // Compiled output and packages are leaves: an import of them is judged, their own imports are not.
    doNotFollow: {path: ['node_modules', '^plugins/[^/]+/lib/', '^lib/']},
    exclude: {path: ['^test/', '^bench/', '^scripts/']},
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
    skipAnalysisNotInRules: true,
  },
}

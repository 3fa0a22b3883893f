/**
 * The hook modules of the plugins bundled with sei, by `<plugin name>:<hook path>`, for the start-up fast
 * path. Empty here, so sei started through oclif imports every hook from its plugin's directory;
 * scripts/bundle-fast-path.js replaces this module in lib/fast with one that compiles the reproducer and
 * standards hooks into the same file (each separate ES module costs about half a millisecond to load).
 */
export const BUNDLED_HOOKS: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {}

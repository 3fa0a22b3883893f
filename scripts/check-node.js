// Fails early, with the fix, when npm scripts do not run under the Node the project pins.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  console.error(`sei: npm scripts run under Node ${process.version}; they need Node ≥ 22.`)
  console.error(
    'The project pins Node 24 as the devDependency `node`: run `npm install` (it provides node_modules/.bin/node).',
  )
  process.exit(3)
}

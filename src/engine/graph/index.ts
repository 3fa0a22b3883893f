// The pipeline's input graph: the reproducer's declared inputs plus the engine's own, digested (DESIGN §6).
export {
  assembleGraph,
  inputId,
  inputLabel,
  type AssembleOptions,
  type AssembledGraph,
  type ImportWalker,
} from './assemble.js'
export {
  VERSION_DIGEST,
  digestGraph,
  type ContentPair,
  type DigestedGraph,
  type DigestedInput,
  type DigestOptions,
} from './digest-graph.js'

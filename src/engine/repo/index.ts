// The governed repository: where it is, and keeping manifest paths inside it.
export {findRepoRoot, requireGitRepo} from './find-root.js'
export {resolveInside} from './resolve-inside.js'
export {gitDirOf} from './git-dir.js'
export {commitDate, headCommit} from './head.js'
export {type HistoryIdentity, historyIdentity} from './history-identity.js'
export {isWithin, realPathOf, repoFile} from './resolve-inside.js'
export {REVISION_SHA_LENGTH, SHORT_SHA_LENGTH, shortSha} from './short-sha.js'

import {ExitCode} from '../../engine/errors.js'
import {defineCore} from '../core.js'
import {booleanFlag, keyFlag, repoFlag} from '../flags.js'

export default defineCore({
  id: 'verify',
  summary: 'Verify the DSSE signature of the evidence bundle (or of every signed file with --all).',
  description:
    'Checks .sei/bundle.json.sig (subject name, sha256 digest and ECDSA P-256 signature) against the trust root ' +
    'you pin (--key, repeatable, and SEI_TRUSTED_KEYS), or else against .sei/PUBKEY.txt, saying so ("unpinned"). ' +
    'With a trust root, a file signed by any other key, or a PUBKEY.txt naming one, is invalid. A corrupted ' +
    'PUBKEY.txt or signature file is invalid too. --all also lists every key rotation (change of PUBKEY.txt) in ' +
    'the git history. Reads .froga/ and .venth/ repositories of the earlier engines too. With DIR, verifies an ' +
    'exported evidence folder (a copy of .sei/: bundle.json, its .sig, PUBKEY.txt and the other signed files) ' +
    'outside any repository, with the same trust root; --all then checks every signed file in it (no history ' +
    'to list rotations from) and --repo is not used.',
  examples: [
    '<%= config.bin %> verify',
    '<%= config.bin %> verify --all --key 04ab…',
    '<%= config.bin %> verify --key old-key.txt --key new-key.txt --json',
    '<%= config.bin %> verify ./evidence-export --all --key ci-signer.pub',
    'SEI_TRUSTED_KEYS=04ab… <%= config.bin %> verify',
  ],
  exitCodes: {
    [ExitCode.ok]: 'valid',
    [ExitCode.failed]: 'invalid signature, or no signed bundle',
    [ExitCode.invalidInput]: 'a bad --key or SEI_TRUSTED_KEYS entry, not a git repository, or DIR not a directory',
  },
  flags: {
    repo: repoFlag,
    key: keyFlag,
    all: booleanFlag('Verify every signed file under the evidence directory.'),
  },
  args: {
    dir: {description: 'An exported evidence folder (a copy of .sei/) to verify instead of a repository.'},
  },
  async execute(flags) {
    if (flags.dir !== undefined) {
      const {verifyEvidenceFolder} = await import('../../engine/evidence/index.js')
      const result = await verifyEvidenceFolder(flags.dir, {keys: flags.key, all: flags.all})
      return {result, exit: result.valid ? ExitCode.ok : ExitCode.failed}
    }
    const {requireGitRepo} = await import('../../engine/repo/index.js')
    const {verifyRun} = await import('../../engine/history/index.js')
    const {settlePendingWrite} = await import('../../engine/run-lock/index.js')
    const root = requireGitRepo(flags.repo)
    settlePendingWrite(root)
    const result = await verifyRun(root, {keys: flags.key, all: flags.all})
    return {result, exit: result.valid ? ExitCode.ok : ExitCode.failed}
  },
  async render(result) {
    const {renderVerifyRun} = await import('../render/index.js')
    return renderVerifyRun(result).join('\n')
  },
})

import type {Check, FormatReport, Location} from './report.js'

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

function physical(l: Location): unknown {
  const region = l.line === undefined ? {} : {region: {startLine: l.line, ...(l.col ? {startColumn: l.col} : {})}}
  return {physicalLocation: {artifactLocation: {uri: l.file, uriBaseId: '%SRCROOT%'}, ...region}}
}

function result(c: Check): unknown {
  return {
    ruleId: c.rule,
    level: c.level,
    message: {text: c.message},
    ...(c.location ? {locations: [physical(c.location)]} : {}),
  }
}

/** SARIF 2.1.0: one result per failing check (manifest problems, failing controls, drift), located in sei.yaml. */
export function renderSarif(report: FormatReport): string {
  const failing = report.checks.filter((c) => !c.passed)
  const rules = [...new Set(failing.map((c) => c.rule))].map((id) => ({
    id,
    shortDescription: {text: failing.find((c) => c.rule === id)?.suite ?? id},
  }))
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {name: 'sei', version: report.version, informationUri: 'https://venturalitica.ai', rules},
        },
        originalUriBaseIds: {'%SRCROOT%': {description: {text: 'the repository sei checked'}}},
        results: failing.map(result),
      },
    ],
  }
  return JSON.stringify(log, null, 2)
}

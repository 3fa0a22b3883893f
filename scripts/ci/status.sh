#!/usr/bin/env bash
# Runs the CI gate, `sei status`, for the GitHub Action (action.yml) and for anyone's CI:
#   SEI_REPO            the governed repository (default .)
#   SEI_TRUSTED_KEYS    the trust root, read by sei itself (hex keys or key files, comma- or space-separated)
#   SEI_OUTPUT_FORMAT   what is printed: text (default), github (workflow annotations), markdown, json, …
#   SEI_SARIF_FILE      when set, also writes the SARIF log there (--format sarif=FILE)
#   SEI_JUNIT_FILE      when set, also writes the JUnit report there (--format junit=FILE)
#   SEI                 the sei program (default: sei on PATH)
# Exits with sei's exit code; with $GITHUB_OUTPUT set, it also records exit-code and the report files
# that exist (a usage error may leave none), so later steps upload only what was written.
set -uo pipefail
sei="${SEI:-sei}"
args=(status --repo "${SEI_REPO:-.}")
out="${SEI_OUTPUT_FORMAT:-text}"
# Plain text needs no --format: the default, and what every sei release understands.
if [ "$out" != text ] || [ -n "${SEI_SARIF_FILE:-}" ] || [ -n "${SEI_JUNIT_FILE:-}" ]; then
  args+=(--format "$out")
fi
[ -z "${SEI_SARIF_FILE:-}" ] || args+=(--format "sarif=$SEI_SARIF_FILE")
[ -z "${SEI_JUNIT_FILE:-}" ] || args+=(--format "junit=$SEI_JUNIT_FILE")

"$sei" "${args[@]}"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$code"
    [ -z "${SEI_SARIF_FILE:-}" ] || [ ! -f "$SEI_SARIF_FILE" ] || echo "sarif-file=$SEI_SARIF_FILE"
    [ -z "${SEI_JUNIT_FILE:-}" ] || [ ! -f "$SEI_JUNIT_FILE" ] || echo "junit-file=$SEI_JUNIT_FILE"
  } >>"$GITHUB_OUTPUT"
fi
exit "$code"

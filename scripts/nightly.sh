#!/usr/bin/env bash
# The nightly job without GitHub Actions: the steps of .github/workflows/nightly.yml, in the
# current directory (`npm run nightly` runs in the checkout) with the default paths: sources.yaml,
# the store and export in data/, the site in _site/, responses that broke an adapter in failures/.
# SITE_URL overrides site.url from sources.yaml; GITHUB_TOKEN and GITHUB_REPOSITORY let the alarm
# open issues, and DISCORD_WEBHOOK_URL, MASTODON_TOKEN and BLUESKY_APP_PASSWORD let announce post
# (without them each only says what it would do).
set -uo pipefail
cli=(node "$(dirname "$0")/../dist/bin.js")

# Last night's broken responses would otherwise be cited as tonight's.
rm -f failures/*.txt

status=0
"${cli[@]}" fetch --failures-dir failures || status=$?
# 1: every source failed (the network, usually); the site is still built from what the store holds.
if [ "$status" -gt 1 ]; then exit "$status"; fi

build=(build)
if [ -n "${SITE_URL:-}" ]; then build+=(--site-url "$SITE_URL"); fi
"${cli[@]}" "${build[@]}" || exit $?
# A report for organizers: it never fails the night.
"${cli[@]}" clashes || true
"${cli[@]}" alarm --failures-dir failures || exit $?
# After the build, so that posts link to pages that exist; a post that failed goes out the next
# night. Without a channel's secret it prints what it would post.
announce=(announce)
if [ -n "${SITE_URL:-}" ]; then announce+=(--site-url "$SITE_URL"); fi
"${cli[@]}" "${announce[@]}" || exit $?
exit "$status"

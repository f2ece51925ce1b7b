/**
 * `npm run conformance`: runs the peers' own test suites in ../shared/conformance through
 * kubevet and prints the agreement per suite and per check. Research data, not shipped: the
 * script says so and exits 0 when ../shared is absent.
 *
 *   npm run conformance                   netpol-analyzer, then Polaris, kube-linter, kube-score, kubesec
 *   npm run conformance -- --peer kubesec one peer (netpol-analyzer is `--peer netpol-analyzer`)
 *   npm run conformance -- --write-docs   also rewrite the generated blocks of docs/conformance.md
 *   npm run conformance -- --disagreements  list every disagreement with kubevet's findings and the reason
 *
 * Exits 1 when a disagreement is not documented as an intended deviation (a bug to fix).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { conformanceSummary, runNetpolConformance } from '../src/analysis/netpol/conformance';
import { PEERS } from './conformance/index';
import { disagreementsText, peerMarkdown, peerText, withDocsBlock } from './conformance/report';
import { stale, unexplained } from './conformance/types';

const SHARED = process.env.KUBEVET_SHARED_DIR ?? resolve(__dirname, '..', '..', '..', 'shared');
const DOCS = resolve(__dirname, '..', '..', 'docs', 'conformance.md');

function main(argv: readonly string[]): number {
  if (!existsSync(SHARED)) {
    console.log(`conformance: ${SHARED} not found; the peers' suites live there (research data, not part of the package)`);
    return 0;
  }
  const peerIndex = argv.indexOf('--peer');
  const only = peerIndex >= 0 ? argv[peerIndex + 1]?.toLowerCase() : undefined;
  const known = ['netpol-analyzer', ...PEERS.map((p) => p.name.toLowerCase())];
  if (only !== undefined && !known.includes(only)) {
    console.error(`conformance: unknown --peer "${argv[peerIndex + 1] ?? ''}"; use one of ${known.join(', ')}`);
    return 2;
  }
  const writeDocs = argv.includes('--write-docs');
  const listDisagreements = argv.includes('--disagreements');
  if (only === undefined || only === 'netpol-analyzer') {
    console.log('netpol-analyzer (NetworkPolicy reachability):');
    console.log(conformanceSummary(runNetpolConformance(join(SHARED, 'conformance', 'netpol-analyzer'))));
    console.log('\nrbac (Checkov, rbac-tool): run `npx jest test/conformance/rbac.test.ts`; agreement and documented deviations are listed in docs/conformance.md');
  }
  let failed = false;
  let docs = writeDocs ? readFileSync(DOCS, 'utf8') : '';
  for (const peer of PEERS.filter((p) => only === undefined || p.name.toLowerCase() === only)) {
    const report = peer.run(join(SHARED, 'conformance', peer.dir));
    console.log(`\n${peer.name} (${peer.about}):`);
    console.log(peerText(report));
    if (listDisagreements) console.log(`${peer.name} disagreements:\n${disagreementsText(report)}`);
    failed ||= unexplained(report).length > 0 || stale(report).length > 0;
    if (writeDocs) docs = withDocsBlock(docs, peer.name, peerMarkdown(report, peer.mapping, peer.pseudo));
  }
  if (writeDocs) {
    writeFileSync(DOCS, docs);
    console.log(`\nwrote ${DOCS}`);
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));

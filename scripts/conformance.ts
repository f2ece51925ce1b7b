/**
 * `npm run conformance`: runs the peers' own test suites in ../shared/conformance through
 * kubevet and prints the agreement per suite and case group. Research data, not shipped: the
 * script says so and exits 0 when ../shared is absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { conformanceSummary, runNetpolConformance } from '../src/analysis/netpol/conformance';

const SHARED = process.env.KUBEVET_SHARED_DIR ?? resolve(__dirname, '..', '..', '..', 'shared');

function main(): void {
  if (!existsSync(SHARED)) {
    console.log(`conformance: ${SHARED} not found; the peers' suites live there (research data, not part of the package)`);
    return;
  }
  const netpol = join(SHARED, 'conformance', 'netpol-analyzer');
  console.log('netpol-analyzer (NetworkPolicy reachability):');
  const report = runNetpolConformance(netpol);
  console.log(conformanceSummary(report));
  console.log('\nrbac (Checkov, rbac-tool): run `npx jest test/conformance/rbac.test.ts`; agreement and documented deviations are listed in docs/conformance.md');
}

main();

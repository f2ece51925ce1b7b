/**
 * The shared shape of the Polaris, kube-linter, kube-score and kubesec conformance tests: run the
 * peer's fixtures from ../shared once, then require that every disagreement is a documented
 * deviation (and every documented deviation still happens), pin the totals, and keep the
 * generated tables of docs/conformance.md current.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEERS, type Peer } from '../../scripts/conformance/index';
import { docsBlock, peerMarkdown } from '../../scripts/conformance/report';
import { stale, summarize, total, unexplained, type CheckSummary, type PeerReport } from '../../scripts/conformance/types';
import { describeShared, sharedPath } from '../helpers/shared';

export const DOCS = join(__dirname, '..', '..', 'docs', 'conformance.md');

export function peerNamed(name: string): Peer {
  const peer = PEERS.find((p) => p.name === name);
  if (peer === undefined) throw new Error(`no peer ${name}`);
  return peer;
}

export function describePeerConformance(name: string, pinned: Omit<CheckSummary, 'check'>, more?: (report: () => PeerReport) => void): void {
  describeShared(`${name} conformance (../shared/conformance)`, () => {
    const peer = peerNamed(name);
    let report: PeerReport | undefined;
    const get = (): PeerReport => (report ??= peer.run(sharedPath('conformance', peer.dir)));

    test('every disagreement is a documented deviation (otherwise it is a kubevet bug to fix)', () => {
      const lines = unexplained(get()).map((r) => `${r.check} ${r.case}: expected ${r.expected}, kubevet ${r.got}${r.findings.map((f) => `\n    ${f}`).join('')}`);
      expect(lines).toEqual([]);
    });

    test('every documented deviation still happens (remove the ones kubevet now agrees with)', () => {
      expect(stale(get())).toEqual([]);
    });

    test('the agreement is pinned', () => {
      expect(total(summarize(get()))).toEqual(pinned);
    });

    test('docs/conformance.md shows the current tables (npm run conformance -- --write-docs)', () => {
      expect(docsBlock(readFileSync(DOCS, 'utf8'), name)).toBe(peerMarkdown(get(), peer.mapping, peer.pseudo));
    });

    test('every result belongs to a mapped check or a documented result group', () => {
      const known = new Set([...Object.keys(peer.mapping), ...Object.keys(peer.pseudo ?? {})]);
      expect([...new Set(get().results.map((r) => r.check))].filter((c) => !known.has(c))).toEqual([]);
    });

    more?.(get);
  });
}

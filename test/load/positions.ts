import { NumberSink, flattenPositions } from '../../src/load/compose';

/** Every position of a composed value as numbers (see flattenPositions), for comparing two loads. */
export function collectPositionsForTest(value: unknown): number[] {
  const sink = new NumberSink();
  flattenPositions(value, sink);
  return [...sink.take()];
}

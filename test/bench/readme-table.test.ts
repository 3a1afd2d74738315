import { describe, expect, it } from 'vitest';
import { END, START, renderBlock, replaceBlock, type Results } from '../../bench/readme-table.js';

const results: Results = {
  date: '2026-12-01T22:41:00.000Z',
  machine: { cores: 2, cpu: 'Test CPU', memoryGiB: 8, node: 'v20.20.2', openssl: '3.0.19', load: 1, description: '2 cores (Test CPU)' },
  benches: ['bundle', 'client', 'emulator', 'srp'],
  summary: [{ figure: 'SRP step', nextstep: '16 ms', peer: 'aws-amplify 200 ms', ratio: '0.08×' }],
  results: { emulator: { title: 'Emulator', rows: [{ metric: 'sign-ins per second', value: '135.7' }] } },
};

describe('README benchmark table', () => {
  it('renders every summary figure, the emulator headline, the date and the machine', () => {
    const block = renderBlock(results);
    expect(block.startsWith(START)).toBe(true);
    expect(block.endsWith(END)).toBe(true);
    expect(block).toContain('2026-12-01');
    expect(block).toContain('2 cores (Test CPU)');
    expect(block).toContain('| SRP step | 16 ms | aws-amplify 200 ms | 0.08× |');
    expect(block).toMatch(/emulator, concurrent SRP sign-ins per second.*\| 135\.7 \|/);
  });

  it('replaces only the marked block and refuses a README without markers', () => {
    const readme = `# x\n\nbefore\n\n${START}\nold table\n${END}\n\nafter\n`;
    const next = replaceBlock(readme, renderBlock(results));
    expect(next).not.toContain('old table');
    expect(next.startsWith('# x\n\nbefore\n\n')).toBe(true);
    expect(next.endsWith(`${END}\n\nafter\n`)).toBe(true);
    expect(replaceBlock(next, renderBlock(results))).toBe(next);
    expect(() => replaceBlock('# no markers\n', 'x')).toThrow(/markers/);
  });
});

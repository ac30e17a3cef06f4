import * as fc from 'fast-check';
import {
  formatBytes, formatCpu, isPlaceholder, parseQuantity, requireCount, requireQuantity,
} from '../../src/platform/quantity';

describe('parseQuantity', () => {
  test.each([
    ['500m', 0.5],
    ['2', 2],
    ['0.5', 0.5],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['100m', 0.1],
    ['16Gi', 16 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['512M', 512e6],
    ['1e9', 1e9],
    ['1E3', 1000],
    ['2e-3', 0.002],
    ['1k', 1000],
    ['1Ki', 1024],
    ['1Ti', 2 ** 40],
    ['15G', 15e9],
    ['0', 0],
    ['+3', 3],
    ['-1', -1],
    ['-2Gi', -2 * 2 ** 30],
  ])('%s = %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  test.each(['', 'abc', '1.2.3', '16GB', '16gi', 'Gi', '1 Gi', ' 1', '1Gi ', '--1', '1e', '0x10', '∞'])('rejects %j', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  test('compares CPU and memory across units', () => {
    expect(parseQuantity('1500m')! > parseQuantity('1')!).toBe(true);
    expect(parseQuantity('1Gi')! > parseQuantity('1G')!).toBe(true);
    expect(parseQuantity('1e9')).toBe(parseQuantity('1G'));
    expect(parseQuantity('1024Mi')).toBe(parseQuantity('1Gi'));
  });

  test('millicores and binary units (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }), (millis) => {
      expect(parseQuantity(`${millis}m`)).toBeCloseTo(millis / 1000, 9);
    }));
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 20 }), fc.constantFrom(['Ki', 2 ** 10], ['Mi', 2 ** 20], ['Gi', 2 ** 30]), (n, [unit, size]) => {
      expect(parseQuantity(`${n}${unit}`)).toBe(n * (size as number));
    }));
  });
});

describe('formatting for messages', () => {
  test('CPU', () => {
    expect(formatCpu(0.1)).toBe('100m');
    expect(formatCpu(4)).toBe('4');
    expect(formatCpu(0.25)).toBe('250m');
  });
  test('memory', () => {
    expect(formatBytes(16 * 2 ** 30)).toBe('16Gi');
    expect(formatBytes(192 * 2 ** 20)).toBe('192Mi');
    expect(formatBytes(512)).toBe('512');
  });
});

describe('prop validation', () => {
  test('negative quantity names the path, field and value', () => {
    expect(() => requireQuantity('app/team', 'quota.memory', '-1Gi')).toThrow("app/team: quota.memory '-1Gi' is negative (expected a quantity of 0 or more)");
  });
  test('unparsable quantity', () => {
    expect(() => requireQuantity('app/team', 'quota.cpu', 'lots')).toThrow("app/team: quota.cpu 'lots' is not a valid quantity (expected a Kubernetes quantity such as '500m', '2', '16Gi', '512M' or '1e9')");
  });
  test('counts', () => {
    expect(() => requireCount('app/team', 'quota.pods', -1, 1)).toThrow('app/team: quota.pods is -1 (expected a whole number of 1 or more)');
    expect(() => requireCount('app/team', 'quota.gpus', 1.5, 0)).toThrow('app/team: quota.gpus is 1.5 (expected a whole number of 0 or more)');
  });
  test('placeholders', () => {
    expect(isPlaceholder("{{$.inputs.parameters['pipelinechannel--cpu']}}")).toBe(true);
    expect(isPlaceholder('4')).toBe(false);
  });
});

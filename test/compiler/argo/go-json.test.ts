import { containerStructJson, hashContainer, normalizeContainerSpec } from '../../../src/compiler/argo/container-hash';
import { compareUtf8, goJson, goNumber, goString } from '../../../src/compiler/argo/go-json';
import { canonicalDuration } from '../../../src/compiler/argo/proto';
import { canonicalQuantity } from '../../../src/compiler/argo/quantity';

describe('Go encoding/json strings', () => {
  test('HTML-sensitive characters are escaped as \\u003c \\u003e \\u0026', () => {
    expect(goString('a && b <5> c')).toBe('"a \\u0026\\u0026 b \\u003c5\\u003e c"');
  });

  test('control characters, quotes and backslashes', () => {
    expect(goString('a\nb\rc\td"e\\f')).toBe('"a\\nb\\rc\\td\\"e\\\\f"');
    expect(goString('\b\f\u0001\u001f')).toBe('"\\b\\f\\u0001\\u001f"');
    expect(goString('\u007f')).toBe('"\u007f"');
  });

  test('line and paragraph separators are escaped; lone surrogates become U+FFFD', () => {
    expect(goString('\u2028\u2029')).toBe('"\\u2028\\u2029"');
    expect(goString('x\ud800y')).toBe('"x\ufffdy"');
    expect(goString('😀')).toBe('"😀"');
  });
});

describe('Go encoding/json numbers (float64)', () => {
  test.each([
    [1, '1'], [1.0, '1'], [0.5, '0.5'], [100, '100'], [-2.25, '-2.25'],
    [1e-6, '0.000001'], [1e-7, '1e-7'], [1.5e-7, '1.5e-7'], [1e20, '100000000000000000000'],
    [1e21, '1e+21'], [123456789.125, '123456789.125'], [0.268435456, '0.268435456'], [-0, '-0'],
  ])('%p → %s', (n, text) => {
    expect(goNumber(n)).toBe(text);
  });

  test('NaN and Infinity cannot be encoded', () => {
    expect(() => goNumber(NaN)).toThrow('json: unsupported value: NaN');
    expect(() => goNumber(Infinity)).toThrow('unsupported value: Infinity');
  });
});

describe('Go encoding/json maps', () => {
  test('keys are sorted by UTF-8 bytes, not UTF-16 code units', () => {
    // U+FFFD is EF BF BD in UTF-8, the emoji F0 9F 98 80: UTF-8 order puts the emoji last,
    // while JavaScript's default string order puts it first.
    expect(compareUtf8('\ufffd', '😀')).toBeLessThan(0);
    expect(goJson({ '😀': 1, '\ufffd': 2, 'b': 3, 'a': [true, null, 'x'] })).toBe('{"a":[true,null,"x"],"b":3,"\ufffd":2,"😀":1}');
  });

  test('undefined members are skipped, nested objects sorted', () => {
    expect(goJson({ z: { y: 1, x: 2 }, u: undefined })).toBe('{"z":{"x":2,"y":1}}');
  });
});

describe('container hash', () => {
  test('hello_world hashes to the name in the upstream golden', () => {
    const c = normalizeContainerSpec({ image: 'registry.access.redhat.com/ubi9/python-311:latest', command: ['echo'], args: ['hello world'] }, 'c');
    expect(containerStructJson(c)).toBe('{"image":"registry.access.redhat.com/ubi9/python-311:latest","command":["echo"],"args":["hello world"]}');
    expect(hashContainer(c)).toBe('fd2b3a3d7effc63b08efb8931fd4ce26f2a7f37c1c384e37958e43cfe244499a');
  });

  test('struct order and snake_case names; int64 count is a number in the hash and a string in protojson', () => {
    const c = normalizeContainerSpec({
      env: [{ name: 'A', value: '1' }],
      resources: {
        accelerator: { count: '2', type: 'nvidia.com/gpu', resourceType: 'nvidia.com/gpu', resourceCount: '2' },
        cpuLimit: 1.0,
        resourceMemoryLimit: '1Gi',
      },
      lifecycle: { preCacheCheck: { command: ['x'] } },
      args: ['a'],
      image: 'img',
      unknownField: 'dropped',
    }, 'c');
    expect(containerStructJson(c)).toBe(
      '{"image":"img","args":["a"],"lifecycle":{"pre_cache_check":{"command":["x"]}},'
      + '"resources":{"cpu_limit":1,"resource_memory_limit":"1Gi","accelerator":{"type":"nvidia.com/gpu","count":2,"resource_type":"nvidia.com/gpu","resource_count":"2"}},'
      + '"env":[{"name":"A","value":"1"}]}');
    expect(goJson(c)).toBe(
      '{"args":["a"],"env":[{"name":"A","value":"1"}],"image":"img","lifecycle":{"preCacheCheck":{"command":["x"]}},'
      + '"resources":{"accelerator":{"count":"2","resourceCount":"2","resourceType":"nvidia.com/gpu","type":"nvidia.com/gpu"},"cpuLimit":1,"resourceMemoryLimit":"1Gi"}}');
  });

  test('an empty but present message is kept as {}', () => {
    const c = normalizeContainerSpec({ image: 'i', resources: {} }, 'c');
    expect(containerStructJson(c)).toBe('{"image":"i","resources":{}}');
  });

  test('wrong field types are reported with their path', () => {
    expect(() => normalizeContainerSpec({ image: 'i', command: 'echo' }, 'deploymentSpec.executors.exec-a.container'))
      .toThrow('deploymentSpec.executors.exec-a.container.command: expected a list of strings, got "echo"');
    expect(() => normalizeContainerSpec({ image: 'i', resources: { accelerator: { count: 'two' } } }, 'c'))
      .toThrow('c.resources.accelerator.count: expected an integer, got "two"');
  });
});

describe('Kubernetes quantities', () => {
  test.each([
    ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['0.5Gi', '512Mi'], ['1.5', '1500m'], ['1000', '1k'],
    ['100m', '100m'], ['0.1', '100m'], ['500Mi', '500Mi'], ['1e3', '1e3'], ['512', '512'], ['10G', '10G'],
  ])('%s → %s', (q, canonical) => {
    expect(canonicalQuantity(q)).toBe(canonical);
  });

  test('malformed quantities are rejected', () => {
    expect(() => canonicalQuantity('ten gigs')).toThrow('quantities must match the regular expression');
  });
});

describe('protojson Durations', () => {
  test.each([['0s', '0s'], ['3600s', '3600s'], ['1.5s', '1.500s'], ['0.000001s', '0.000001s'], ['2.000000001s', '2.000000001s']])('%s → %s', (d, c) => {
    expect(canonicalDuration(d)).toBe(c);
  });
});

import * as fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { PyYaml, renderPipelineFile } from '../../../src';

/**
 * PyYAML leaves a few number-like strings plain because its YAML 1.1 resolver does not read them
 * as numbers (floats need a dot and a signed exponent; there is no `0o` octal). A YAML 1.2 reader
 * such as the `yaml` package does read them as numbers. We reproduce PyYAML on purpose, so the
 * property leaves these strings out (and the last test pins the behaviour).
 */
const YAML12_ONLY_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+)$/;

const tricky = fc.constantFrom(
  '', ' ', 'true', 'null', '~', '1', '1.5', '0x1F', '2021-01-01', '=', '<<', '{{$}}', '-my-pvc', '- x', 'a: b', 'a #b',
  ' lead', 'trail ', 'café', 'tab\there', 'Probe.\nSecond line.', 'a\n b', 'a \nb', "it's", '"q"', '😀', '\u2028', '\x85',
  '\ufeff', '---', '...', '? x', '%x', 'x'.repeat(130), Array(40).fill('word').join(' '), '\n', 'a\n\n\nb\n',
);

const text = fc.oneof(fc.string(), fc.fullUnicodeString(), tricky, fc.stringOf(fc.constantFrom(' ', 'a', '\n', "'", ':', '#', '-', 'é'), { maxLength: 200 }))
  .filter((s) => !YAML12_ONLY_NUMBER.test(s) && s !== '__proto__');

const number = fc.oneof(fc.integer(), fc.double({ noNaN: false }), fc.constantFrom(1e16, 1e-5, 0.1, 1.2345678901234567e19));

const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('list'), tie('map')),
  leaf: fc.oneof(text, number, fc.boolean(), fc.constant(null)),
  list: fc.array(tie('node'), { maxLength: 5 }),
  map: fc.dictionary(text, tie('node'), { maxKeys: 5 }),
})).node;

/** Deep equality where numbers compare numerically (so -0 equals 0 and NaN equals NaN). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in (b as object) && same((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

describe('PyYAML emitter round-trips through a YAML parser', () => {
  test('parse(dump(v)) equals v', () => {
    fc.assert(
      fc.property(value, (v) => {
        const out = PyYaml.dump(v);
        const back = parse(out);
        if (!same(back, v)) throw new Error(`round-trip changed the value:\n${out}`);
      }),
      { numRuns: 2000 },
    );
  });

  test('several documents parse back to the same documents', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 4 }), (docs) => {
        const back = parseAllDocuments(PyYaml.dumpAll(docs)).map((d) => d.toJSON());
        if (!same(back, docs)) throw new Error('multi-document round-trip changed the value');
      }),
      { numRuns: 300 },
    );
  });

  test('a pipeline file parses back to the same PipelineSpec with any strings in it', () => {
    fc.assert(
      fc.property(fc.dictionary(text, text, { maxKeys: 4 }), text, value, (env, description, defaultValue) => {
        const spec = {
          components: { 'comp-a': { executorLabel: 'exec-a' } },
          deploymentSpec: { executors: { 'exec-a': { container: { image: 'alpine', env: Object.entries(env).map(([name, v]) => ({ name, value: v })) } } } },
          pipelineInfo: { name: 'p', description },
          root: { dag: { tasks: {} }, inputDefinitions: { parameters: { p: { parameterType: 'STRUCT', defaultValue } } } },
          schemaVersion: '2.1.0',
        };
        const docs = parseAllDocuments(renderPipelineFile(spec));
        if (docs.length !== 1 || !same(docs[0].toJSON(), spec)) throw new Error('pipeline file round-trip changed the spec');
      }),
      { numRuns: 300 },
    );
  });

  test('number-like strings that only YAML 1.2 reads as numbers stay plain, as PyYAML writes them', () => {
    expect(PyYaml.dump({ a: '1e5', b: '0o17', c: '1.e5', d: '1.0e+5' })).toBe("a: 1e5\nb: 0o17\nc: 1.e5\nd: '1.0e+5'\n");
  });
});

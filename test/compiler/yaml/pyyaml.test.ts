// Expected strings below were produced by PyYAML 6.0.3 (`yaml.dump(v, sort_keys=True)`).
import { PyYaml } from '../../../src';
import {
  compareCodePoints,
  emitPyYaml,
  pyYamlFloat,
  pythonFloatRepr,
  resolvesToNonString,
} from '../../../src/compiler/yaml/pyyaml';

const dump = (v: unknown) => emitPyYaml([v]);

describe('scalar style', () => {
  // value => what follows `k: ` (without the final newline)
  const cases: Array<[string, string]> = [
    // resolve to another type: quoted
    ['true', "'true'"],
    ['yes', "'yes'"],
    ['On', "'On'"],
    ['null', "'null'"],
    ['~', "'~'"],
    ['1', "'1'"],
    ['1.5', "'1.5'"],
    ['.5', "'.5'"],
    ['+.inf', "'+.inf'"],
    ['1.0e+5', "'1.0e+5'"],
    ['0x1F', "'0x1F'"],
    ['017', "'017'"],
    ['1_000', "'1_000'"],
    ['12:30', "'12:30'"],
    ['2021-01-01', "'2021-01-01'"],
    ['2001-12-14t21:59:43.10-05:00', "'2001-12-14t21:59:43.10-05:00'"],
    ['=', "'='"],
    ['<<', "'<<'"],
    ['', "''"],
    // look like numbers but do not resolve (YAML 1.1 floats need a dot; no 0o prefix): plain
    ['1e5', '1e5'],
    ['0o17', '0o17'],
    ['n', 'n'],
    ['y', 'y'],
    // indicators
    ['{{$}}', "'{{$}}'"],
    ['-my-pvc', '-my-pvc'],
    ['- x', "'- x'"],
    ['?x', '?x'],
    ['? x', "'? x'"],
    ['a:', "'a:'"],
    ['key:value', 'key:value'],
    ['a: b', "'a: b'"],
    ['a#b', 'a#b'],
    ['a #b', "'a #b'"],
    ['#x', "'#x'"],
    [',x', "',x'"],
    ['[x', "'[x'"],
    [']x', "']x'"],
    ['}x', "'}x'"],
    ['&x', "'&x'"],
    ['*x', "'*x'"],
    ['!x', "'!x'"],
    ['|x', "'|x'"],
    ['>x', "'>x'"],
    ['%x', "'%x'"],
    ['@x', "'@x'"],
    ['`x', "'`x'"],
    ['"x', '\'"x\''],
    ["'x", "'''x'"],
    ["it's", "it's"],
    ['---x', "'---x'"],
    ['...', "'...'"],
    // whitespace
    [' lead', "' lead'"],
    ['trail ', "'trail '"],
    // special characters (allow_unicode=False): double-quoted with escapes
    ['café', '"caf\\xE9"'],
    ['tab\there', '"tab\\there"'],
    ['😀', '"\\U0001F600"'],
    ['\x85', '"\\N"'],
    ['\ufeff', '"\\uFEFF"'],
    // line breaks
    ['Probe.\nSecond line.', "'Probe.\n\n  Second line.'"],
    ['a\n b', '"a\\n b"'],
    ['a \nb', '"a \\nb"'],
  ];
  test.each(cases)('%j is written as %s', (value, expected) => {
    expect(dump({ k: value })).toBe(`k: ${expected}\n`);
  });

  test('resolver check follows the first character, like PyYAML', () => {
    expect(resolvesToNonString('true')).toBe(true);
    expect(resolvesToNonString('truex')).toBe(false);
    expect(resolvesToNonString('0b101')).toBe(true);
    expect(resolvesToNonString('-.inf')).toBe(true);
    expect(resolvesToNonString('.nan')).toBe(true);
    expect(resolvesToNonString('hello')).toBe(false);
  });
});

describe('numbers, booleans and null', () => {
  test('floats use Python repr with .0 before a bare exponent', () => {
    const floats = [1.0, 1e-5, 1.2345678901234567e19, Infinity, -Infinity, NaN, 0.0001, 1e16, 1e15, -0, 2.5, 1e22, 0.1];
    expect(emitPyYaml([{ floats }], { isInteger: () => false })).toBe(
      'floats:\n- 1.0\n- 1.0e-05\n- 1.2345678901234567e+19\n- .inf\n- -.inf\n- .nan\n- 0.0001\n- 1.0e+16\n'
      + '- 1000000000000000.0\n- -0.0\n- 2.5\n- 1.0e+22\n- 0.1\n',
    );
  });

  test('pythonFloatRepr matches Python repr()', () => {
    expect(pythonFloatRepr(1e-5)).toBe('1e-05');
    expect(pythonFloatRepr(2.5e-5)).toBe('2.5e-05');
    expect(pythonFloatRepr(1e16)).toBe('1e+16');
    expect(pythonFloatRepr(9999999999999998)).toBe('9999999999999998.0');
    expect(pythonFloatRepr(123456789012345680000)).toBe('1.2345678901234568e+20');
    expect(pythonFloatRepr(5e-324)).toBe('5e-324');
    expect(pythonFloatRepr(1.7976931348623157e308)).toBe('1.7976931348623157e+308');
    expect(pythonFloatRepr(1 / 3)).toBe('0.3333333333333333');
    expect(pythonFloatRepr(-1.5)).toBe('-1.5');
    expect(pythonFloatRepr(0.001)).toBe('0.001');
    expect(pyYamlFloat(1e100)).toBe('1.0e+100');
    expect(pyYamlFloat(1.5e100)).toBe('1.5e+100');
  });

  test('by default whole numbers are ints and others floats', () => {
    expect(dump({ ints: [0, 3, -7], f: 0.5 })).toBe('f: 0.5\nints:\n- 0\n- 3\n- -7\n');
    expect(dump(1e21)).toBe('1000000000000000000000\n...\n');
  });

  test('the int policy sees the path and the document index', () => {
    const seen: string[] = [];
    const out = emitPyYaml([{ a: { b: [1, 2] } }, { c: 3 }], {
      isInteger: (path, doc) => {
        seen.push(`${doc}:${path.join('.')}`);
        return path[path.length - 1] === '1';
      },
    });
    expect(out).toBe('a:\n  b:\n  - 1.0\n  - 2\n---\nc: 3.0\n');
    expect(seen).toEqual(['0:a.b.0', '0:a.b.1', '1:c']);
  });

  test('a non-whole number is a float whatever the policy says', () => {
    expect(emitPyYaml([{ x: 1.5 }], { isInteger: () => true })).toBe('x: 1.5\n');
  });

  test('booleans and null', () => {
    expect(dump({ t: true, f: false, n: null })).toBe('f: false\nn: null\nt: true\n');
  });
});

describe('keys', () => {
  test('sorted by code point: uppercase before lowercase, -10 before -2, astral after U+E000', () => {
    const obj: Record<string, number> = {
      'Output': 1,
      'a': 2,
      'comp-for-loop-10': 3,
      'comp-for-loop-2': 4,
      '-x': 5,
      '0': 6,
      'comp-x': 7,
      'comp-x-2': 8,
      '\ue000': 9,
      '😀': 10,
    };
    expect(dump(obj)).toBe(
      "-x: 5\n'0': 6\nOutput: 1\na: 2\ncomp-for-loop-10: 3\ncomp-for-loop-2: 4\ncomp-x: 7\ncomp-x-2: 8\n"
      + '"\\uE000": 9\n"\\U0001F600": 10\n',
    );
  });

  test('compareCodePoints differs from UTF-16 order only for astral characters', () => {
    expect(compareCodePoints('😀', '\uffff')).toBeGreaterThan(0);
    expect('😀' < '\uffff').toBe(true); // what plain JavaScript would do
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    expect(compareCodePoints('x', 'x')).toBe(0);
  });

  test('keys of 123 code points or more use the explicit ? form', () => {
    const a = 'a'.repeat(122);
    const b = 'b'.repeat(123);
    expect(dump({ [a]: 1, [b]: 2 })).toBe(`${a}: 1\n? ${b}\n: 2\n`);
    expect(dump({ [b]: ['x', 'y'] })).toBe(`? ${b}\n: - x\n  - y\n`);
  });

  test('empty and multi-line keys use the explicit ? form', () => {
    expect(dump({ 'a\nb': 1, '': 2 })).toBe("? ''\n: 2\n? 'a\n\n  b'\n: 1\n");
  });

  test('undefined members are left out', () => {
    expect(dump({ a: undefined, b: 1 })).toBe('b: 1\n');
    expect(dump({ a: undefined })).toBe('{}\n');
  });
});

describe('layout', () => {
  test('lists are not indented inside mappings; empty collections are flow', () => {
    const v = { nested: { list: [{ a: 1, b: [1, 2] }, [3, 4], []], empty: {} } };
    expect(dump(v)).toBe('nested:\n  empty: {}\n  list:\n  - a: 1\n    b:\n    - 1\n    - 2\n  - - 3\n    - 4\n  - []\n');
  });

  test('documents: --- before the second and later ones, ... after a trailing root plain scalar', () => {
    expect(emitPyYaml([{ a: 1 }, { b: null }])).toBe('a: 1\n---\nb: null\n');
    expect(emitPyYaml([['a'], 'x', null])).toBe('- a\n--- x\n--- null\n...\n');
    expect(emitPyYaml([{}, {}])).toBe('{}\n--- {}\n');
    expect(emitPyYaml([''])).toBe("''\n");
    expect(emitPyYaml([])).toBe('');
  });

  test('undefined array items are null', () => {
    expect(dump([undefined, 1])).toBe('- null\n- 1\n');
  });
});

describe('folding at width 80', () => {
  const words = Array(30).fill('word').join(' ');

  test('plain scalars break at a space past column 80, one level deeper than the key', () => {
    expect(dump({ condition: words })).toBe(
      'condition: word word word word word word word word word word word word word word word\n'
      + '  word word word word word word word word word word word word word word word\n',
    );
  });

  test('single-quoted scalars fold the same way', () => {
    expect(dump({ sq: `'it's ${words}` })).toBe(
      "sq: '''it''s word word word word word word word word word word word word word word\n"
      + "  word word word word word word word word word word word word word word word word'\n",
    );
  });

  test('double-quoted scalars break with \\ and continue with \\ before a leading space', () => {
    expect(dump({ dq: `line1\n  indented ${words} café` })).toBe(
      'dq: "line1\\n  indented word word word word word word word word word word word word\\\n'
      + '  \\ word word word word word word word word word word word word word word word word\\\n'
      + '  \\ word word caf\\xE9"\n',
    );
    const bootstrap = '\nif ! [ -x "$(command -v pip)" ]; then\n    python3 -m ensurepip || python3 -m ensurepip --user || apt-get install python3-pip\nfi\n';
    expect(dump({ cmd: ['sh', '-c', bootstrap] })).toBe(
      'cmd:\n- sh\n- -c\n- "\\nif ! [ -x \\"$(command -v pip)\\" ]; then\\n    python3 -m ensurepip || python3\\\n'
      + '  \\ -m ensurepip --user || apt-get install python3-pip\\nfi\\n"\n',
    );
  });

  test('no break without a single space to break at', () => {
    const x = 'x'.repeat(100);
    expect(dump({ noSpaces: x })).toBe(`noSpaces: ${x}\n`);
    expect(dump({ s: `${'x'.repeat(78)}  y  z` })).toBe(`s: ${'x'.repeat(78)}  y  z\n`);
  });

  test('keys are never folded', () => {
    const key = Array(20).fill('k').join(' ');
    expect(dump({ [key]: 1 })).toBe(`${key}: 1\n`);
  });

  test('astral characters count as one column in double-quoted scalars', () => {
    const s = `${'😀'.repeat(8)} ${'a'.repeat(10)} b`;
    expect(dump({ k: s })).toBe(`k: "${'\\U0001F600'.repeat(8)}\\\n  \\ ${'a'.repeat(10)} b"\n`);
  });
});

describe('errors', () => {
  test('a cycle is reported with its path', () => {
    const a: any = { b: { c: [] } };
    a.b.c.push(a);
    expect(() => dump(a)).toThrow("PyYAML emitter: the value at 'b.c.0' contains itself (a cycle); expected a tree of plain values");
  });

  test('a function is reported with its path', () => {
    expect(() => dump({ f: () => 1 })).toThrow("PyYAML emitter: cannot represent a value of type function at 'f'");
  });

  test('the same object twice is written twice (no anchors), like kfp files', () => {
    const shared = { x: 1 };
    expect(dump({ a: shared, b: shared })).toBe('a:\n  x: 1\nb:\n  x: 1\n');
  });
});

describe('PyYaml (jsii API)', () => {
  test('dump and dumpAll', () => {
    expect(PyYaml.dump({ b: [1, 'x'], a: 'true' })).toBe("a: 'true'\nb:\n- 1\n- x\n");
    expect(PyYaml.dumpAll([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });
});

/**
 * A YAML emitter that writes exactly what PyYAML's pure-Python `yaml.dump_all(docs, sort_keys=True)`
 * writes with its default options (block style, indent 2, width 80, `allow_unicode=False`).
 *
 * The kfp Python SDK writes pipeline files this way, and we must reproduce those files byte for
 * byte. This is an independent TypeScript implementation of the observable behaviour: a recursive
 * walk that keeps the same writer state PyYAML keeps (column, "last written char was whitespace",
 * "we are in the indentation", current indent) so that every spacing and folding decision comes out
 * the same.
 *
 * No cdk8s or constructs import here: plain values in, a string out.
 */

/** Decides whether a whole number at `path` is a Python `int` (`3`) or a `float` (`3.0`). */
export type IsIntegerPolicy = (path: readonly string[], documentIndex: number) => boolean;

/** Options of {@link emitPyYaml}. Internal: function types are not jsii-compatible. */
export interface EmitPyYamlOptions {
  /**
   * Which numbers are Python ints. Called only for finite whole numbers, with the keys (and array
   * indexes, as strings) from the document root down to the number.
   *
   * @default every whole number is an int (as `json.loads` of an integer literal would give)
   */
  readonly isInteger?: IsIntegerPolicy;
}

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
/** PyYAML refuses simple keys whose length, plus the length of the `!!str` tag, reaches 128. */
const SIMPLE_KEY_LIMIT = 128;
const STR_TAG_LENGTH = '!!str'.length;

// ---------------------------------------------------------------------------------------------
// Implicit resolvers: a plain scalar that would read back as another type must be quoted.
// These are PyYAML's YAML 1.1 resolvers, selected by the first character like PyYAML does.
// Python's `$` also matches before one trailing newline, hence the `\n?`.
// ---------------------------------------------------------------------------------------------

const BOOL_RE = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\n?$/;
const FLOAT_RE = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\n?$/;
const INT_RE = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)\n?$/;
const MERGE_RE = /^(?:<<)\n?$/;
const NULL_RE = /^(?:~|null|Null|NULL|)\n?$/;
const TIMESTAMP_RE = /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)\n?$/;
const VALUE_RE = /^(?:=)\n?$/;

const RESOLVERS_BY_FIRST_CHAR = new Map<string, RegExp[]>();
function addResolver(re: RegExp, firstChars: string[]): void {
  for (const ch of firstChars) {
    const list = RESOLVERS_BY_FIRST_CHAR.get(ch) ?? [];
    list.push(re);
    RESOLVERS_BY_FIRST_CHAR.set(ch, list);
  }
}
addResolver(BOOL_RE, [...'yYnNtTfFoO']);
addResolver(FLOAT_RE, [...'-+0123456789.']);
addResolver(INT_RE, [...'-+0123456789']);
addResolver(MERGE_RE, ['<']);
addResolver(NULL_RE, ['~', 'n', 'N', '']);
addResolver(TIMESTAMP_RE, [...'0123456789']);
addResolver(VALUE_RE, ['=']);

/** True when a string written plain would be read back as a bool, number, null, date, `<<` or `=`. */
export function resolvesToNonString(value: string): boolean {
  const resolvers = RESOLVERS_BY_FIRST_CHAR.get(value.length === 0 ? '' : value[0]);
  if (!resolvers) return false;
  for (const re of resolvers) {
    if (re.test(value)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Scalar analysis (which styles a string allows)
// ---------------------------------------------------------------------------------------------

interface Analysis {
  readonly empty: boolean;
  readonly multiline: boolean;
  readonly allowPlain: boolean; // block plain
  readonly allowSingleQuoted: boolean;
}

const EMPTY_ANALYSIS: Analysis = { empty: true, multiline: false, allowPlain: true, allowSingleQuoted: true };

function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** `\0 \t\r\n\x85\u2028\u2029`: what counts as "whitespace" around an indicator. */
function isBlankOrBreak(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

function analyzeScalar(s: string): Analysis {
  const n = s.length;
  if (n === 0) return EMPTY_ANALYSIS;

  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;

  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;

  let precededByWs = true;
  let followedByWs = n === 1 || isBlankOrBreak(s.charCodeAt(1));
  let previousSpace = false;
  let previousBreak = false;

  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (i === 0) {
      // # , [ ] { } & * ! | > ' " % @ `
      if (c === 0x23 || c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x26 || c === 0x2a
        || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x27 || c === 0x22 || c === 0x25 || c === 0x40 || c === 0x60) {
        blockIndicators = true;
      }
      if ((c === 0x3f || c === 0x3a) && followedByWs) blockIndicators = true; // ? :
      if (c === 0x2d && followedByWs) blockIndicators = true; // -
    } else {
      if (c === 0x3a && followedByWs) blockIndicators = true; // ': '
      if (c === 0x23 && precededByWs) blockIndicators = true; // ' #'
    }

    if (isBreak(c)) lineBreaks = true;
    // allow_unicode=False: everything outside printable ASCII (except \n) needs double quotes.
    if (!(c === 0x0a || (c >= 0x20 && c <= 0x7e))) special = true;

    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }

    precededByWs = isBlankOrBreak(c);
    followedByWs = i + 2 >= n || isBlankOrBreak(s.charCodeAt(i + 2));
  }

  let allowPlain = true;
  let allowSingleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) allowPlain = false;
  if (breakSpace) allowPlain = allowSingleQuoted = false;
  if (spaceBreak || special) allowPlain = allowSingleQuoted = false;
  if (lineBreaks) allowPlain = false;
  if (blockIndicators) allowPlain = false;
  return { empty: false, multiline: lineBreaks, allowPlain, allowSingleQuoted };
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/**
 * Python's `repr(float)`: the shortest digits that round-trip (the same digits JavaScript picks),
 * in positional form for decimal exponents -4..15 and `d.ddde+XX` otherwise.
 */
export function pythonFloatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const sign = v < 0 ? '-' : '';
  const exp = Math.abs(v).toExponential(); // shortest round-trip digits, e.g. "1.2345e+19", "1e-5"
  const ePos = exp.indexOf('e');
  const mantissa = exp.slice(0, ePos);
  const e = parseInt(exp.slice(ePos + 1), 10);
  const digits = mantissa.replace('.', '');
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(e);
    return `${sign}${m}e${e < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

/** How PyYAML writes a float: `repr`, with `.0` inserted before a bare exponent; `.inf`, `.nan`. */
export function pyYamlFloat(v: number): string {
  if (Number.isNaN(v)) return '.nan';
  if (v === Infinity) return '.inf';
  if (v === -Infinity) return '-.inf';
  const r = pythonFloatRepr(v);
  if (r.indexOf('.') < 0 && r.indexOf('e') >= 0) return r.replace('e', '.0e');
  return r;
}

/** Python `str(int)` of a whole JavaScript number. */
export function pythonIntStr(v: number): string {
  if (Number.isSafeInteger(v)) return String(v === 0 ? 0 : v);
  return BigInt(v).toString();
}

// ---------------------------------------------------------------------------------------------
// Key order: Python compares str by code point; JavaScript's `<` compares UTF-16 code units.
// ---------------------------------------------------------------------------------------------

/** Compares two strings by Unicode code point, like Python's `str` ordering. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (astral code points) sort after U+E000..U+FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

function sortedKeys(obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  let simple = true;
  for (const k of keys) {
    if (/[\ud800-\uffff]/.test(k)) {
      simple = false;
      break;
    }
  }
  return simple ? keys.sort() : keys.sort(compareCodePoints);
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// The writer
// ---------------------------------------------------------------------------------------------

const DOUBLE_QUOTE_ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}

function escapeCodePoint(cp: number): string {
  const named = DOUBLE_QUOTE_ESCAPES[cp];
  if (named !== undefined) return `\\${named}`;
  if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

interface NodeContext {
  readonly root: boolean;
  readonly mapping: boolean;
  readonly simpleKey: boolean;
}

const CTX_ROOT: NodeContext = { root: true, mapping: false, simpleKey: false };
const CTX_SEQUENCE: NodeContext = { root: false, mapping: false, simpleKey: false };
const CTX_MAPPING: NodeContext = { root: false, mapping: true, simpleKey: false };
const CTX_SIMPLE_KEY: NodeContext = { root: false, mapping: true, simpleKey: true };

/** Scalars at least this long are written once per (text, writer state) and then reused. */
const CACHE_MIN_LENGTH = 64;

interface CachedScalar {
  readonly data: string;
  readonly column: number;
  readonly whitespace: boolean;
  readonly indention: boolean;
  readonly closesOpenEnd: boolean;
}

class PyYamlWriter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private openEnded = false;
  private indent: number | undefined = undefined;
  private readonly indents: Array<number | undefined> = [];
  private readonly path: string[] = [];
  private readonly active = new Set<object>();
  private readonly scalarCache = new Map<string, Map<string, CachedScalar>>();
  private documentIndex = 0;

  constructor(private readonly isInteger: IsIntegerPolicy | undefined) {}

  public documents(docs: readonly unknown[]): string {
    docs.forEach((doc, i) => {
      this.documentIndex = i;
      if (i > 0) {
        this.writeIndent();
        this.writeIndicator('---', true);
      }
      this.node(doc, CTX_ROOT);
      this.writeIndent();
    });
    if (this.openEnded) {
      this.writeIndicator('...', true);
      this.writeIndent();
    }
    return this.out;
  }

  // -- structure --------------------------------------------------------------------------

  private node(value: unknown, ctx: NodeContext): void {
    if (value === null || value === undefined) {
      this.scalar('null', true, ctx);
      return;
    }
    switch (typeof value) {
      case 'string':
        this.scalar(value, !resolvesToNonString(value), ctx);
        return;
      case 'boolean':
        this.scalar(value ? 'true' : 'false', true, ctx);
        return;
      case 'number':
        this.scalar(this.number(value), true, ctx);
        return;
      case 'bigint':
        this.scalar(value.toString(), true, ctx);
        return;
      case 'object':
        break;
      default:
        throw new Error(`PyYAML emitter: cannot represent a value of type ${typeof value} at ${this.where()}`);
    }
    const obj = value as object;
    if (this.active.has(obj)) {
      throw new Error(`PyYAML emitter: the value at ${this.where()} contains itself (a cycle); expected a tree of plain values`);
    }
    this.active.add(obj);
    if (Array.isArray(obj)) {
      this.sequence(obj, ctx);
    } else {
      this.mapping(obj as Record<string, unknown>);
    }
    this.active.delete(obj);
  }

  private number(v: number): string {
    if (Number.isInteger(v) && (this.isInteger === undefined || this.isInteger(this.path, this.documentIndex))) {
      return pythonIntStr(v);
    }
    return pyYamlFloat(v);
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent === undefined) {
      this.indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      this.indent += BEST_INDENT;
    }
  }

  private popIndent(): void {
    this.indent = this.indents.pop();
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true);
    this.writeIndicator(close, false);
  }

  private sequence(items: readonly unknown[], ctx: NodeContext): void {
    if (items.length === 0) {
      this.emptyFlow('[', ']');
      return;
    }
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (let i = 0; i < items.length; i++) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.path.push(String(i));
      const item = items[i];
      this.node(item === undefined ? null : item, CTX_SEQUENCE);
      this.path.pop();
    }
    this.popIndent();
  }

  private mapping(obj: Record<string, unknown>): void {
    const keys = sortedKeys(obj);
    if (keys.length === 0) {
      this.emptyFlow('{', '}');
      return;
    }
    this.increaseIndent(false, false);
    for (const key of keys) {
      this.writeIndent();
      this.path.push(key);
      const a = analyzeScalar(key);
      if (!a.empty && !a.multiline && STR_TAG_LENGTH + codePointLength(key) < SIMPLE_KEY_LIMIT) {
        this.scalarWithAnalysis(key, !resolvesToNonString(key), CTX_SIMPLE_KEY, a);
        this.writeIndicator(':', false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.scalarWithAnalysis(key, !resolvesToNonString(key), CTX_MAPPING, a);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(obj[key], CTX_MAPPING);
      this.path.pop();
    }
    this.popIndent();
  }

  // -- scalars ----------------------------------------------------------------------------

  private scalar(text: string, plainImplicit: boolean, ctx: NodeContext): void {
    if (text.length < CACHE_MIN_LENGTH || ctx.root) {
      this.scalarWithAnalysis(text, plainImplicit, ctx, analyzeScalar(text));
      return;
    }
    // Long values (python sources, pip bootstraps) repeat across executors: the bytes written
    // depend only on the text and the writer state at its start, so write each combination once.
    const state = `${this.column},${this.indent},${+this.whitespace}${+this.indention}${+ctx.simpleKey}${+plainImplicit}`;
    let byState = this.scalarCache.get(text);
    const hit = byState?.get(state);
    if (hit) {
      this.out += hit.data;
      this.column = hit.column;
      this.whitespace = hit.whitespace;
      this.indention = hit.indention;
      if (hit.closesOpenEnd) this.openEnded = false;
      return;
    }
    const savedOut = this.out;
    const savedOpenEnded = this.openEnded;
    this.out = '';
    this.openEnded = true; // to see whether writing the scalar resets it
    this.scalarWithAnalysis(text, plainImplicit, ctx, analyzeScalar(text));
    const data = this.out;
    const closesOpenEnd = !this.openEnded;
    this.openEnded = closesOpenEnd ? false : savedOpenEnded;
    this.out = savedOut + data;
    if (!byState) {
      byState = new Map();
      this.scalarCache.set(text, byState);
    }
    byState.set(state, { data, column: this.column, whitespace: this.whitespace, indention: this.indention, closesOpenEnd });
  }

  private scalarWithAnalysis(text: string, plainImplicit: boolean, ctx: NodeContext, a: Analysis): void {
    this.increaseIndent(true, false);
    const split = !ctx.simpleKey;
    if (plainImplicit && !(ctx.simpleKey && (a.empty || a.multiline)) && a.allowPlain) {
      this.writePlain(text, split, ctx.root);
    } else if (a.allowSingleQuoted && !(ctx.simpleKey && a.multiline)) {
      this.writeSingleQuoted(text, split);
    } else {
      this.writeDoubleQuoted(text, split);
    }
    this.popIndent();
  }

  private writePlain(text: string, split: boolean, root: boolean): void {
    if (root) this.openEnded = true;
    if (text.length === 0) return;
    if (!this.whitespace) {
      this.out += (' ');
      this.column += 1;
    }
    this.whitespace = false;
    this.indention = false;
    // Fast path: no space can be a break point.
    if (!split || this.column + text.length <= BEST_WIDTH || text.indexOf(' ') < 0) {
      this.out += (text);
      this.column += text.length;
      return;
    }
    // Plain scalars here never contain line breaks (they are quoted), so only spaces matter.
    let spaces = false;
    let start = 0;
    const n = text.length;
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? text.charCodeAt(end) : -1;
      if (spaces) {
        if (ch !== 0x20) {
          if (start + 1 === end && this.column > BEST_WIDTH) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else {
            this.writeText(text.slice(start, end));
          }
          start = end;
        }
      } else if (ch === -1 || ch === 0x20) {
        this.writeText(text.slice(start, end));
        start = end;
      }
      spaces = ch === 0x20;
    }
  }

  private writeSingleQuoted(text: string, split: boolean): void {
    this.writeIndicator("'", true);
    const n = text.length;
    if ((!split || this.column + n <= BEST_WIDTH || text.indexOf(' ') < 0) && text.indexOf("'") < 0 && text.indexOf('\n') < 0) {
      this.writeText(text);
      this.writeIndicator("'", false);
      return;
    }
    // Single-quoted scalars only ever hold printable ASCII and '\n' (anything else is double-quoted).
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? text.charCodeAt(end) : -1;
      if (spaces) {
        if (ch !== 0x20) {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== n) {
            this.writeIndent();
          } else {
            this.writeText(text.slice(start, end));
          }
          start = end;
        }
      } else if (breaks) {
        if (ch === -1 || !isBreak(ch)) {
          if (text.charCodeAt(start) === 0x0a) this.writeLineBreak();
          for (let i = start; i < end; i++) this.writeLineBreak(text[i] === '\n' ? '\n' : text[i]);
          this.writeIndent();
          start = end;
        }
      } else if (ch === -1 || ch === 0x20 || isBreak(ch) || ch === 0x27) {
        if (start < end) {
          this.writeText(text.slice(start, end));
          start = end;
        }
      }
      if (ch === 0x27) {
        this.writeText("''");
        start = end + 1;
      }
      if (ch !== -1) {
        spaces = ch === 0x20;
        breaks = isBreak(ch);
      }
    }
    this.writeIndicator("'", false);
  }

  private writeDoubleQuoted(input: string, split: boolean): void {
    this.writeIndicator('"', true);
    // Python indexes by code point; only split into code points when there are surrogates.
    const text: string | string[] = /[\ud800-\udfff]/.test(input) ? Array.from(input) : input;
    const n = text.length;
    const cpAt = typeof text === 'string'
      ? (i: number) => text.charCodeAt(i)
      : (i: number) => text[i].codePointAt(0)!;
    const slice = typeof text === 'string'
      ? (a: number, b: number) => text.slice(a, b)
      : (a: number, b: number) => text.slice(a, b).join('');
    let start = 0;
    for (let end = 0; end <= n; end++) {
      const ch = end < n ? cpAt(end) : -1;
      if (ch === -1 || ch === 0x22 || ch === 0x5c || ch < 0x20 || ch > 0x7e) {
        if (start < end) {
          this.writeText(slice(start, end));
          start = end;
        }
        if (ch !== -1) {
          this.writeText(escapeCodePoint(ch));
          start = end + 1;
        }
      }
      if (end > 0 && end < n - 1 && (ch === 0x20 || start >= end) && this.column + (end - start) > BEST_WIDTH && split) {
        this.writeText(`${start < end ? slice(start, end) : ''}\\`);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (cpAt(start) === 0x20) this.writeText('\\');
      }
    }
    this.writeIndicator('"', false);
  }

  // -- low-level output -------------------------------------------------------------------

  private writeText(data: string): void {
    this.column += data.length;
    this.out += (data);
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, whitespace = false, indention = false): void {
    const data = this.whitespace || !needWhitespace ? indicator : ` ${indicator}`;
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
    this.column += data.length;
    this.openEnded = false;
    this.out += (data);
  }

  private writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.writeLineBreak();
    }
    if (this.column < indent) {
      this.whitespace = true;
      this.out += (' '.repeat(indent - this.column));
      this.column = indent;
    }
  }

  private writeLineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.column = 0;
    this.out += (data);
  }

  private where(): string {
    return this.path.length === 0 ? 'the document root' : `'${this.path.join('.')}'`;
  }
}

/**
 * Writes `documents` the way PyYAML's `yaml.dump_all(documents, sort_keys=True)` does: block
 * style, keys sorted by code point, indent 2, width 80, ASCII only, `---` before every document
 * but the first, and a final newline.
 *
 * Values are plain JSON-like data. `undefined` object members are left out (like `JSON.stringify`)
 * and `undefined` array items are written as `null`. Numbers follow `options.isInteger`.
 */
export function emitPyYaml(documents: readonly unknown[], options: EmitPyYamlOptions = {}): string {
  return new PyYamlWriter(options.isInteger).documents(documents);
}

/**
 * PyYAML-compatible YAML output: what Python's `yaml.dump(value, sort_keys=True)` writes with
 * default options (block style, sorted keys, indent 2, width 80, non-ASCII escaped).
 *
 * Whole numbers are written as ints (`3`) and other numbers as Python floats (`0.5`, `1.0e-05`).
 */
export class PyYaml {
  /**
   * One document, like `yaml.dump(value, sort_keys=True)`.
   *
   * @param value a JSON-like value
   */
  public static dump(value: any): string {
    return emitPyYaml([value]);
  }

  /**
   * Several documents, like `yaml.dump_all(documents, sort_keys=True)`: `---` separates them.
   *
   * @param documents JSON-like values
   */
  public static dumpAll(documents: any[]): string {
    return emitPyYaml(documents);
  }

  private constructor() {}
}

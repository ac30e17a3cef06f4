/**
 * Reading upstream IR test files with the `yaml` package.
 *
 * A few upstream IR files (hand-edited after the SDK wrote them) continue a quoted scalar on
 * lines indented no deeper than the sequence dash that opened it. libyaml (PyYAML, Go's yaml)
 * accepts that; the `yaml` package reports "Missing closing quote". Leading spaces of a quoted
 * scalar's continuation lines are folded away, so indenting those lines two more spaces changes
 * no value; `indentQuotedContinuations` does exactly that and nothing else.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

export function indentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let open: '"' | "'" | undefined;
  let openIndent = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const indent = line.length - line.trimStart().length;
    if (open) {
      if (line.trim() !== '' && indent <= openIndent) {
        line = ' '.repeat(openIndent + 2 - indent) + line;
        lines[i] = line;
      }
    }
    let prev = ''; // previous non-space character outside quotes on this line
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (open === '"') {
        if (c === '\\') j++;
        else if (c === '"') open = undefined;
        continue;
      }
      if (open === "'") {
        if (c === "'" && line[j + 1] === "'") j++;
        else if (c === "'") open = undefined;
        continue;
      }
      if (c === '#' && (j === 0 || line[j - 1] === ' ')) break;
      if ((c === '"' || c === "'") && (prev === '' || '-:?[{,'.includes(prev))) {
        open = c;
        openIndent = indent;
        continue;
      }
      if (c !== ' ') prev = c;
    }
  }
  return lines.join('\n');
}

/** The documents of a YAML file (PipelineSpec and optional PlatformSpec). */
export function readIrFile(file: string): { ir: any; platform: any } {
  const docs = parseAllDocuments(indentQuotedContinuations(fs.readFileSync(file, 'utf8')));
  const values: any[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors[0].message}`);
    const v = d.toJSON();
    if (v) values.push(v);
  }
  return {
    ir: values.find((v) => v.pipelineInfo !== undefined || v.root !== undefined),
    platform: values.find((v) => v.platforms !== undefined),
  };
}

/** Finds a file by name anywhere under a directory (the IR test files are in sub-folders). */
export function findFile(dir: string, name: string): string | undefined {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    } else if (e.name === name) {
      return p;
    }
  }
  return undefined;
}

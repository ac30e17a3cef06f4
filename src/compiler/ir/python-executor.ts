/** The container command and args the kfp compiler writes for lightweight Python components. */
import { PythonImpl } from './model';

const LAUNCHER = 'program_path=$(mktemp -d)\n\nprintf "%s" "$0" > "$program_path/ephemeral_component.py"\n'
  + '_KFP_RUNTIME=true python3 -m kfp.dsl.executor_main'
  + '                         --component_module_path'
  + '                         "$program_path/ephemeral_component.py"'
  + '                         "$@"\n';

const VENV_SCRIPT = '\nexport PIP_DISABLE_PIP_VERSION_CHECK=1\ntmp=$(mktemp -d)\npython3 -m venv "$tmp/venv" --system-site-packages\n. "$tmp/venv/bin/activate"\n';

const IMPORTS = ['import kfp', 'from kfp import dsl', 'from kfp.dsl import *', 'from typing import *'];

/** Python `repr()` of a string. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

function indexUrlOptions(urls: string[] | undefined, trustedHosts: string[] | undefined): string {
  if (!urls || urls.length === 0) return '';
  const options = [`--index-url ${urls[0]}`, ...urls.slice(1).map((u) => `--extra-index-url ${u}`)];
  if (trustedHosts === undefined) {
    options.push(...urls.map((u) => `--trusted-host ${u}`));
  } else {
    options.push(...trustedHosts.map((h) => `--trusted-host ${h}`));
  }
  return options.join(' ') + ' ';
}

function pipInstall(parts: string[], indexOptions: string): string {
  return `python3 -m pip install --quiet --no-warn-script-location ${indexOptions}${parts.map(pyRepr).join(' ')}`;
}

/** `['sh', '-c', <bootstrap>]`, or `[]` when nothing is installed. */
export function packagesToInstallCommand(impl: PythonImpl, kfpVersion: string): string[] {
  const packages = impl.packagesToInstall ?? [];
  const kfpInUserPackages = packages.some((p) => p.startsWith('kfp'));
  const injectKfp = (impl.installKfpPackage ?? true) && !impl.targetImage && !kfpInUserPackages;
  if (!injectKfp && packages.length === 0) return [];
  const indexOptions = indexUrlOptions(impl.pipIndexUrls, impl.pipTrustedHosts);
  const parts: string[] = [];
  if (packages.length > 0) {
    parts.push(pipInstall(packages, indexOptions));
    if (injectKfp) parts.push(' && ');
  }
  if (injectKfp) {
    if (impl.useVenv) parts.push(VENV_SCRIPT);
    if (impl.kfpPackagePath) {
      parts.push(pipInstall([impl.kfpPackagePath], indexOptions));
    } else {
      parts.push(pipInstall([`kfp==${kfpVersion}`, '--no-deps', 'typing-extensions>=3.7.4,<5; python_version<"3.9"'], indexOptions));
    }
  }
  const script = '\nif ! [ -x "$(command -v pip)" ]; then\n    python3 -m ensurepip || python3 -m ensurepip --user || apt-get install python3-pip\nfi\n\n'
    + `PIP_DISABLE_PIP_VERSION_CHECK=1 ${parts.join(' ')} && "$0" "$@"\n`;
  return ['sh', '-c', script];
}

/** The container (image, command, args) for a Python component. */
export function pythonContainer(impl: PythonImpl, kfpVersion: string): { image: string; command: string[]; args: string[] } {
  const install = packagesToInstallCommand(impl, kfpVersion);
  const args = ['--executor_input', '{{$}}', '--function_to_execute', impl.functionName];
  if (impl.targetImage) {
    return { image: impl.targetImage, command: [...install, 'python3', '-m', 'kfp.dsl.executor_main'], args };
  }
  const program = '\n' + [...IMPORTS, ...(impl.imports ?? [])].join('\n') + '\n\n' + impl.source + '\n';
  return { image: impl.baseImage, command: [...install, 'sh', '-ec', LAUNCHER, program], args };
}

/**
 * Normalises a function source the way kfp does: dedent, then start at the first line that
 * begins with `def` (decorators and anything before are dropped), ending with a newline.
 */
export function normalizePythonSource(source: string): string {
  const text = source.replace(/\r\n/g, '\n');
  const lines = text.split('\n');
  // textwrap.dedent: common leading whitespace of non-blank lines.
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const ws = /^[ \t]*/.exec(line)![0];
    if (common === undefined) {common = ws;} else {
      let i = 0;
      while (i < common.length && i < ws.length && common[i] === ws[i]) i++;
      common = common.slice(0, i);
    }
  }
  const dedented = lines.map((l) => (l.trim() === '' ? l.replace(/^[ \t]+$/, '') : l.slice(common?.length ?? 0)));
  const start = dedented.findIndex((l) => l.startsWith('def'));
  const kept = start < 0 ? dedented : dedented.slice(start);
  let out = kept.join('\n');
  if (!out.endsWith('\n')) out += '\n';
  return out;
}

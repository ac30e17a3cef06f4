/**
 * Synth-time warnings and notes attached to constructs.
 */
import { IConstruct } from 'constructs';

const WARNING = 'cdk8s-kfp:warning';
const INFO = 'cdk8s-kfp:info';

/** Messages already printed by this process (an app may validate more than once). */
const printed = new Set<string>();

/**
 * Warnings and notes on a construct. `cdk8s synth` prints them (to stderr) when the app
 * validates; tests read them with `Annotations.warningsOf`.
 */
export class Annotations {
  /** The annotations of a construct. */
  public static of(scope: IConstruct): Annotations {
    return new Annotations(scope);
  }

  /** Every warning recorded on `scope` and its children, as `<path>: <message>`. */
  public static warningsOf(scope: IConstruct): string[] {
    return Annotations.collect(scope, WARNING);
  }

  /** Every note recorded on `scope` and its children, as `<path>: <message>`. */
  public static infosOf(scope: IConstruct): string[] {
    return Annotations.collect(scope, INFO);
  }

  private static collect(scope: IConstruct, type: string): string[] {
    const out: string[] = [];
    for (const c of scope.node.findAll()) {
      for (const m of c.node.metadata) {
        if (m.type === type) out.push(`${c.node.path}: ${m.data}`);
      }
    }
    return out;
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Records a warning; synth prints it and goes on. */
  public addWarning(message: string): void {
    this.add(WARNING, 'Warning', message);
  }

  /** Records a note; synth prints it and goes on. */
  public addInfo(message: string): void {
    this.add(INFO, 'Info', message);
  }

  /** Records an error; synth fails with it. */
  public addError(message: string): void {
    this.scope.node.addValidation({ validate: () => [message] });
  }

  private add(type: string, label: string, message: string): void {
    this.scope.node.addMetadata(type, message);
    const path = this.scope.node.path;
    this.scope.node.addValidation({
      validate: () => {
        const line = `[${label}] ${path}: ${message}`;
        if (!printed.has(line)) {
          printed.add(line);
          process.stderr.write(`${line}\n`);
        }
        return [];
      },
    });
  }
}

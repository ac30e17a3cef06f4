/**
 * The RBAC audit: every rule of every Role and ClusterRole in a set of manifests that a security
 * reviewer would flag.
 */

/** One flagged rule. */
export interface RbacFinding {
  /** `<Kind> <namespace>/<name>` (no namespace for a ClusterRole). */
  readonly role: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /**
   * `wildcard` (`*` anywhere), `exec` (`pods/exec` or `pods/attach`), `escalation` (`escalate`,
   * `bind` or `impersonate`) or `secret-read` (reads Secrets without `resourceNames`).
   */
  readonly category: string;
  /** The rule as written, e.g. `secrets [get] in ''`. */
  readonly rule: string;
  /** What is wrong. */
  readonly detail: string;
}

const READ_VERBS = ['get', 'list', 'watch', '*'];
const ESCALATION_VERBS = ['escalate', 'bind', 'impersonate'];
const EXEC_RESOURCES = ['pods/exec', 'pods/attach'];

/** A rule as one line: `pods, pods/log [get, list] in '' (names: a, b)`. */
export function describeRule(rule: any): string {
  const groups = (rule.apiGroups ?? []).map((g: string) => `'${g}'`).join(', ');
  const resources = [...(rule.resources ?? []), ...(rule.nonResourceURLs ?? [])].join(', ');
  const names = rule.resourceNames?.length ? ` (names: ${rule.resourceNames.join(', ')})` : '';
  return `${resources} [${(rule.verbs ?? []).join(', ')}] in ${groups || "''"}${names}`;
}

/** The findings of one rule. */
export function ruleFindings(rule: any): Array<{ category: string; detail: string }> {
  const out: Array<{ category: string; detail: string }> = [];
  const groups: string[] = rule.apiGroups ?? [];
  const resources: string[] = rule.resources ?? [];
  const verbs: string[] = rule.verbs ?? [];
  const names: string[] = rule.resourceNames ?? [];
  const wild = [...groups, ...resources, ...verbs, ...names, ...(rule.nonResourceURLs ?? [])].filter((x) => String(x).includes('*'));
  if (wild.length) out.push({ category: 'wildcard', detail: `wildcard ${[...new Set(wild)].map((w) => `'${w}'`).join(', ')}` });
  const core = groups.includes('') || groups.includes('*');
  const exec = resources.filter((r) => EXEC_RESOURCES.includes(r) || r === 'pods/*');
  if (core && exec.length) out.push({ category: 'exec', detail: `${exec.join(', ')}: runs commands in any pod it can see` });
  const escalation = verbs.filter((v) => ESCALATION_VERBS.includes(v));
  if (escalation.length) out.push({ category: 'escalation', detail: `${escalation.join(', ')}: grants more than the role holds` });
  const secrets = core && resources.some((r) => r === 'secrets' || r === '*');
  const reads = verbs.filter((v) => READ_VERBS.includes(v));
  if (secrets && reads.length && names.length === 0) {
    out.push({ category: 'secret-read', detail: `${reads.join(', ')} on every Secret of ${rule.__clusterWide ? 'the cluster' : 'the namespace'} (no resourceNames)` });
  }
  return out;
}

/**
 * The RBAC audit of a set of manifests: every rule of every Role and ClusterRole, and the ones with
 * a wildcard, an exec grant, escalate/bind/impersonate, or a read of Secrets without resource
 * names. Prints as `Least privilege: N rules, W wildcards, E exec grants, S namespace-wide secret reads`.
 */
export class RbacAudit {
  /** Audits plain manifest objects (as `Chart.toJson()` returns them). */
  public static ofObjects(objects: any[]): RbacAudit {
    let rules = 0;
    const findings: RbacFinding[] = [];
    for (const o of objects) {
      if (o?.kind !== 'Role' && o?.kind !== 'ClusterRole') continue;
      const ns = o.kind === 'Role' ? o.metadata?.namespace : undefined;
      const role = `${o.kind} ${ns ? `${ns}/` : ''}${o.metadata?.name}`;
      for (const r of o.rules ?? []) {
        rules++;
        for (const f of ruleFindings({ ...r, __clusterWide: o.kind === 'ClusterRole' })) {
          const where = ns ? { namespace: ns } : {};
          findings.push({ role, kind: o.kind, name: o.metadata?.name, ...where, category: f.category, rule: describeRule(r), detail: f.detail });
        }
      }
    }
    return new RbacAudit(rules, findings);
  }

  /** How many rules the manifests hold. */
  public readonly ruleCount: number;
  /** Every flagged rule, once per category. */
  public readonly findings: RbacFinding[];

  private constructor(ruleCount: number, findings: RbacFinding[]) {
    this.ruleCount = ruleCount;
    this.findings = findings;
  }

  /** Rules with a wildcard. */
  public get wildcardCount(): number {
    return this.count('wildcard');
  }

  /** Rules granting `pods/exec` or `pods/attach`. */
  public get execCount(): number {
    return this.count('exec');
  }

  /** Rules granting escalate, bind or impersonate. */
  public get escalationCount(): number {
    return this.count('escalation');
  }

  /** Rules that read Secrets without resource names. */
  public get secretReadCount(): number {
    return this.count('secret-read');
  }

  /** `Least privilege: N rules, W wildcards, E exec grants, S namespace-wide secret reads` (and escalations, when there are any). */
  public summary(): string {
    const escalations = this.escalationCount ? `, ${this.escalationCount} escalate/bind/impersonate grants` : '';
    return `Least privilege: ${this.ruleCount} rules, ${this.wildcardCount} wildcards, ${this.execCount} exec grants, ${this.secretReadCount} namespace-wide secret reads${escalations}`;
  }

  private count(category: string): number {
    return this.findings.filter((f) => f.category === category).length;
  }
}

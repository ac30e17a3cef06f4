/**
 * Pod Security Standards, "restricted" profile (Kubernetes 1.25+), checked on synthesized pod
 * templates, with the documented exceptions for workloads whose upstream image cannot comply.
 *
 * The checks follow the profile's controls: host namespaces, privileged containers,
 * capabilities, volume types, host ports, /proc mount, seccomp, sysctls, AppArmor, SELinux,
 * privilege escalation, running as non-root and as a non-zero user.
 */

/** One control a container or pod fails. */
export interface PodSecurityViolation {
  /**
   * The control: `hostNamespaces`, `privileged`, `capabilities`, `volumeTypes`, `hostPorts`,
   * `procMount`, `seccompProfile`, `sysctls`, `appArmor`, `seLinux`, `allowPrivilegeEscalation`,
   * `runAsNonRoot` or `runAsUser`.
   */
  readonly rule: string;
  /** The container, or `undefined` for a pod-level field. */
  readonly container?: string;
  /** What is wrong, e.g. `hostPath volume 'device-plugin' (/var/lib/kubelet/device-plugins)`. */
  readonly detail: string;
}

/**
 * A documented, narrowly scoped exception: the controls one workload may fail, and why. Each
 * control listed must really be failed (a stale exception is reported as such).
 */
export interface PodSecurityException {
  /** The workload kind, e.g. `DaemonSet`. */
  readonly kind: string;
  /** The workload name. */
  readonly name: string;
  /** The controls it may fail. */
  readonly rules: string[];
  /** Why the image cannot comply. */
  readonly reason: string;
}

/** The Pod Security verdict of one workload. */
export interface WorkloadPodSecurity {
  /** `<Kind> <namespace>/<name>`. */
  readonly workload: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** `compliant`, `exception` (every violation is covered by a documented exception) or `non-compliant`. */
  readonly status: string;
  /** Every violation found. */
  readonly violations: PodSecurityViolation[];
  /** The violations no exception covers. */
  readonly uncovered: PodSecurityViolation[];
  /** The exception applied, if any. */
  readonly exception?: PodSecurityException;
}

const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/** Every violation of the restricted profile in a pod spec. */
export function restrictedViolations(pod: any): PodSecurityViolation[] {
  const out: PodSecurityViolation[] = [];
  const add = (rule: string, detail: string, container?: string) => out.push(container ? { rule, container, detail } : { rule, detail });
  const spec = pod ?? {};
  const psc = spec.securityContext ?? {};
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[field] === true) add('hostNamespaces', `${field}: true`);
  }
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type && !RESTRICTED_VOLUMES.includes(type)) {
      add('volumeTypes', `${type} volume '${v.name}'${type === 'hostPath' ? ` (${v.hostPath?.path})` : ''}`);
    }
  }
  for (const s of psc.sysctls ?? []) {
    if (!SAFE_SYSCTLS.includes(s.name)) add('sysctls', `sysctl ${s.name}`);
  }
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && !['RuntimeDefault', 'Localhost'].includes(podSeccomp)) add('seccompProfile', `pod seccompProfile ${podSeccomp}`);
  if (psc.runAsUser === 0) add('runAsUser', 'pod runAsUser: 0');
  if (psc.runAsNonRoot === false) add('runAsNonRoot', 'pod runAsNonRoot: false');
  if (psc.seLinuxOptions && (!SELINUX_TYPES.includes(psc.seLinuxOptions.type ?? '') || psc.seLinuxOptions.user || psc.seLinuxOptions.role)) {
    add('seLinux', 'pod seLinuxOptions');
  }
  if (psc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(psc.appArmorProfile.type)) add('appArmor', `pod appArmorProfile ${psc.appArmorProfile.type}`);

  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    const name = c.name;
    if (sc.privileged === true) add('privileged', 'privileged: true', name);
    if (sc.allowPrivilegeEscalation !== false) add('allowPrivilegeEscalation', 'allowPrivilegeEscalation is not false', name);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) add('capabilities', 'capabilities.drop does not include ALL', name);
    const extra = (sc.capabilities?.add ?? []).filter((x: string) => x !== 'NET_BIND_SERVICE');
    if (extra.length) add('capabilities', `capabilities.add ${extra.join(', ')}`, name);
    const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
    if (nonRoot !== true) add('runAsNonRoot', 'runAsNonRoot is not true (pod or container)', name);
    if (sc.runAsUser === 0) add('runAsUser', 'runAsUser: 0', name);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (seccomp === undefined) add('seccompProfile', 'no seccompProfile (pod or container); expected RuntimeDefault or Localhost', name);
    else if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) add('seccompProfile', `seccompProfile ${seccomp}`, name);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') add('procMount', `procMount ${sc.procMount}`, name);
    for (const p of c.ports ?? []) {
      if (p.hostPort) add('hostPorts', `hostPort ${p.hostPort}`, name);
    }
    if (sc.seLinuxOptions && (!SELINUX_TYPES.includes(sc.seLinuxOptions.type ?? '') || sc.seLinuxOptions.user || sc.seLinuxOptions.role)) {
      add('seLinux', 'seLinuxOptions', name);
    }
    if (sc.appArmorProfile && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type)) add('appArmor', `appArmorProfile ${sc.appArmorProfile.type}`, name);
  }
  return out;
}

/** The pod spec of a workload object, or `undefined` for objects that run no pods. */
export function podSpecOf(obj: any): any | undefined {
  switch (obj?.kind) {
    case 'Pod':
      return obj.spec;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return obj.spec?.template?.spec;
    case 'CronJob':
      return obj.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return undefined;
  }
}

/**
 * The documented exceptions for workloads this library ships. Each entry names the workload, the
 * controls it fails and why; `test/platform/hardening/pod-security.test.ts` pins each one.
 */
export const KNOWN_EXCEPTIONS: PodSecurityException[] = [
  {
    kind: 'DaemonSet',
    name: 'nvidia-device-plugin',
    rules: ['volumeTypes', 'runAsNonRoot'],
    reason: 'The NVIDIA device plugin registers with the kubelet through a socket in the host directory '
      + '/var/lib/kubelet/device-plugins (a hostPath volume), which only root may write. It runs on GPU nodes only, '
      + 'in kube-system (expected at Pod Security level privileged), with every capability dropped and no privilege escalation.',
  },
];

/**
 * The Pod Security "restricted" audit of a set of manifests: every workload's verdict and the
 * score line `Pod Security restricted: X/Y workloads compliant, Z documented exceptions`.
 */
export class PodSecurityAudit {
  /** The documented exceptions for workloads this library ships. */
  public static readonly KNOWN_EXCEPTIONS: PodSecurityException[] = KNOWN_EXCEPTIONS;

  /** Audits plain manifest objects (as `Chart.toJson()` returns them). */
  public static ofObjects(objects: any[], exceptions: PodSecurityException[] = KNOWN_EXCEPTIONS): PodSecurityAudit {
    const workloads: WorkloadPodSecurity[] = [];
    for (const obj of objects) {
      const spec = podSpecOf(obj);
      if (!spec) continue;
      const violations = restrictedViolations(spec);
      const ns = obj.metadata?.namespace;
      const workload = `${obj.kind} ${ns ? `${ns}/` : ''}${obj.metadata?.name}`;
      const exception = exceptions.find((e) => e.kind === obj.kind && e.name === obj.metadata?.name);
      const uncovered = violations.filter((v) => !exception?.rules.includes(v.rule));
      const status = violations.length === 0 ? 'compliant' : uncovered.length === 0 ? 'exception' : 'non-compliant';
      const applied = violations.length ? exception : undefined;
      workloads.push({ workload, kind: obj.kind, name: obj.metadata?.name, namespace: ns, status, violations, uncovered, exception: applied });
    }
    return new PodSecurityAudit(workloads);
  }

  /** Every workload's verdict. */
  public readonly workloads: WorkloadPodSecurity[];

  private constructor(workloads: WorkloadPodSecurity[]) {
    this.workloads = workloads;
  }

  /** Workloads that pass the profile as they are. */
  public get compliantCount(): number {
    return this.workloads.filter((w) => w.status === 'compliant').length;
  }

  /** Workloads that fail only controls a documented exception covers. */
  public get exceptionCount(): number {
    return this.workloads.filter((w) => w.status === 'exception').length;
  }

  /** Workloads that fail a control no exception covers. */
  public get nonCompliant(): WorkloadPodSecurity[] {
    return this.workloads.filter((w) => w.status === 'non-compliant');
  }

  /** `Pod Security restricted: X/Y workloads compliant, Z documented exceptions`. */
  public summary(): string {
    return `Pod Security restricted: ${this.compliantCount}/${this.workloads.length} workloads compliant, ${this.exceptionCount} documented exceptions`;
  }
}

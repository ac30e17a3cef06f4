import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { checkJsonValue } from './json';
import { PodToleration } from './placement';
import { Reference } from './reference';
import { PipelineParameter, TaskOutput } from './values';

/** The task side of the Kubernetes configuration (internal; avoids an import cycle with `Task`). */
interface KubernetesHost {
  readonly node: { readonly path: string };
  /** @internal */
  _addKubernetesConfig(fragment: Record<string, any>): void;
  /** @internal */
  _registerPlatformReference(ref: Reference, what: string, expected: string[]): void;
  /** @internal */
  _kubernetesConfig(): Record<string, any>;
}

/** Options for mounting a Secret or ConfigMap. */
export interface KubernetesObjectOptions {
  /**
   * Run the task even when the object doesn't exist.
   * @default false
   */
  readonly optional?: boolean;
}

/** Options for mounting a PersistentVolumeClaim. */
export interface PvcMountOptions {
  /**
   * A sub-path of the volume.
   * @default - the volume root
   */
  readonly subPath?: string;
}

/** Options for an emptyDir volume. */
export interface EmptyDirOptions {
  /**
   * `Memory` for a tmpfs.
   * @default - the node's default medium
   */
  readonly medium?: string;
  /**
   * The size limit, such as `1Gi`.
   * @default - no limit
   */
  readonly sizeLimit?: string;
}

/** A generic ephemeral volume: a PVC created and deleted with the pod. */
export interface EphemeralVolumeOptions {
  /** Access modes, such as `['ReadWriteOnce']`. */
  readonly accessModes: string[];
  /** The size, such as `5Gi`. */
  readonly size: string;
  /**
   * The StorageClass.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Labels of the claim.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the claim.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/** A label selector requirement (`key`, `operator`, `values`). */
export interface SelectorRequirement {
  /** The label (or field) key. */
  readonly key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`. */
  readonly operator: string;
  /**
   * The values.
   * @default - none
   */
  readonly values?: string[];
}

/** A node affinity term (kfp-kubernetes `add_node_affinity`). */
export interface NodeAffinityOptions {
  /**
   * Requirements on node labels.
   * @default - none
   */
  readonly matchExpressions?: SelectorRequirement[];
  /**
   * Requirements on node fields.
   * @default - none
   */
  readonly matchFields?: SelectorRequirement[];
  /**
   * Makes the term preferred (1-100) instead of required.
   * @default - required
   */
  readonly weight?: number;
}

/** A pod (anti-)affinity term. */
export interface PodAffinityOptions {
  /** The topology key, such as `kubernetes.io/hostname`. */
  readonly topologyKey: string;
  /**
   * Requirements on the labels of the other pods.
   * @default - none
   */
  readonly matchPodExpressions?: SelectorRequirement[];
  /**
   * Labels the other pods must have.
   * @default - none
   */
  readonly matchPodLabels?: { [key: string]: string };
  /**
   * Namespaces of the other pods.
   * @default - the task's namespace
   */
  readonly namespaces?: string[];
  /**
   * Requirements on the labels of the namespaces.
   * @default - none
   */
  readonly matchNamespaceExpressions?: SelectorRequirement[];
  /**
   * Labels the namespaces must have.
   * @default - none
   */
  readonly matchNamespaceLabels?: { [key: string]: string };
  /**
   * Makes the term preferred (1-100) instead of required.
   * @default - required
   */
  readonly weight?: number;
  /**
   * Anti-affinity: keep away from the matching pods.
   * @default false
   */
  readonly anti?: boolean;
}

/** The pod security context of a task. */
export interface TaskSecurityContext {
  /**
   * The user id.
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * The group id.
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Require a non-root user.
   * @default - not enforced
   */
  readonly runAsNonRoot?: boolean;
}

/** A volume mount of an init container. */
export interface InitContainerVolumeMount {
  /** The volume (e.g. an emptyDir added with `mountEmptyDir`). */
  readonly volumeName: string;
  /** Where to mount it. */
  readonly mountPath: string;
}

/** An init container that runs before the task's container. */
export interface InitContainer {
  /** The container name. */
  readonly name: string;
  /** The image. */
  readonly image: string;
  /**
   * The entrypoint.
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * The arguments.
   * @default - none
   */
  readonly args?: string[];
  /**
   * Environment variables.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Volume mounts.
   * @default - none
   */
  readonly volumeMounts?: InitContainerVolumeMount[];
}

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];

function show(v: any): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Kubernetes settings of a task (the kfp-kubernetes extension): Secrets, ConfigMaps, volumes,
 * scheduling, pod metadata and security. They are written to the PlatformSpec document, keyed by
 * the task's executor. Get it with `task.kubernetes`; every method returns it for chaining.
 */
export class TaskKubernetesConfig {
  private readonly task: KubernetesHost;

  /** @internal */
  constructor(task: IConstruct) {
    this.task = task as unknown as KubernetesHost;
  }

  private get where(): string {
    return `Task '${this.task.node.path}'`;
  }

  /**
   * An InputParameterSpec for a name or JSON value: a constant, or a reference that is
   * registered with the task (as kfp does).
   */
  private parameter(value: any, what: string, expected: string[]): any {
    if (value instanceof Reference) {
      this.task._registerPlatformReference(value, what, expected);
      if (value instanceof TaskOutput) {
        return { taskOutputParameter: { outputParameterKey: value.name, producerTask: value._task.taskName } };
      }
      if (value instanceof PipelineParameter) return { componentInputParameter: value.name };
      throw new Error(`${this.where}: ${what} got ${value._describe()}; expected a constant, a pipeline parameter or a task output`);
    }
    return { runtimeValue: { constant: value } };
  }

  /** A Kubernetes object name: a string, a cdk8s resource, or a reference to a string. */
  private objectName(value: any, what: string): { name?: string; parameter: any } {
    if (value instanceof Reference) return { parameter: this.parameter(value, what, ['STRING']) };
    const name = typeof value === 'string' ? value : (value && typeof value.name === 'string' ? value.name : undefined);
    if (name === undefined || !NAME.test(name)) {
      throw new Error(`${this.where}: got ${what} ${show(typeof value === 'object' && value?.name !== undefined ? value.name : value)}; expected a Kubernetes object name, a cdk8s-plus resource, or a string parameter`);
    }
    return { name, parameter: { runtimeValue: { constant: name } } };
  }

  private add(fragment: Record<string, any>): TaskKubernetesConfig {
    this.task._addKubernetesConfig(fragment);
    return this;
  }

  private path(value: string, what: string) {
    if (typeof value !== 'string' || !value.startsWith('/')) {
      throw new Error(`${this.where}: got ${what} ${show(value)}; expected an absolute path`);
    }
  }

  /**
   * Checks a volume mount path: absolute, and not already used by another volume of this task
   * (Kubernetes rejects two volumes at one mount path of a container).
   */
  private mountPath(value: string, volume: string, requireAbsolute = true) {
    if (requireAbsolute) this.path(value, 'mount path');
    const config = this.task._kubernetesConfig();
    const existing: Array<[string, string]> = [
      ...(config.pvcMount ?? []).map((m: any) => [m.mountPath, `PVC ${m.constant ?? m.componentInputParameter ?? m.taskOutputParameter?.producerTask ?? ''}`.trim()]),
      ...(config.secretAsVolume ?? []).map((m: any) => [m.mountPath, `secret ${m.secretName ?? 'from a parameter'}`]),
      ...(config.configMapAsVolume ?? []).map((m: any) => [m.mountPath, `config map ${m.configMapName ?? 'from a parameter'}`]),
      ...(config.emptyDirMounts ?? []).map((m: any) => [m.mountPath, `emptyDir ${m.volumeName}`]),
      ...(config.genericEphemeralVolume ?? []).map((m: any) => [m.mountPath, `ephemeral volume ${m.volumeName}`]),
    ] as Array<[string, string]>;
    const clash = existing.find(([p]) => p === value);
    if (clash) {
      throw new Error(`${this.where}: ${volume} got mount path ${show(value)}, which the ${clash[1]} already uses; expected a mount path no other volume of the task uses`);
    }
  }

  private keyToEnv(map: { [key: string]: string }, keyField: string, what: string): any[] {
    const entries = Object.entries(map ?? {});
    if (entries.length === 0) throw new Error(`${this.where}: ${what} got no keys; expected { key: 'ENV_VAR' }`);
    return entries.map(([k, env]) => {
      if (typeof env !== 'string' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(env)) {
        throw new Error(`${this.where}: ${what} maps '${k}' to ${show(env)}; expected an environment variable name`);
      }
      return { [keyField]: k, envVar: env };
    });
  }

  /**
   * Exposes keys of a Secret as environment variables (kfp `use_secret_as_env`).
   *
   * @param secret the Secret: a name, a cdk8s-plus `ISecret`, or a string parameter
   * @param keyToEnv secret key to environment variable name
   */
  public useSecretAsEnv(secret: any, keyToEnv: { [key: string]: string }, options: KubernetesObjectOptions = {}): TaskKubernetesConfig {
    const { name, parameter } = this.objectName(secret, 'secret');
    return this.add({
      secretAsEnv: [{
        ...(name !== undefined ? { secretName: name } : {}),
        secretNameParameter: parameter,
        keyToEnv: this.keyToEnv(keyToEnv, 'secretKey', 'useSecretAsEnv'),
        optional: !!options.optional,
      }],
    });
  }

  /** Mounts a Secret as a volume (kfp `use_secret_as_volume`). */
  public useSecretAsVolume(secret: any, mountPath: string, options: KubernetesObjectOptions = {}): TaskKubernetesConfig {
    const { name, parameter } = this.objectName(secret, 'secret');
    this.mountPath(mountPath, `secret ${name ?? 'from a parameter'}`);
    return this.add({
      secretAsVolume: [{
        ...(name !== undefined ? { secretName: name } : {}),
        secretNameParameter: parameter,
        mountPath,
        optional: !!options.optional,
      }],
    });
  }

  /** Exposes keys of a ConfigMap as environment variables (kfp `use_config_map_as_env`). */
  public useConfigMapAsEnv(configMap: any, keyToEnv: { [key: string]: string }, options: KubernetesObjectOptions = {}): TaskKubernetesConfig {
    const { name, parameter } = this.objectName(configMap, 'config map');
    return this.add({
      configMapAsEnv: [{
        ...(name !== undefined ? { configMapName: name } : {}),
        configMapNameParameter: parameter,
        keyToEnv: this.keyToEnv(keyToEnv, 'configMapKey', 'useConfigMapAsEnv'),
        optional: !!options.optional,
      }],
    });
  }

  /** Mounts a ConfigMap as a volume (kfp `use_config_map_as_volume`). */
  public useConfigMapAsVolume(configMap: any, mountPath: string, options: KubernetesObjectOptions = {}): TaskKubernetesConfig {
    const { name, parameter } = this.objectName(configMap, 'config map');
    this.mountPath(mountPath, `config map ${name ?? 'from a parameter'}`);
    return this.add({
      configMapAsVolume: [{
        ...(name !== undefined ? { configMapName: name } : {}),
        configMapNameParameter: parameter,
        mountPath,
        optional: !!options.optional,
      }],
    });
  }

  /** Image pull secrets, by name, cdk8s-plus `ISecret` or string parameter (kfp `set_image_pull_secrets`). */
  public addImagePullSecrets(...secrets: any[]): TaskKubernetesConfig {
    return this.add({
      imagePullSecret: secrets.map((s) => {
        const { name, parameter } = this.objectName(s, 'image pull secret');
        return { ...(name !== undefined ? { secretName: name } : {}), secretNameParameter: parameter };
      }),
    });
  }

  /** The image pull policy: `Always`, `Never` or `IfNotPresent`. */
  public withImagePullPolicy(policy: string): TaskKubernetesConfig {
    if (!['Always', 'Never', 'IfNotPresent'].includes(policy)) {
      throw new Error(`${this.where}: got image pull policy ${show(policy)}; expected 'Always', 'Never' or 'IfNotPresent'`);
    }
    return this.add({ imagePullPolicy: policy });
  }

  /**
   * Mounts a PersistentVolumeClaim (kfp `mount_pvc`).
   *
   * @param pvc the claim: a name, a cdk8s-plus `IPersistentVolumeClaim`, a string parameter, or the
   * `name` output of a `createPvc` task
   * @param mountPath where to mount it
   */
  public mountPvc(pvc: any, mountPath: string, options: PvcMountOptions = {}): TaskKubernetesConfig {
    this.path(mountPath, 'mount path');
    const { name, parameter } = this.objectName(pvc, 'PVC');
    this.mountPath(mountPath, `PVC ${name ?? 'from a parameter'}`);
    const mount: any = { mountPath, pvcNameParameter: parameter };
    if (name !== undefined) mount.constant = name;
    else if (parameter.taskOutputParameter) mount.taskOutputParameter = { ...parameter.taskOutputParameter };
    else mount.componentInputParameter = (pvc as PipelineParameter).name;
    if (options.subPath) mount.subPath = options.subPath;
    return this.add({ pvcMount: [mount] });
  }

  /** Mounts an emptyDir volume (kfp `empty_dir_mount`). */
  public mountEmptyDir(volumeName: string, mountPath: string, options: EmptyDirOptions = {}): TaskKubernetesConfig {
    if (!NAME.test(volumeName ?? '')) throw new Error(`${this.where}: got volume name ${show(volumeName)}; expected a DNS label such as 'scratch'`);
    this.mountPath(mountPath, `emptyDir ${volumeName}`);
    return this.add({
      emptyDirMounts: [{
        volumeName,
        mountPath,
        ...(options.medium ? { medium: options.medium } : {}),
        ...(options.sizeLimit ? { sizeLimit: options.sizeLimit } : {}),
      }],
    });
  }

  /** Adds a generic ephemeral volume (kfp `add_ephemeral_volume`). */
  public addEphemeralVolume(volumeName: string, mountPath: string, options: EphemeralVolumeOptions): TaskKubernetesConfig {
    if (!NAME.test(volumeName ?? '')) throw new Error(`${this.where}: got volume name ${show(volumeName)}; expected a DNS label`);
    if (!options?.accessModes?.length) throw new Error(`${this.where}: ephemeral volume '${volumeName}' got no access modes; expected e.g. ['ReadWriteOnce']`);
    if (typeof options.size !== 'string' || options.size === '') throw new Error(`${this.where}: ephemeral volume '${volumeName}' got size ${show(options.size)}; expected a quantity such as '5Gi'`);
    // Not required to be absolute: kfp-kubernetes accepts any path here (its own golden uses 'path').
    this.mountPath(mountPath, `ephemeral volume ${volumeName}`, false);
    const metadata: any = {};
    if (options.annotations && Object.keys(options.annotations).length) metadata.annotations = { ...options.annotations };
    if (options.labels && Object.keys(options.labels).length) metadata.labels = { ...options.labels };
    return this.add({
      genericEphemeralVolume: [{
        volumeName,
        mountPath,
        accessModes: [...options.accessModes],
        size: options.size,
        ...(options.storageClassName === undefined ? { defaultStorageClass: true } : { storageClassName: options.storageClassName }),
        ...(Object.keys(metadata).length ? { metadata } : {}),
      }],
    });
  }

  /** Requires a node label (kfp `add_node_selector`). */
  public addNodeSelector(key: string, value: string): TaskKubernetesConfig {
    if (typeof key !== 'string' || key === '' || typeof value !== 'string') {
      throw new Error(`${this.where}: got node selector ${show(key)}=${show(value)}; expected a label key and value`);
    }
    const current = this.task._kubernetesConfig().nodeSelector ?? {};
    return this.add({ nodeSelector: { ...current, labels: { ...(current.labels ?? {}), [key]: value } } });
  }

  /** A node selector as JSON, or a struct parameter (kfp `add_node_selector_json`). */
  public addNodeSelectorJson(selector: any): TaskKubernetesConfig {
    const current = this.task._kubernetesConfig().nodeSelector ?? {};
    return this.add({ nodeSelector: { ...current, nodeSelectorJson: this.json(selector, 'node selector JSON', ['STRUCT'], false) } });
  }

  private json(value: any, what: string, expected: string[], allowList: boolean): any {
    if (value instanceof Reference) return this.parameter(value, what, expected);
    const ok = value !== null && typeof value === 'object' && (allowList || !Array.isArray(value));
    if (!ok) throw new Error(`${this.where}: got ${what} ${show(value)}; expected an object${allowList ? ' or list' : ''}, or a parameter`);
    checkJsonValue(value, `${this.where}: ${what}`);
    return { runtimeValue: { constant: value } };
  }

  /** Tolerates a taint (kfp `add_toleration`). */
  public addToleration(toleration: PodToleration): TaskKubernetesConfig {
    const t = toleration ?? {};
    if (t.operator !== undefined && !['Equal', 'Exists'].includes(t.operator)) {
      throw new Error(`${this.where}: got toleration operator ${show(t.operator)}; expected 'Equal' or 'Exists'`);
    }
    if (t.effect !== undefined && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      throw new Error(`${this.where}: got toleration effect ${show(t.effect)}; expected 'NoSchedule', 'PreferNoSchedule' or 'NoExecute'`);
    }
    if (t.tolerationSeconds !== undefined && !Number.isInteger(t.tolerationSeconds)) {
      throw new Error(`${this.where}: got tolerationSeconds ${show(t.tolerationSeconds)}; expected an integer`);
    }
    const out: any = {};
    if (t.key) out.key = t.key;
    if (t.operator) out.operator = t.operator;
    if (t.value) out.value = t.value;
    if (t.effect) out.effect = t.effect;
    if (t.tolerationSeconds !== undefined) out.tolerationSeconds = String(t.tolerationSeconds);
    return this.add({ tolerations: [out] });
  }

  /** Tolerations as JSON (one object or a list), or a parameter (kfp `add_toleration_json`). */
  public addTolerationJson(tolerations: any): TaskKubernetesConfig {
    if (tolerations instanceof Reference) {
      return this.add({ tolerations: [{ tolerationJson: this.parameter(tolerations, 'toleration JSON', ['STRUCT', 'LIST']) }] });
    }
    const list = Array.isArray(tolerations) ? tolerations : [tolerations];
    for (const t of list) {
      if (!t || typeof t !== 'object') throw new Error(`${this.where}: got toleration JSON ${show(t)}; expected an object or a list of objects`);
      const tolerationSeconds = t.toleration_seconds ?? t.tolerationSeconds;
      this.addToleration({ key: t.key, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds });
    }
    return this;
  }

  private requirements(list: SelectorRequirement[] | undefined, what: string): any[] {
    return (list ?? []).map((r) => {
      if (!r?.key) throw new Error(`${this.where}: each ${what} needs a key; got ${show(r)}`);
      if (!OPERATORS.includes(r.operator)) {
        throw new Error(`${this.where}: ${what} for key '${r.key}' got operator ${show(r.operator)}; expected one of ${JSON.stringify(OPERATORS)}`);
      }
      return { key: r.key, operator: r.operator, ...(r.values?.length ? { values: [...r.values] } : {}) };
    });
  }

  private weight(w: number | undefined): any {
    if (w === undefined) return {};
    if (!Number.isInteger(w) || w < 1 || w > 100) throw new Error(`${this.where}: got weight ${show(w)}; expected an integer from 1 to 100`);
    return { weight: w };
  }

  /** Adds a node affinity term (kfp `add_node_affinity`). */
  public addNodeAffinity(options: NodeAffinityOptions): TaskKubernetesConfig {
    const exprs = this.requirements(options.matchExpressions, 'match expression');
    const fields = this.requirements(options.matchFields, 'match field');
    return this.add({
      nodeAffinity: [{
        ...(exprs.length ? { matchExpressions: exprs } : {}),
        ...(fields.length ? { matchFields: fields } : {}),
        ...this.weight(options.weight),
      }],
    });
  }

  /**
   * Sets node affinity from Kubernetes `NodeAffinity` JSON or a struct parameter; it replaces a
   * JSON affinity set before (kfp `add_node_affinity_json`).
   */
  public addNodeAffinityJson(affinity: any): TaskKubernetesConfig {
    const spec = this.json(affinity, 'node affinity JSON', ['STRUCT'], false);
    if (!(affinity instanceof Reference)) {
      const allowed = ['requiredDuringSchedulingIgnoredDuringExecution', 'preferredDuringSchedulingIgnoredDuringExecution'];
      for (const k of Object.keys(affinity)) {
        if (!allowed.includes(k)) throw new Error(`${this.where}: node affinity JSON has key '${k}'; expected ${allowed.join(' or ')}`);
      }
    }
    const cfg = this.task._kubernetesConfig();
    const kept = (cfg.nodeAffinity ?? []).filter((t: any) => !t.nodeAffinityJson);
    cfg.nodeAffinity = kept;
    return this.add({ nodeAffinity: [{ nodeAffinityJson: spec }] });
  }

  /** Adds a pod affinity or anti-affinity term. */
  public addPodAffinity(options: PodAffinityOptions): TaskKubernetesConfig {
    if (!options?.topologyKey) throw new Error(`${this.where}: pod affinity got topologyKey ${show(options?.topologyKey)}; expected a node label such as 'kubernetes.io/hostname'`);
    const term: any = { topologyKey: options.topologyKey };
    const pods = this.requirements(options.matchPodExpressions, 'pod match expression');
    if (pods.length) term.matchPodExpressions = pods;
    if (options.matchPodLabels && Object.keys(options.matchPodLabels).length) term.matchPodLabels = { ...options.matchPodLabels };
    if (options.namespaces?.length) term.namespaces = [...options.namespaces];
    const ns = this.requirements(options.matchNamespaceExpressions, 'namespace match expression');
    if (ns.length) term.matchNamespaceExpressions = ns;
    if (options.matchNamespaceLabels && Object.keys(options.matchNamespaceLabels).length) {
      term.matchNamespaceLabels = { ...options.matchNamespaceLabels };
    }
    Object.assign(term, this.weight(options.weight));
    if (options.anti !== undefined) term.anti = options.anti;
    if (!term.matchPodExpressions && !term.matchPodLabels) {
      throw new Error(`${this.where}: pod affinity on '${options.topologyKey}' selects no pods; expected matchPodLabels or matchPodExpressions`);
    }
    return this.add({ podAffinity: [term] });
  }

  /** Adds a pod label (kfp `add_pod_label`). */
  public addPodLabel(key: string, value: string): TaskKubernetesConfig {
    return this.podMetadata('labels', key, value);
  }

  /** Adds a pod annotation (kfp `add_pod_annotation`). */
  public addPodAnnotation(key: string, value: string): TaskKubernetesConfig {
    return this.podMetadata('annotations', key, value);
  }

  private podMetadata(kind: 'labels' | 'annotations', key: string, value: string): TaskKubernetesConfig {
    if (typeof key !== 'string' || key === '' || typeof value !== 'string') {
      throw new Error(`${this.where}: got pod ${kind === 'labels' ? 'label' : 'annotation'} ${show(key)}=${show(value)}; expected a key and a string value`);
    }
    const current = this.task._kubernetesConfig().podMetadata ?? {};
    return this.add({ podMetadata: { ...current, [kind]: { ...(current[kind] ?? {}), [key]: value } } });
  }

  /** Exposes a pod field as an environment variable (kfp `use_field_path_as_env`). */
  public useFieldPathAsEnv(envName: string, fieldPath: string): TaskKubernetesConfig {
    if (typeof envName !== 'string' || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(envName)) {
      throw new Error(`${this.where}: got environment variable name ${show(envName)}; expected a name such as 'POD_NAME'`);
    }
    if (typeof fieldPath !== 'string' || fieldPath === '') throw new Error(`${this.where}: got field path ${show(fieldPath)}; expected e.g. 'metadata.name'`);
    return this.add({ fieldPathAsEnv: [{ name: envName, fieldPath }] });
  }

  /** Stops the task after this long (kfp `set_timeout`, `activeDeadlineSeconds`). */
  public withTimeout(timeout: Duration): TaskKubernetesConfig {
    if (!(timeout instanceof Duration)) throw new Error(`${this.where}: got timeout ${show(timeout)}; expected a Duration`);
    const seconds = Math.floor(timeout.toSeconds({ integral: false }));
    return this.add({ activeDeadlineSeconds: String(seconds) });
  }

  /** Sets the pod security context (kfp `set_security_context`). */
  public withSecurityContext(context: TaskSecurityContext): TaskKubernetesConfig {
    const c = context ?? {};
    if (c.runAsUser === undefined && c.runAsGroup === undefined && c.runAsNonRoot === undefined) {
      throw new Error(`${this.where}: got an empty security context; expected runAsUser, runAsGroup or runAsNonRoot`);
    }
    const out: any = {};
    for (const [k, v] of [['runAsUser', c.runAsUser], ['runAsGroup', c.runAsGroup]] as Array<[string, number | undefined]>) {
      if (v === undefined) continue;
      if (!Number.isInteger(v) || v < 0) throw new Error(`${this.where}: got ${k} ${show(v)}; expected a non-negative integer`);
      out[k] = String(v);
    }
    if (c.runAsNonRoot !== undefined) out.runAsNonRoot = !!c.runAsNonRoot;
    const current = this.task._kubernetesConfig().securityContext ?? {};
    return this.add({ securityContext: { ...current, ...out } });
  }

  /** Mounts a memory-backed `/dev/shm` of the given size. */
  public enableSharedMemory(size: string, volumeName: string = 'shm'): TaskKubernetesConfig {
    if (typeof size !== 'string' || !/^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|K|M|G|T)?$/.test(size)) {
      throw new Error(`${this.where}: got shared memory size ${show(size)}; expected a quantity such as '1Gi'`);
    }
    return this.add({ enabledSharedMemory: { volumeName, size } });
  }

  /** Adds an init container that runs before the task. */
  public addInitContainer(container: InitContainer): TaskKubernetesConfig {
    if (!NAME.test(container?.name ?? '')) throw new Error(`${this.where}: got init container name ${show(container?.name)}; expected a DNS label`);
    if (typeof container.image !== 'string' || container.image === '') throw new Error(`${this.where}: init container '${container.name}' got image ${show(container.image)}; expected an image reference`);
    const out: any = { name: container.name, image: container.image };
    if (container.command?.length) out.command = [...container.command];
    if (container.args?.length) out.args = [...container.args];
    const env = Object.entries(container.env ?? {});
    if (env.length) out.env = env.map(([name, value]) => ({ name, value }));
    if (container.volumeMounts?.length) out.volumeMounts = container.volumeMounts.map((m) => ({ mountPath: m.mountPath, volumeName: m.volumeName }));
    return this.add({ initContainers: [out] });
  }
}

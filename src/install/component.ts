/**
 * What every install component exposes.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';

/** Per-component options. */
export interface ComponentOptions {
  /** Pod replicas. Must be at least 1. @default 1 */
  readonly replicas?: number;
  /**
   * Resources of the component's main container. Each given request or limit replaces the
   * default; the rest are kept (a request above a default limit raises that limit).
   * @default upstream's requests (small requests where upstream sets none) and CPU and memory limits
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Pods the PodDisruptionBudget keeps available during voluntary disruptions (node drains).
   * Every component with more than one replica gets a PodDisruptionBudget.
   * @default replicas - 1
   */
  readonly minAvailable?: number;
}

/** A port of a component's Service. */
export interface ComponentPort {
  /** Port name. */
  readonly name?: string;
  /** Service port. */
  readonly port: number;
  /** Container port (number or name). */
  readonly targetPort: string;
}

/**
 * One part of the install (API server, UI, a controller, a data store...). The hardening layer
 * (NetworkPolicies, PodDisruptionBudgets, monitoring) hooks in through these properties.
 */
export interface IKfpComponent extends IConstruct {
  /** The component's workload name (`ml-pipeline`, `ml-pipeline-ui`, `mysql`...). */
  readonly componentName: string;
  /** The Deployment, if the component runs pods. */
  readonly deployment?: ApiObject;
  /** The Service, if the component serves other pods. */
  readonly service?: ApiObject;
  /** The ServiceAccount its pods run as (`undefined`: the namespace's `default`). */
  readonly serviceAccount?: ApiObject;
  /** The labels that select the component's pods. */
  readonly podLabels: { [key: string]: string };
  /** The Service's ports. */
  readonly servicePorts: ComponentPort[];
}

/**
 * Which namespaces the install's Argo workflow controller manages.
 */

/**
 * The scope of the install's Argo workflow controller.
 *
 * One cluster-wide controller (KFP multi-user's layout) rather than one namespaced controller per
 * tenant: Argo's `--managed-namespace` takes a single namespace, so a controller per tenant would
 * mean a Deployment, a ConfigMap, a leader-election lease and an instance-ID label on every
 * Workflow for each team, pods under each team's quota, and N controllers to monitor and upgrade.
 * A cluster-wide controller is one Deployment (with leader election), and each tenant namespace
 * gets its own `artifact-repositories` ConfigMap, which Argo reads from the Workflow's namespace.
 */
export enum WorkflowControllerScope {
  /**
   * `--namespaced`: the controller manages only the KFP namespace, with a Role there (upstream's
   * standalone install). Connecting a `Tenant` fails synth.
   */
  NAMESPACED = 'namespaced',
  /**
   * No `--namespaced`: the controller manages Workflows in every namespace, with the ClusterRole
   * `argo-cluster-role` of Argo's (and KFP multi-user's) cluster install; its namespaced Role keeps
   * only leader election and Secrets in the KFP namespace. Who may create Workflows in a
   * namespace is still decided by RBAC: tenants' edit and view roles only read them.
   */
  CLUSTER = 'cluster',
}

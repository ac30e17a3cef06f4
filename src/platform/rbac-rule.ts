/** One RBAC rule and why it is granted. */
export interface TenantRbacRule {
  /** API groups (`''` is the core group). */
  readonly apiGroups: string[];
  /** Resources. */
  readonly resources: string[];
  /** Verbs. */
  readonly verbs: string[];
  /**
   * Names of the only objects the rule applies to.
   * @default - all objects of the resources
   */
  readonly resourceNames?: string[];
  /** Why the rule is needed. */
  readonly reason: string;
}

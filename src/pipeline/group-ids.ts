// Internal: group ids (`condition-N`, `for-loop-N`, `exit-handler-N`) come from one counter per
// pipeline, shared by every group kind, as in the kfp compiler.
import { Construct } from 'constructs';

/** The pipeline's shared group-id counter. */
export interface GroupIds {
  /** @internal */
  _nextGroupId(): number;
}

/** The pipeline a scope belongs to (the scope itself, or the nearest enclosing pipeline). */
export function pipelineOf(scope: Construct): GroupIds {
  let cur: any = scope;
  while (cur) {
    if (cur._isPipeline === true) return cur as GroupIds;
    cur = cur.node.scope;
  }
  throw new Error(`'${scope.node.path}' is not inside a Pipeline; expected a Pipeline or one of its groups as scope`);
}

// Property: random valid DAGs compile to IR whose dependentTasks are acyclic and complete.
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Component, Condition, If, Input, Output, Parameter, Pipeline, Task, TaskGroup } from '../../../src';

const step = Component.python({
  source: 'def step(deps: list) -> str:\n    return str(deps)\n',
  inputs: { deps: Input.list() },
  outputs: { Output: Output.string() },
});

interface Spec {
  /** Scope of each task: -1 for the root, or the index of a condition group. */
  readonly scopes: number[];
  /** For each task, candidate upstream indexes (filtered to valid ones). */
  readonly data: number[][];
  readonly after: number[][];
  readonly groups: number;
}

const specArb: fc.Arbitrary<Spec> = fc.integer({ min: 1, max: 25 }).chain((n) =>
  fc.record({
    groups: fc.integer({ min: 0, max: 3 }),
    scopes: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: n, maxLength: n }),
    data: fc.array(fc.array(fc.nat({ max: 24 }), { maxLength: 4 }), { minLength: n, maxLength: n }),
    after: fc.array(fc.array(fc.nat({ max: 24 }), { maxLength: 2 }), { minLength: n, maxLength: n }),
  }),
);

/** A task may consume from an earlier task in its own scope or from an earlier root task. */
function allowed(spec: Spec, from: number, to: number): boolean {
  if (from >= to) return false;
  const s = (i: number) => (spec.scopes[i] < spec.groups ? spec.scopes[i] : -1);
  return s(from) === s(to) || s(from) === -1;
}

describe('random DAGs', () => {
  test('dependentTasks are acyclic and complete', () => {
    fc.assert(
      fc.property(specArb, (spec) => {
        const app = Testing.app();
        const p = new Pipeline(app, 'p', { parameters: { flag: Parameter.string({ default: 'go' }) } });
        const groups: TaskGroup[] = [];
        for (let g = 0; g < spec.groups; g++) groups.push(new If(p, `g${g}`, Condition.equalTo(p.param('flag'), `v${g}`)));
        const tasks: Task[] = [];
        const edges: Array<[number, number]> = [];
        spec.scopes.forEach((scope, i) => {
          const parent = scope >= 0 && scope < spec.groups ? groups[scope] : p;
          const ups = [...new Set(spec.data[i])].filter((u) => allowed(spec, u, i));
          const task = parent.task(`t${i}`, step, { inputs: { deps: ups.map((u) => `${tasks[u].output()}`) } });
          for (const u of [...new Set(spec.after[i])].filter((x) => allowed(spec, x, i))) {
            task.after(tasks[u]);
            edges.push([u, i]);
          }
          ups.forEach((u) => edges.push([u, i]));
          tasks.push(task);
        });
        const ir = p.toIr();
        const dags: Array<Record<string, any>> = [ir.root.dag.tasks];
        for (const c of Object.values<any>(ir.components)) if (c.dag) dags.push(c.dag.tasks);
        // acyclic: every DAG has a topological order
        for (const dag of dags) {
          const done = new Set<string>();
          let progress = true;
          while (progress) {
            progress = false;
            for (const [name, t] of Object.entries<any>(dag)) {
              if (done.has(name)) continue;
              const deps: string[] = t.dependentTasks ?? [];
              for (const d of deps) expect(Object.keys(dag)).toContain(d);
              if (deps.every((d) => done.has(d))) {
                done.add(name);
                progress = true;
              }
            }
          }
          expect(done.size).toBe(Object.keys(dag).length);
        }
        // complete: every edge appears, on the task or on the group that contains the consumer
        const scopeName = (i: number) => {
          const s = spec.scopes[i];
          return s >= 0 && s < spec.groups ? (groups[s] as any)._groupName : undefined;
        };
        for (const [u, v] of edges) {
          const up = tasks[u].taskName;
          const down = tasks[v].taskName;
          if (scopeName(u) === scopeName(v)) {
            const dag = scopeName(v) ? ir.components[`comp-${scopeName(v)}`].dag.tasks : ir.root.dag.tasks;
            expect(dag[down].dependentTasks ?? []).toContain(up);
          } else {
            expect(ir.root.dag.tasks[scopeName(v)].dependentTasks ?? []).toContain(up);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

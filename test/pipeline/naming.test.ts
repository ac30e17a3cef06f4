// Task names follow kfp: one sequence per component name across the whole pipeline, in
// declaration order, whatever group each task is in (checked against kfp 2.17.0's output for
// the same pipeline: exit task print-op, then print-op-2 and print-op-3 inside the ExitHandler
// and its If, print-op-4 at the top; importers importer, importer-2).
import { Testing } from 'cdk8s';
import { ArtifactType, Component, Condition, ExitHandler, If, Input, Output, Pipeline } from '../../src';

const printOp = Component.python({ name: 'print_op', baseImage: 'python:3.11', source: 'def print_op(msg: str):\n    print(msg)\n', inputs: { msg: Input.string() } });
const flip = Component.python({ name: 'flip', baseImage: 'python:3.11', source: "def flip() -> str:\n    return 'heads'\n", outputs: { Output: Output.string() } });

function dagKeys(spec: any, component?: string): string[] {
  const dag = component ? spec.components[component].dag : spec.root.dag;
  return Object.keys(dag.tasks).sort();
}

describe('task names', () => {
  test('addTask() numbers same-component tasks across groups in declaration order', () => {
    const p = new Pipeline(Testing.app(), 'names');
    const exitTask = p.addTask(printOp, { inputs: { msg: 'exit' } });
    const handler = new ExitHandler(p, 'handler', { exitTask });
    handler.addTask(printOp, { inputs: { msg: 'a' } });
    const f = handler.addTask(flip);
    const heads = new If(handler, 'heads', Condition.equalTo(f.output(), 'heads'));
    heads.addTask(printOp, { inputs: { msg: 'b' } });
    heads.addImporter({ artifactUri: 'gs://x/y', artifactType: ArtifactType.DATASET });
    p.addTask(printOp, { inputs: { msg: 'c' } });
    p.addImporter({ artifactUri: 'gs://x/z', artifactType: ArtifactType.DATASET });
    const ir = p.toIr();
    expect(dagKeys(ir)).toEqual(['exit-handler-1', 'importer-2', 'print-op', 'print-op-4']);
    expect(dagKeys(ir, 'comp-exit-handler-1')).toEqual(['condition-2', 'flip', 'print-op-2']);
    expect(dagKeys(ir, 'comp-condition-2')).toEqual(['importer', 'print-op-3']);
  });

  test('explicit ids take part in the same sequence', () => {
    const p = new Pipeline(Testing.app(), 'explicit');
    p.task('print-op-2', printOp, { inputs: { msg: 'x' } });
    const names = [1, 2, 3].map(() => p.addTask(printOp, { inputs: { msg: 'y' } }).taskName);
    expect(names).toEqual(['print-op', 'print-op-3', 'print-op-4']);
    expect(p.task('print_op', printOp, { inputs: { msg: 'z' } }).taskName).toBe('print-op-5');
  });

  test('a group whose id is the next task name is skipped over', () => {
    const p = new Pipeline(Testing.app(), 'clash');
    const f = p.addTask(flip);
    new If(p, 'print-op', Condition.equalTo(f.output(), 'heads'));
    expect(p.addTask(printOp, { inputs: { msg: 'x' } }).taskName).toBe('print-op-2');
  });

  test('10,000 same-named tasks get print-op … print-op-10000', () => {
    const p = new Pipeline(Testing.app(), 'many', { writeFile: false });
    let last = '';
    for (let i = 0; i < 10_000; i++) last = p.addTask(printOp, { inputs: { msg: 'x' } }).taskName;
    expect(last).toBe('print-op-10000');
  });
});


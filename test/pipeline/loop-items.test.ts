// ParallelFor over a literal list of dicts, as the KFP tutorials write it.
import { Testing } from 'cdk8s';
import { Component, Input, ParallelFor, Pipeline } from '../../src';

const train = Component.python({
  name: 'train',
  baseImage: 'python:3.11',
  source: 'def train(lr: float, epochs: int):\n    pass\n',
  inputs: { lr: Input.double(), epochs: Input.integer() },
});

function loopPipeline(items: any[]): { p: Pipeline; loop: ParallelFor } {
  const p = new Pipeline(Testing.app(), 'loop-dicts', { writeFile: false });
  return { p, loop: new ParallelFor(p, 'loop', { items }) };
}

describe('ParallelFor over dicts', () => {
  test('item.field() of a float field feeds a float input; the loop writes what kfp 2.17.0 writes', () => {
    const { p, loop } = loopPipeline([{ lr: 0.1, epochs: 10 }, { lr: 0.01, epochs: 20 }]);
    loop.addTask(train, { inputs: { lr: loop.item.field('lr'), epochs: 3 } });
    const ir = p.toIr();
    // From kfp 2.17.0 compiling the same pipeline in Python.
    expect(ir.root.dag.tasks['for-loop-2'].parameterIterator).toEqual({
      itemInput: 'pipelinechannel--loop-item-param-1',
      items: { raw: '[{"epochs": 10, "lr": 0.1}, {"epochs": 20, "lr": 0.01}]' },
    });
    expect(ir.components['comp-for-loop-2'].dag.tasks.train.inputs.parameters.lr).toEqual({
      componentInputParameter: 'pipelinechannel--loop-item-param-1',
      parameterExpressionSelector: 'parseJson(string_value)["lr"]',
    });
  });

  test('each field is checked against its own values, not the first value of the first dict (kfp rejects this)', () => {
    const { p, loop } = loopPipeline([{ lr: 0.1, epochs: 10 }, { lr: 0.01, epochs: 20 }]);
    loop.addTask(train, { inputs: { lr: loop.item.field('lr'), epochs: loop.item.field('epochs') } });
    expect(p.toIr().components['comp-for-loop-2'].dag.tasks.train.inputs.parameters.epochs.parameterExpressionSelector)
      .toBe('parseJson(string_value)["epochs"]');
  });

  test('whole numbers feed a float input (1.0 is 1 in JavaScript)', () => {
    const { p, loop } = loopPipeline([{ lr: 1.0 }, { lr: 2 }]);
    loop.addTask(train, { inputs: { lr: loop.item.field('lr'), epochs: 3 } });
    expect(() => p.toIr()).not.toThrow();
  });

  test('a string field still can\'t feed an int input', () => {
    const { loop } = loopPipeline([{ epochs: 'ten' }]);
    expect(() => loop.addTask(train, { inputs: { lr: 0.1, epochs: loop.item.field('epochs') } }))
      .toThrow("input 'epochs' has type NUMBER_INTEGER; got field 'epochs' of the item of ParallelFor 'loop-dicts/loop' of type STRING");
  });

  test('item.field() over a list of scalars fails with the fix', () => {
    const { loop } = loopPipeline([1, 2, 3]);
    expect(() => loop.item.field('lr')).toThrow(
      "ParallelFor 'loop-dicts/loop': item.field('lr') on item 1, 1, which is not a dict; expected items that are objects such as { lr: ... } (use loop.item itself for a list of scalars)");
  });

  test('a field missing from an item fails and lists the item\'s fields', () => {
    const { loop } = loopPipeline([{ lr: 0.1 }, { rate: 0.2 }]);
    expect(() => loop.item.field('lr')).toThrow(
      "ParallelFor 'loop-dicts/loop': item 2 has no field 'lr' (its fields: rate); expected every item to have it");
  });
});

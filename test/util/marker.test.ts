import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { apiClientNamespaces, markApiClient } from '../../src/util/api-clients';
import { Marker } from '../../src/util/marker';

describe('Marker', () => {
  test('brands an object without showing in its keys or JSON', () => {
    const m = new Marker('cdk8s-kfp.test.thing');
    const x = { a: 1 };
    expect(m.has(x)).toBe(false);
    m.mark(x);
    expect(m.has(x)).toBe(true);
    expect(Object.keys(x)).toEqual(['a']);
    expect(JSON.stringify(x)).toBe('{"a":1}');
  });

  test('two markers of one name agree (another copy of the library reads the same brand)', () => {
    const x = {};
    new Marker('cdk8s-kfp.test.shared').mark(x);
    expect(new Marker('cdk8s-kfp.test.shared').has(x)).toBe(true);
    expect(new Marker('cdk8s-kfp.test.other').has(x)).toBe(false);
  });

  test('anything that is not an object is not branded', () => {
    const m = new Marker('cdk8s-kfp.test.thing');
    for (const v of [undefined, null, 0, 'x', true]) expect(m.has(v)).toBe(false);
  });
});

describe('API clients', () => {
  test('the namespaces of every registered client in the app, sorted, once each', () => {
    const app = new App({ outdir: '/nonexistent' });
    const chart = new Chart(app, 'c');
    markApiClient(new Construct(chart, 'a'), 'team-b');
    markApiClient(new Construct(chart, 'b'), 'team-a');
    markApiClient(new Construct(new Chart(app, 'd'), 'c'), 'team-b');
    new Construct(chart, 'not-a-client');
    expect(apiClientNamespaces(chart)).toEqual(['team-a', 'team-b']);
    expect(apiClientNamespaces(new Chart(new App({ outdir: '/nonexistent' }), 'empty'))).toEqual([]);
  });
});

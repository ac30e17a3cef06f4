/**
 * The CRDs we generate from schema facts are equivalent to the ones KFP 2.17.0 installs:
 * same name, group, names, scope, versions, printer columns, subresources and schema
 * (descriptions aside).
 */
import { isDeepStrictEqual } from 'util';
import { crdManifests } from '../../../src/install/crds';
import { describeConformance, printScore } from '../reference';
import { upstream, withoutDescriptions } from './upstream';

/** Upstream CRDs we deliberately do not ship, with the reason. */
const NOT_SHIPPED: Record<string, string> = {
  'applications.app.k8s.io': 'no controller for app.k8s.io Applications in any standalone env; nothing reads them',
};

function comparable(crd: any): any {
  const spec = crd.spec;
  return {
    name: crd.metadata.name,
    group: spec.group,
    names: spec.names,
    scope: spec.scope,
    versions: spec.versions.map((v: any) => ({
      name: v.name,
      served: v.served,
      storage: v.storage,
      subresources: v.subresources,
      printerColumns: (v.additionalPrinterColumns ?? []).map((c: any) => ({ name: c.name, type: c.type, jsonPath: c.jsonPath, format: c.format })),
      schema: withoutDescriptions(v.schema.openAPIV3Schema),
    })),
  };
}

describeConformance('install CRD conformance (KFP 2.17.0)', () => {
  const ours = new Map(crdManifests().map((c) => [c.metadata.name, c]));
  const theirs = [
    ...upstream('cluster-scoped-resources.yaml'),
    ...upstream('cert-manager-platform-agnostic-k8s-native.yaml'),
  ].filter((o) => o.kind === 'CustomResourceDefinition');

  test.each(theirs.filter((c) => !NOT_SHIPPED[c.metadata.name]).map((c) => [c.metadata.name, c]))('%s is equivalent', (name, crd) => {
    const mine = ours.get(name as string);
    expect(mine).toBeDefined();
    expect(comparable(mine)).toEqual(comparable(crd));
  });

  test('we ship no CRD that upstream does not, and score', () => {
    const upstreamNames = new Set(theirs.map((c) => c.metadata.name));
    expect([...ours.keys()].filter((n) => !upstreamNames.has(n))).toEqual([]);
    let matched = 0;
    const unexplained: string[] = [];
    for (const crd of theirs) {
      const mine = ours.get(crd.metadata.name);
      if (NOT_SHIPPED[crd.metadata.name]) continue;
      if (mine && isDeepStrictEqual(comparable(mine), comparable(crd))) matched++;
      else unexplained.push(crd.metadata.name);
    }
    printScore(`CRD parity: ${matched}/${theirs.length} upstream CRDs matched, ${Object.keys(NOT_SHIPPED).length} deliberate differences, ${unexplained.length} unexplained`);
    expect(unexplained).toEqual([]);
  });
});

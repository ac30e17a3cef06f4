// The default KFP 2.17.0 standalone install: the same working install as upstream's
// platform-agnostic env plus cluster-scoped-resources (MySQL, SeaweedFS, Argo Workflows),
// with Argo CD sync waves and cert-manager certificates for the cache webhook.
// Dev credentials only: see examples/kfp-external for a production setup.
import { App, Chart } from 'cdk8s';
import { KubeflowPipelines } from '../../src';

const app = new App();
const chart = new Chart(app, 'kfp-standalone');
new KubeflowPipelines(chart, 'kfp');
app.synth();

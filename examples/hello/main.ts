// The smallest app: one chart with a namespace for pipelines.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';

const app = new App();
const chart = new Chart(app, 'hello');
new kplus.Namespace(chart, 'ns', { metadata: { name: 'ml-pipelines' } });
app.synth();

import { ApiObject, ApiObjectProps } from 'cdk8s';
import { Construct } from 'constructs';

/**
 * An `ApiObject` whose JSON is produced at synth time, after every chart of the app exists and
 * every validation has passed (for objects built from other constructs, such as a compiled
 * pipeline). `produce` returns the complete object, or `undefined` to keep the props as given.
 */
export class ProducedApiObject extends ApiObject {
  private readonly produce: () => any;

  public constructor(scope: Construct, id: string, props: ApiObjectProps, produce: () => any) {
    super(scope, id, props);
    this.produce = produce;
  }

  public toJson(): any {
    const produced = this.produce();
    return produced === undefined ? super.toJson() : JSON.parse(JSON.stringify(produced));
  }
}

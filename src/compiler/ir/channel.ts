/**
 * Runtime value channels inside one compilation (the kfp `PipelineChannel` family).
 *
 * The compiler creates fresh channel objects for each compilation and, like kfp, renames
 * `Collected` and `OneOf` channels in place while it surfaces values out of groups.
 */
import { TypeDesc } from './model';
import { channelInputName } from './names';

export type ChannelKind = 'parameter' | 'artifact';

export class Channel {
  /** For a loop argument: the list it iterates (a channel) or raw items. */
  public loopItems?: Channel | any[];
  /** For a loop argument variable (`item.field`): the loop argument and the field. */
  public loopArgument?: Channel;
  public subvarName?: string;
  /** For `Collected`: the original task output. */
  public collectedOutput?: Channel;
  /** For `OneOf`: the branch outputs and the condition-branches group. */
  public oneOfChannels?: Channel[];
  public oneOfGroup?: string;
  /** For a loop argument or variable: the group name of the loop that defines it. */
  public loopGroup?: string;

  constructor(
    public readonly kind: ChannelKind,
    public name: string,
    public taskName: string | undefined,
    public readonly type: TypeDesc,
    public readonly isArtifactList: boolean = false,
  ) {}

  get fullName(): string {
    return this.taskName ? `${this.taskName}-${this.name}` : this.name;
  }

  get additionalInputName(): string {
    return channelInputName(this.fullName);
  }

  /** kfp's channel identity (its hash): producer, name and type. */
  get key(): string {
    return `${this.taskName ?? ''}|${this.name}|${typeKey(this.type)}|${this.isArtifactList}`;
  }

  get isLoopArgument(): boolean {
    return this.loopItems !== undefined;
  }

  get isLoopVariable(): boolean {
    return this.loopArgument !== undefined;
  }

  get isLoopRelated(): boolean {
    return this.isLoopArgument || this.isLoopVariable;
  }

  /** A loop over a static list (kfp: `is_with_items_loop_argument`). */
  get isWithItems(): boolean {
    if (this.loopArgument) return this.loopArgument.isWithItems;
    return Array.isArray(this.loopItems);
  }

  get isCollected(): boolean {
    return this.collectedOutput !== undefined;
  }

  get isOneOf(): boolean {
    return this.oneOfChannels !== undefined;
  }

  clone(): Channel {
    const c = new Channel(this.kind, this.name, this.taskName, this.type, this.isArtifactList);
    Object.assign(c, {
      loopItems: this.loopItems,
      loopArgument: this.loopArgument,
      subvarName: this.subvarName,
      collectedOutput: this.collectedOutput,
      oneOfChannels: this.oneOfChannels,
      oneOfGroup: this.oneOfGroup,
      loopGroup: this.loopGroup,
    });
    return c;
  }
}

export function typeKey(t: TypeDesc): string {
  if (t.schemaTitle) return `${t.schemaTitle}@${t.schemaVersion}`;
  let s = t.parameterType ?? '';
  if (t.itemType) s += `[${typeKey(t.itemType)}]`;
  if (t.valueType) s += `{${typeKey(t.valueType)}}`;
  return s;
}

export function isParameterType(t: TypeDesc): boolean {
  return t.parameterType !== undefined;
}

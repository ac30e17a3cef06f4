import { IConstruct } from 'constructs';
import { DeclaredRecurringRun, DeclaredRun } from './script';

/** A recurring run a reconciler declares to KFP. */
export interface IReconciledRecurringRun extends IConstruct {
  _declaration(): DeclaredRecurringRun;
}

/** A one-off run a reconciler declares to KFP. */
export interface IReconciledRun extends IConstruct {
  _declaration(): DeclaredRun;
}


/** The loaded, validated flows (the shape of one flow lives in ./schema.ts). */
import type { Flow } from './schema.js';

export interface FlowSet {
  /** The flow new conversations start in. */
  defaultFlowId: string;
  flows: Record<string, Flow>;
}

/** IPC between the load benchmark and its client processes. */
export type ParentMessage =
  | { type: 'arena'; url: string; code: string; count: number; offset: number; protocolVersion: number }
  | { type: 'bare'; url: string; count: number }
  | { type: 'report' }
  | { type: 'exit' };

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'joined' }
  | { type: 'stats'; fanout: number[][]; acks: number[]; sample: unknown }
  | { type: 'error'; message: string };

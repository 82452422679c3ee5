/** IPC between the cluster benchmark and its client processes. */
export interface Seats {
  code: string;
  /** Players of this room held by this client process, and the number of the first (for nicknames). */
  count: number;
  offset: number;
}

export type ParentMessage =
  /** Connect `seats` players, player i of a room to `urls[i % urls.length]` (spread over the processes), and join. */
  | { type: 'join'; urls: string[]; seats: Seats[]; protocolVersion: number }
  | { type: 'report' }
  | { type: 'exit' };

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'joined' }
  /** `received`: when (epoch ms) each player had question `index` of room `code`, for command → phone times. */
  | { type: 'stats'; fanout: number[]; acks: number[]; failedAcks: number; received: Array<{ code: string; index: number; at: number }> }
  | { type: 'error'; message: string };

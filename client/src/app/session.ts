/**
 * Where the resume token lives. A player's token is kept in localStorage (survives a reload or a closed tab on
 * a phone) and mirrored in sessionStorage; a host's too. Everything read back is treated as untrusted.
 */
import { rememberHostedGame } from './hosted-games';

export interface ResumeInfo {
  code: string;
  token: string;
  nickname?: string;
}

const KEY = (role: 'host' | 'player'): string => `arena.resume.${role}`;

/** The saved resume info for `role`, or null when none (or when it is malformed). */
export function resumeInfo(role: 'host' | 'player'): ResumeInfo | null {
  for (const store of stores()) {
    try {
      const raw = store.getItem(KEY(role));
      if (!raw) continue;
      const v = JSON.parse(raw) as Partial<ResumeInfo>;
      if (typeof v.code === 'string' && typeof v.token === 'string') {
        const out: ResumeInfo = { code: v.code, token: v.token };
        if (typeof v.nickname === 'string') out.nickname = v.nickname;
        return out;
      }
    } catch {
      /* unreadable storage counts as no session */
    }
  }
  return null;
}

/** Saves (or with null, forgets) the resume info for `role`. */
export function saveResume(role: 'host' | 'player', info: ResumeInfo | null): void {
  // A host's game is also remembered for the report page (past games), after the resume token is gone.
  if (role === 'host' && info) rememberHostedGame(info.code, info.token);
  for (const store of stores()) {
    try {
      if (info) store.setItem(KEY(role), JSON.stringify(info));
      else store.removeItem(KEY(role));
    } catch {
      /* private mode: resume simply will not survive a reload */
    }
  }
}

function stores(): Storage[] {
  const out: Storage[] = [];
  try {
    out.push(sessionStorage, localStorage);
  } catch {
    /* storage blocked */
  }
  return out;
}

/** Mistake names for the screens: one list, shared with the server's report (shared/report/mistake-names.ts). */
export { mistakeName, mistakeTitle } from '../../../shared/report/mistake-names';

import { checkFile, type FileProblem } from './source-forms';
import type { KnowledgeLimits } from './types';

/** One chosen file on its way: refused here, waiting its turn, uploading, added, or refused by the server. */
export type Upload =
  | { key: number; name: string; size: number; state: 'refused'; problem: FileProblem }
  | { key: number; name: string; size: number; state: 'waiting' | 'uploading' }
  | { key: number; name: string; size: number; state: 'done'; title: string }
  | { key: number; name: string; size: number; state: 'failed'; error: unknown };

let nextKey = 1;

/** The chosen files as uploads, those the server would refuse marked so at once. */
export function queueUploads(files: readonly { name: string; size: number }[], limits: Pick<KnowledgeLimits, 'maxFileBytes'>): Upload[] {
  return files.map((file) => {
    const problem = checkFile(file, limits);
    const base = { key: nextKey++, name: file.name, size: file.size };
    return problem ? { ...base, state: 'refused', problem } : { ...base, state: 'waiting' };
  });
}

/** Another upload's state, the rest unchanged. */
export function settle(uploads: readonly Upload[], next: Upload): Upload[] {
  return uploads.map((u) => (u.key === next.key ? next : u));
}

/** Nothing left to send or being sent. */
export const allSettled = (uploads: readonly Upload[]) => uploads.every((u) => u.state !== 'waiting' && u.state !== 'uploading');

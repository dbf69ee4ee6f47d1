/** Types of scripts/mini-packages.mjs, for the TypeScript bench. */
export interface FilesSize {
  files: number;
  bytes: number;
  gzip: number;
}
export function filesUnder(dir: string): string[];
export function subpackageRoots(dist: string): string[];
export function splitPackages(dist: string): { main: string[]; subpackages: Record<string, string[]> };
export function sizeOf(files: string[]): FilesSize;

/**
 * On a mini-program the home page lists no preview scenarios (they need the H5 preview), and its bundle carries
 * none of the mock drivers: Taro picks `scenario-names.h5.ts` for H5 builds, this file everywhere else.
 */
import type { PREVIEW_PLATFORMS as Platforms } from '../../face-verify/mock';

export const PREVIEW_PLATFORMS: typeof Platforms = [] as unknown as typeof Platforms;
export const previewScenarioLabel = (_platform: unknown, name: string, _table?: unknown): string => name;

/**
 * The runtime half of ./plugin.ts (the weapp app entry imports it right after Taro's weapp runtime, before any
 * page renders): the same attributes in the runtime's component table, so the slots the runtime fills are the
 * slots the template reads.
 */
import { mergeInternalComponents } from '@tarojs/shared';
import components from './components.json';

mergeInternalComponents(components);

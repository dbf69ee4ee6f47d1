/**
 * Jest setupFiles for the weapp project: the globals miniprogram-simulate and j-component expect. A jsdom
 * window stands in for the render layer; jsdom's Event classes replace Node's own, because j-component
 * builds events with the global CustomEvent and jsdom refuses Node's ("parameter 1 is not of type 'Event'").
 */
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'https://servicewechat.com/' });
const host = globalThis as Record<string, unknown>;
host.window = window;
host.document = window.document;
for (const name of [
  'Event',
  'CustomEvent',
  'TouchEvent',
  'Element',
  'Node',
  'HTMLElement',
  'MutationObserver',
  'getComputedStyle',
] as const) {
  const value = (window as unknown as Record<string, unknown>)[name];
  host[name] = typeof value === 'function' && name === 'getComputedStyle' ? value.bind(window) : value;
}

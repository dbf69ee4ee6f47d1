/**
 * Boots the weapp build of the demo app the way WeChat does, under WeChat's own miniprogram-simulate:
 * `app.js` with the host's globals (App, Page, getApp, getCurrentPages), then the page, compiled by the
 * official wcc compiler (base.wxml and its templates), rendered by j-component, driven by Taro's real
 * runtime (setData diffs, events through `eh`). The test acts as a user: reads the screen, types, taps.
 *
 * The clock is Jest's fake one: `waitFor` advances it in small steps while it polls, so WeChat's answers,
 * React's updates and the flow's timeouts and backoffs all run in order without real waiting.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { weappBuildDir } from './build';
import { createFakeWx, type Device, type FakeWx, type Responder } from './fake-wx';

export type SimComponent = {
  dom: HTMLElement;
  instance: Record<string, (...args: unknown[]) => unknown> & { data: Record<string, unknown> };
  querySelector: (selector: string) => SimComponent | null;
  dispatchEvent: (name: string, options?: { detail?: Record<string, unknown> }) => void;
  attach: (parent: Element) => void;
  detach: () => void;
  toJSON: () => unknown;
};
type Simulate = {
  load: (path: string, tagName: string, options: { rootPath: string }) => string;
  render: (id: string) => SimComponent;
};
export type JComponent = { register: (definition: Record<string, unknown>) => void };

export interface BootOptions {
  device: Device;
  /** Page query, as WeChat passes it to onLoad: the demo page reads `protocol` and `form`. */
  query?: Record<string, string>;
  responders?: Partial<Record<string, Responder>>;
  /** wx APIs this WeChat lacks. */
  missing?: string[];
}

export interface SimulatedPage {
  wx: FakeWx;
  /** Everything the page shows, whitespace collapsed. */
  text: () => string;
  /** Polls until the screen shows the text. */
  waitForText: (text: string) => Promise<void>;
  has: (selector: string) => boolean;
  /** A user's tap: reaches the page unless the button is disabled, as on a phone. */
  tap: (selector: string) => Promise<void>;
  /** A user typing into an input: the value the input reports, cut at its maxlength as WeChat does. */
  type: (selector: string, value: string) => Promise<void>;
  /** Polls (advancing the fake clock) until the condition holds; fails with the screen's text if it never does. */
  waitFor: (condition: () => boolean, what: string, maxFakeMs?: number) => Promise<void>;
  /** Lets every pending answer and update run (a bounded stretch of fake time). */
  settle: (fakeMs?: number) => Promise<void>;
  /** The rendered tree (tags and attributes), as j-component's toJSON gives it. */
  tree: () => unknown;
  unmount: () => void;
}

const PAGE = 'pages/face-verify/index';

/**
 * The built-in components that miniprogram-simulate stubs as bare `<slot/>`, given the properties the
 * real ones have where the page relies on them: a disabled button takes no taps, an input keeps at most
 * `maxlength` characters (140 by default, -1 for no limit) and takes no typing when disabled.
 */
export function registerNativeComponents(jComponent: JComponent) {
  jComponent.register({
    id: 'button',
    tagName: 'wx-button',
    template: '<slot/>',
    properties: { disabled: { type: Boolean, value: false }, loading: { type: Boolean, value: false } },
  });
  jComponent.register({
    id: 'input',
    tagName: 'wx-input',
    template: '<slot/>',
    properties: {
      value: { type: String, value: '' },
      maxlength: { type: Number, value: 140 },
      disabled: { type: Boolean, value: false },
      type: { type: String, value: 'text' },
      placeholder: { type: String, value: '' },
    },
  });
}

/** A finger on a button: a disabled button does not respond to touch, so its tap handler never runs. */
export function userTap(button: SimComponent) {
  if (button.instance?.data?.disabled === true) return;
  button.dispatchEvent('tap');
}

/** Typing into an input: nothing when it is disabled; else the value WeChat reports, cut at maxlength. */
export function userType(input: SimComponent, value: string) {
  const data = input.instance?.data ?? {};
  if (data.disabled === true) return;
  const limit = typeof data.maxlength === 'number' ? data.maxlength : 140;
  const typed = limit < 0 ? value : [...value].slice(0, limit).join('');
  input.dispatchEvent('input', { detail: { value: typed, cursor: typed.length, keyCode: 0 } });
}

function installHost(fake: FakeWx, simulateWx: Record<string, unknown>) {
  const host = globalThis as Record<string, unknown>;
  const wx = Object.assign(simulateWx, fake.api);
  delete wx.webpackJsonp; // a second boot must run the chunks again
  host.wx = wx;
  let app: Record<string, unknown> = {};
  const pages: unknown[] = [];
  host.App = (config: Record<string, unknown>) => {
    app = config;
  };
  host.getApp = () => app;
  host.getCurrentPages = () => pages;
  host.requirePlugin = () => ({});
  // Taro calls Page(); the simulator mounts pages as components (as Tencent's own tdesign tests do).
  host.Page = (config: Record<string, unknown>) => {
    const methods = Object.fromEntries(Object.entries(config).filter(([, value]) => typeof value === 'function'));
    (host.Component as (definition: unknown) => void)({ data: config.data ?? {}, methods });
  };
  return { app: () => app, pages };
}

export async function bootPage(options: BootOptions): Promise<SimulatedPage> {
  const dist = weappBuildDir();
  if (!existsSync(join(dist, '.complete'))) throw new Error(`no weapp build at ${dist}: the weapp project's globalSetup builds it`);
  // A fresh module registry per boot: the simulator, its components and the build's chunks load anew.
  jest.resetModules();
  const simulate = jest.requireActual<Simulate>('miniprogram-simulate');
  registerNativeComponents(jest.requireActual<JComponent>('j-component'));
  const fake = createFakeWx(options.device, options.responders, options.missing);
  const host = installHost(fake, (globalThis as unknown as { wx: Record<string, unknown> }).wx);

  jest.requireActual(join(dist, 'app.js'));
  const app = host.app() as { onLaunch?: (o: unknown) => void; onShow?: (o: unknown) => void };
  const launch = { path: PAGE, query: options.query ?? {}, scene: 1001 };
  app.onLaunch?.(launch);
  app.onShow?.(launch);

  const id = simulate.load(join(dist, PAGE), 'page', { rootPath: dist });
  const page = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  page.attach(parent);
  const instance = page.instance as Record<string, unknown> & { route?: string };
  instance.route = PAGE;
  host.pages.push(instance);
  page.instance.onLoad?.(options.query ?? {});
  page.instance.onShow?.();
  page.instance.onReady?.();

  const text = () => (page.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
  const find = (selector: string) => {
    const element = page.querySelector(selector);
    if (element == null) throw new Error(`${selector} is not on the screen: ${text()}`);
    return element;
  };
  const settle = async (fakeMs = 50) => {
    await jest.advanceTimersByTimeAsync(fakeMs);
  };
  const waitFor = async (condition: () => boolean, what: string, maxFakeMs = 60_000) => {
    const started = Date.now(); // the fake clock's
    while (!condition()) {
      if (Date.now() - started > maxFakeMs) {
        throw new Error(`still waiting for ${what} after ${maxFakeMs} ms of fake time; the screen says: ${text()}`);
      }
      // Straight to the next thing scheduled (a native answer, a render, a backoff, a timeout); with nothing
      // scheduled, a small step lets pending promises settle.
      if (jest.getTimerCount() > 0) await jest.advanceTimersToNextTimerAsync();
      else await jest.advanceTimersByTimeAsync(10);
    }
  };

  return {
    wx: fake,
    text,
    waitForText: (wanted) => waitFor(() => text().includes(wanted), `"${wanted}" on the screen`),
    has: (selector) => page.querySelector(selector) != null,
    tap: async (selector) => {
      userTap(find(selector));
      await settle(0);
    },
    type: async (selector, value) => {
      userType(find(selector), value);
      await settle(0);
    },
    waitFor,
    settle,
    tree: () => page.toJSON(),
    unmount: () => {
      page.instance.onUnload?.();
      page.detach();
      parent.remove();
    },
  };
}

/**
 * The simulator's built-in components behave as WeChat's where the page relies on them: a disabled button
 * takes no taps, an input keeps at most maxlength characters and takes no typing when disabled. Checked on a
 * small component of its own, so the page scenarios can trust `tap` and `type`.
 */
import { registerNativeComponents, userTap, userType, type JComponent, type SimComponent } from './simulator';

type Simulate = { load: (definition: Record<string, unknown>) => string; render: (id: string) => SimComponent };

function mount() {
  jest.resetModules();
  const simulate = jest.requireActual<Simulate>('miniprogram-simulate');
  registerNativeComponents(jest.requireActual<JComponent>('j-component'));
  const taps: string[] = [];
  const typed: string[] = [];
  const id = simulate.load({
    template: `
      <button id="on" bindtap="onTap" data-name="on">on</button>
      <button id="off" disabled="{{true}}" bindtap="onTap" data-name="off">off</button>
      <input id="short" maxlength="{{3}}" bindinput="onInput" />
      <input id="free" maxlength="{{-1}}" bindinput="onInput" />
      <input id="locked" disabled="{{true}}" bindinput="onInput" />`,
    methods: {
      onTap: (event: { currentTarget: { dataset: { name: string } } }) => taps.push(event.currentTarget.dataset.name),
      onInput: (event: { detail: { value: string } }) => typed.push(event.detail.value),
    },
  });
  const component = simulate.render(id);
  component.attach(document.createElement('parent-wrapper'));
  const get = (selector: string) => component.querySelector(selector)!;
  return { get, taps, typed };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a disabled button ignores taps; an enabled one takes them', async () => {
  const { get, taps } = mount();
  userTap(get('#off'));
  userTap(get('#on'));
  userTap(get('#off'));
  await turn();
  expect(taps).toEqual(['on']);
});

test('an input reports at most maxlength characters (-1: no limit), and a disabled one takes no typing', async () => {
  const { get, typed } = mount();
  userType(get('#short'), '12345');
  userType(get('#free'), '12345');
  userType(get('#locked'), 'abc');
  await turn();
  expect(typed).toEqual(['123', '12345']);
});

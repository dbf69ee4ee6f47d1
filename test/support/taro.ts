/**
 * `@tarojs/taro` for Jest: the few APIs the page and the demo app call, as mocks. Tests set the page's
 * query with `setRouterParams` and read navigation calls from the `jest.fn()`s.
 */
type Params = Record<string, string | undefined>;

let routerParams: Params = {};

/** Sets what `useRouter().params` and `getCurrentInstance().router.params` return. */
export function setRouterParams(params: Params): void {
  routerParams = { ...params };
}

export const useRouter = () => ({ params: routerParams, path: '/pages/face-verify/index' });
export const getCurrentInstance = () => ({ router: { params: routerParams, path: '/pages/face-verify/index' }, page: null, app: null });
export const useDidShow = (_callback: () => void) => undefined;
export const useDidHide = (_callback: () => void) => undefined;
export const useReady = (_callback: () => void) => undefined;
export const navigateTo = jest.fn((_options: { url: string }) => Promise.resolve({ errMsg: 'navigateTo:ok' }));
export const redirectTo = jest.fn((_options: { url: string }) => Promise.resolve({ errMsg: 'redirectTo:ok' }));
export const navigateBack = jest.fn((_options?: { delta?: number }) => Promise.resolve({ errMsg: 'navigateBack:ok' }));
export const reLaunch = jest.fn((_options: { url: string }) => Promise.resolve({ errMsg: 'reLaunch:ok' }));
export const showToast = jest.fn((_options: { title: string }) => Promise.resolve({ errMsg: 'showToast:ok' }));
export const pageScrollTo = jest.fn((_options: { scrollTop?: number; duration?: number }) =>
  Promise.resolve({ errMsg: 'pageScrollTo:ok' }),
);
export const getCurrentPages = jest.fn(() => [] as unknown[]);
export const getEnv = () => 'WEB';
export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB' } as const;

const Taro = {
  useRouter,
  getCurrentInstance,
  useDidShow,
  useDidHide,
  useReady,
  navigateTo,
  redirectTo,
  navigateBack,
  reLaunch,
  showToast,
  pageScrollTo,
  getCurrentPages,
  getEnv,
  ENV_TYPE,
};

export default Taro;
